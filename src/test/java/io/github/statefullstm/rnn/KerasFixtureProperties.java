package io.github.statefullstm.rnn;

import io.github.statefullstm.rnn.dl4j.Dl4jEngine;
import io.github.statefullstm.rnn.reference.ReferenceEngine;
import io.github.statefullstm.spec.Claim;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Both engines against numbers an independent Keras implementation produced: TensorFlow.js's layers API, a port of
 * Keras, run on configurations written to {@code src/test/resources/keras-fixtures/} by
 * {@code tools/keras-fixtures/make-fixtures.js}. Each engine gets the fixture's weights and initial state and runs its
 * two batches in order, carrying the state itself as Keras did; predictions, final and carried states, losses and
 * gradients must be Keras' up to float32 rounding. Every fixture runs once on every engine.
 *
 * <p>Unlike the engine-neutral suites beside it, this class names both engines: the fixtures are one oracle for every
 * engine, and a failure names the engine and the fixture, batch and value that disagree.
 */
@Label("Both engines compute what Keras computes")
class KerasFixtureProperties {

    /** Keras here is TF.js: float32 throughout, its hard sigmoid's 0.2 a float32 too. */
    private static final Arithmetic KERAS = Arithmetic.TFJS_FLOAT32;

    /** The post's LSTM, then a GRU and stacks of two LSTM layers: every one-output shape the fixtures hold. */
    private static final List<KerasFixture> FIXTURES = java.util.stream.Stream.concat(KerasFixture.all().stream(),
            KerasFixture.furtherShapes().stream()).toList();

    /** One fixture (of any shape) on one engine. */
    record OnEngine<F>(F fixture, LstmEngine engine) {
        @Override
        public String toString() {
            return engine.name() + ": " + fixture;
        }
    }

    /** Every fixture of the list on every engine. */
    private static <F> Arbitrary<OnEngine<F>> onEveryEngine(List<F> fixtures) {
        return Combinators.combine(Arbitraries.of(fixtures), Arbitraries.of(new ReferenceEngine(), new Dl4jEngine()))
                .as(OnEngine::new);
    }

    @Provide
    Arbitrary<OnEngine<KerasFixture>> everyFixtureOnEveryEngine() {
        return onEveryEngine(FIXTURES);
    }

    /** The engine and how the fixture's model starts, for the statistics of every fixture property. */
    private static void collectEngineAndMode(LstmEngine engine, boolean stateful, Object initialState) {
        Statistics.label("engine").collect(engine.name());
        Statistics.label("mode").collect(stateful ? (initialState == null ? "stateful from zeros"
                : "stateful from a carried state") : "stateless");
    }

    private static void collect(OnEngine<KerasFixture> run) {
        KerasFixture f = run.fixture();
        collectEngineAndMode(run.engine(), f.stateful(), f.initialState());
        Statistics.label("gates").collect(f.spec().gateActivation());
        Statistics.label("rows").collect(f.batchSize());
        Statistics.label("units").collect(f.spec().units());
        Statistics.label("shape").collect(f.spec().layers() > 1 ? f.spec().layers() + " layers of " + f.spec().cell().id()
                : "one " + f.spec().cell().id());
        long clipped = f.batches().stream().mapToLong(b -> SaturatedHead.clipped(b.predictions())).sum();
        Statistics.label("rows Keras clips").collect(clipped == 0 ? "none" : "some");
    }

    /** What each engine computes in: every comparison is held to its bounds and Keras' on the inputs compared. */
    private static Arithmetic arithmeticOf(LstmEngine engine) {
        return engine instanceof Dl4jEngine ? Arithmetic.ND4J_DOUBLE : Arithmetic.REFERENCE;
    }

    private static String at(OnEngine<KerasFixture> run, int batch) {
        return run.fixture().name() + ", batch " + batch;
    }

    @Property(generation = GenerationMode.EXHAUSTIVE)
    @Claim({"KERAS-1", "SHAPE-3"})
    void predictionsAndStatesAreKeras(@ForAll("everyFixtureOnEveryEngine") OnEngine<KerasFixture> run) {
        collect(run);
        Statistics.label("mode").coverage(coverage -> {
            coverage.check("stateless").count(n -> n > 0);
            coverage.check("stateful from zeros").count(n -> n > 0);
            coverage.check("stateful from a carried state").count(n -> n > 0);
        });
        Statistics.label("gates").coverage(coverage -> {
            coverage.check(GateActivation.SIGMOID).count(n -> n > 0);
            coverage.check(GateActivation.HARD_SIGMOID).count(n -> n > 0);
        });
        Statistics.label("rows Keras clips").coverage(coverage -> coverage.check("some").count(n -> n > 0));
        Statistics.label("shape").coverage(coverage -> {
            coverage.check("one lstm").count(n -> n > 0);
            coverage.check("one gru").count(n -> n > 0);
            coverage.check("2 layers of lstm").count(n -> n > 0);
        });
        KerasFixture f = run.fixture();
        LstmModel model = f.buildOn(run.engine());
        for (int b = 0; b < f.batches().size(); b++) {
            KerasFixture.Batch batch = f.batches().get(b);
            // Each side carries its own state: the bounds are those of everything a row has read since the start.
            Agreement agree = Agreement.within(Tolerance.forward(f.weights().canonical(), f.spec().gateActivation(),
                    f.streamUpTo(b), f.stateBefore(0), KERAS, arithmeticOf(run.engine())), run.engine().name());
            agree.outputs(at(run, b) + ", predictions", batch.predictions(), model.predictOnBatch(batch.inputs()));
            agree.states(at(run, b) + ", final state", batch.finalState().canonical(), model.finalStates());
            if (f.stateful()) {
                agree.states(at(run, b) + ", state carried to the next batch", batch.finalState().canonical(),
                        model.states());
            }
        }
    }

    @Provide
    Arbitrary<OnEngine<KerasEveryStepFixture>> everyPerStepFixtureOnEveryEngine() {
        return onEveryEngine(KerasEveryStepFixture.all());
    }

    @Property(generation = GenerationMode.EXHAUSTIVE)
    @Claim("OUT-2")
    void answersAtEveryStepAreKerasReturnSequences(@ForAll("everyPerStepFixtureOnEveryEngine")
                                                   OnEngine<KerasEveryStepFixture> run) {
        KerasEveryStepFixture f = run.fixture();
        collectEngineAndMode(run.engine(), f.stateful(), f.initialState());
        Statistics.label("mode").coverage(coverage -> {
            coverage.check("stateless").count(n -> n > 0);
            coverage.check("stateful from a carried state").count(n -> n > 0);
        });
        LstmModel model = f.buildOn(run.engine());
        for (int b = 0; b < f.batches().size(); b++) {
            KerasEveryStepFixture.Batch batch = f.batches().get(b);
            double[][] answers = model.predictEveryStepOnBatch(batch.inputs());
            for (int step = 0; step < f.steps(); step++) {
                double[] keras = new double[f.batchSize()];
                double[] engine = new double[f.batchSize()];
                for (int row = 0; row < f.batchSize(); row++) {
                    keras[row] = batch.predictions()[row][step];
                    engine[row] = answers[row][step];
                }
                // each side has read the same steps from the same first state by then: the bounds are of those steps
                Agreement agree = Agreement.within(Tolerance.forward(f.weights().canonical(),
                        f.spec().gateActivation(), f.readBy(b, step), f.firstState(), KERAS,
                        arithmeticOf(run.engine())), run.engine().name());
                agree.outputs(f.name() + ", batch " + b + ", step " + step + ", answers", keras, engine);
            }
            Agreement agree = Agreement.within(Tolerance.forward(f.weights().canonical(), f.spec().gateActivation(),
                    f.readBy(b, f.steps() - 1), f.firstState(), KERAS, arithmeticOf(run.engine())),
                    run.engine().name());
            agree.states(f.name() + ", batch " + b + ", final state", batch.finalState().canonical(),
                    model.finalStates());
        }
    }

    @Property(generation = GenerationMode.EXHAUSTIVE)
    @Claim("OUT-5")
    void lossesAndGradientsAtChosenStepsAreKeras(@ForAll("everyPerStepFixtureOnEveryEngine")
                                                 OnEngine<KerasEveryStepFixture> run) {
        KerasEveryStepFixture f = run.fixture();
        collectEngineAndMode(run.engine(), f.stateful(), f.initialState());
        LstmModel model = f.buildOn(run.engine());
        for (int b = 0; b < f.batches().size(); b++) {
            KerasEveryStepFixture.Batch batch = f.batches().get(b);
            // from the state Keras started the batch from, so that both differentiate one function
            LstmState incoming = f.stateBefore(b);
            if (f.stateful()) {
                model.resetStates(incoming);
            }
            StepTargets targets = f.stepTargets(b);
            Agreement agree = Agreement.within(Tolerance.gradient(f.weights().canonical(), f.spec().gateActivation(),
                    batch.inputs(), incoming, targets, KERAS, arithmeticOf(run.engine())), run.engine().name());
            String where = f.name() + ", batch " + b;
            agree.weights(where + ", gradient at the masked steps", batch.gradient().canonical(),
                    model.gradientOnBatch(batch.inputs(), targets));
            agree.loss(where + ", mean loss over the masked steps", batch.loss(),
                    model.testOnBatch(batch.inputs(), targets).loss());
        }
    }

    @Property(generation = GenerationMode.EXHAUSTIVE)
    @Claim({"KERAS-1", "SHAPE-3"})
    void lossesAreKerasClippedCrossEntropy(@ForAll("everyFixtureOnEveryEngine") OnEngine<KerasFixture> run) {
        collect(run);
        KerasFixture f = run.fixture();
        LstmModel model = f.buildOn(run.engine());
        for (int b = 0; b < f.batches().size(); b++) {
            KerasFixture.Batch batch = f.batches().get(b);
            Agreement agree = Agreement.within(Tolerance.forward(f.weights().canonical(), f.spec().gateActivation(),
                    f.streamUpTo(b), f.stateBefore(0), batch.targets(), KERAS, arithmeticOf(run.engine())),
                    run.engine().name());
            agree.loss(at(run, b), batch.loss(), model.testOnBatch(batch.inputs(), batch.targets()).loss());
        }
    }

    @Property(generation = GenerationMode.EXHAUSTIVE)
    @Claim({"KERAS-1", "SHAPE-3"})
    void gradientsAreKerasBeforeTheOptimizer(@ForAll("everyFixtureOnEveryEngine") OnEngine<KerasFixture> run) {
        collect(run);
        KerasFixture f = run.fixture();
        LstmModel model = f.buildOn(run.engine());
        for (int b = 0; b < f.batches().size(); b++) {
            KerasFixture.Batch batch = f.batches().get(b);
            // Each gradient from the state Keras started the batch from, so that both differentiate one function.
            LstmState incoming = f.stateBefore(b);
            if (f.stateful()) {
                model.resetStates(incoming);
            }
            boolean[] kerasClipped = new boolean[batch.predictions().length];
            for (int row = 0; row < kerasClipped.length; row++) {
                kerasClipped[row] = KerasCrossEntropy.clipped(batch.predictions()[row]);
            }
            Agreement agree = Agreement.within(Tolerance.gradient(f.weights().canonical(), f.spec().gateActivation(),
                    batch.inputs(), incoming, batch.targets(), KERAS, arithmeticOf(run.engine()), kerasClipped),
                    run.engine().name());
            int undetermined = agree.weights(at(run, b) + ", gradient", batch.gradient().canonical(),
                    model.gradientOnBatch(batch.inputs(), batch.targets()));
            if (undetermined > 0) {
                throw new AssertionError(at(run, b) + ": " + undetermined + " weights pass a kink within rounding;"
                        + " a fixture must be one every weight of which can be checked");
            }
        }
    }
}
