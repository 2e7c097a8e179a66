package io.github.statefullstm.rnn.reference;

import io.github.statefullstm.rnn.Agreement;
import io.github.statefullstm.rnn.Arithmetic;
import io.github.statefullstm.rnn.BatchScenario;
import io.github.statefullstm.rnn.GateActivation;
import io.github.statefullstm.rnn.KerasEquations;
import io.github.statefullstm.rnn.LstmModel;
import io.github.statefullstm.rnn.LstmSpec;
import io.github.statefullstm.rnn.LstmState;
import io.github.statefullstm.rnn.LstmWeights;
import io.github.statefullstm.rnn.SaturatedHead;
import io.github.statefullstm.rnn.Tolerance;
import io.github.statefullstm.spec.Claim;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Group;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * The reference engine's gradients are the true gradients of its loss: back-propagation against the exact
 * derivatives of Keras' equations, carried forward weight by weight as dual numbers ({@link KerasEquations}), whose
 * loss is checked against the model's own {@code testOnBatch}. Unlike a finite difference, a dual number has no step
 * to choose and no truncation error; both sides are off by rounding only, within the error analysis' bounds.
 */
class ReferenceGradientProperties {

    private static final int MAX_ROWS = 3;
    private static final int MAX_STEPS = 4;
    private static final int MAX_FEATURES = 2;
    private static final int MAX_UNITS = 3;
    private static final int TRIES = 100;
    private static final String ENGINE = "reference";

    private final ReferenceEngine engine = new ReferenceEngine();

    @Provide
    Arbitrary<BatchScenario> smallGradientScenarios() {
        Arbitrary<LstmSpec> specs = Combinators.combine(
                Arbitraries.integers().between(1, MAX_FEATURES),
                Arbitraries.integers().between(1, MAX_UNITS),
                Arbitraries.of(GateActivation.class)).as(LstmSpec::new);
        return Combinators.combine(specs, Arbitraries.longs(), Arbitraries.integers().between(1, MAX_ROWS),
                Arbitraries.integers().between(1, MAX_STEPS), Arbitraries.longs()).as(BatchScenario::new);
    }

    @Group
    @Label("REF-1: analytic gradients equal the exact derivatives of the loss")
    class Gradients {

        @Property(tries = TRIES)
        @Claim({"REF-1", "REF-9", "SHAPE-4"})
        void fullBpttFromTheZeroStateIsTheExactDerivative(@ForAll("smallGradientScenarios") BatchScenario s) {
            collect(s);
            LstmModel model = engine.build(s.statelessConfig());
            LstmWeights analytic = model.gradientOnBatch(s.inputs(0), s.targets(0));
            compareOn(s, 0, model, zeros(s), analytic);
        }

        /** The same where Keras clips the output: a clipped row's loss is flat, so both sides see no gradient. */
        @Property(tries = TRIES)
        @Claim({"REF-1", "REF-7", "REF-9"})
        void fullBpttIsTheExactDerivativeWhereKerasClipsTheOutput(@ForAll("smallGradientScenarios") BatchScenario s) {
            collect(s);
            LstmModel model = engine.build(s.statelessConfig());
            SaturatedHead.apply(model);
            Statistics.label("rows Keras clips").collect(SaturatedHead.clipped(model.predictOnBatch(s.inputs(0))));
            LstmWeights analytic = model.gradientOnBatch(s.inputs(0), s.targets(0));
            compareOn(s, 0, model, zeros(s), analytic);
        }

        /**
         * A central difference with step 1e-6 failed here by 1.7e-9 against a bound of 1.1e-9: its truncation error,
         * h² |f'''| / 6, is not small where the saturated head makes the loss's third derivative large. The exact
         * derivative has no such error.
         */
        @Example
        @Claim({"REF-1", "REF-7"})
        void theSampleWhereCentralDifferencesFellShortIsExact() {
            fullBpttIsTheExactDerivativeWhereKerasClipsTheOutput(
                    new BatchScenario(new LstmSpec(1, 3, GateActivation.SIGMOID), 1, 1, 3, -5));
        }

        /**
         * The model reaches its incoming state by a previous batch, so that state depends on the weights; the
         * gradient must still treat it as a constant (Keras' stateful train_on_batch stops at the batch boundary).
         */
        @Property(tries = TRIES)
        @Claim({"REF-1", "STATE-6", "SHAPE-4"})
        void truncatedBpttFromACarriedStateTreatsThatStateAsAConstant(
                @ForAll("smallGradientScenarios") BatchScenario s) {
            collect(s);
            LstmModel model = engine.build(s.statefulConfig());
            model.resetStates(s.state(0));
            model.predictOnBatch(s.inputs(0));
            LstmState carried = model.states();
            LstmWeights analytic = model.gradientOnBatch(s.inputs(1), s.targets(1));
            compareOn(s, 1, model, carried, analytic);
        }

        /**
         * Batch {@code batch}'s analytic gradient against the exact one from {@code incoming}, and the model's loss
         * (it advances a stateful model, so it comes last) against the equations'.
         */
        private void compareOn(BatchScenario s, int batch, LstmModel model, LstmState incoming, LstmWeights analytic) {
            LstmWeights weights = model.getWeights();
            GateActivation gate = s.spec().gateActivation();
            double[][][] inputs = s.inputs(batch);
            double[] targets = s.targets(batch);
            KerasEquations.Gradient exact = KerasEquations.withDerivatives(weights, gate, inputs, incoming,
                    Arithmetic.REFERENCE).gradient(targets);
            Agreement agree = Agreement.within(Tolerance.gradient(weights, gate, inputs, incoming, targets,
                    Arithmetic.REFERENCE, Arithmetic.REFERENCE), ENGINE);
            int undetermined = agree.weights("batch " + batch + ", gradient",
                    LstmWeights.unflatten(s.spec(), exact.values()), analytic);
            double equationsLoss = KerasEquations.forward(weights, gate, inputs, incoming, Arithmetic.REFERENCE)
                    .loss(targets);
            agree.loss("batch " + batch + ", the loss the gradient is of", equationsLoss,
                    model.testOnBatch(inputs, targets).loss());
            Statistics.label("weights left out: their derivative passes a kink within rounding")
                    .collect(undetermined);
            Statistics.label("largest share of its bound a difference used").collect(agree.largestShareOfTolerance());
            // A try that could check no weight at all is not a pass: jqwik counts it as rejected.
            Assume.that(undetermined < exact.values().length);
        }

        private LstmState zeros(BatchScenario s) {
            return LstmState.zeros(s.spec(), s.rows());
        }

        private void collect(BatchScenario s) {
            Statistics.label("rows").collect(s.rows());
            Statistics.label("steps").collect(s.steps());
            Statistics.label("gates").collect(s.spec().gateActivation());
        }
    }
}
