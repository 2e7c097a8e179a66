package io.github.statefullstm.rnn;

import io.github.statefullstm.spec.Claim;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Group;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The post's statements about state, as properties any {@link LstmEngine} must satisfy, written once. An engine's
 * test class extends this, names the engine and the tolerance its arithmetic earns, and runs the identical suite.
 *
 * <p>How many tries: {@value #DEFAULT_TRIES} per property. A slower engine lowers it by putting its own
 * {@code @PropertyDefaults(tries = ...)} on its subclass, which jqwik applies to the inherited groups too.
 */
@PropertyDefaults(tries = StatefulnessProperties.DEFAULT_TRIES)
public abstract class StatefulnessProperties {

    /** Each try is a handful of tiny batches: on the reference engine the whole suite takes about a second. */
    public static final int DEFAULT_TRIES = 100;
    /** Small shapes find the same bugs as big ones and keep failures readable. */
    private static final int MAX_STEPS = 5;
    /** Long enough for several cuts in one sequence. */
    private static final int MAX_CHUNKED_STEPS = 8;
    /** Consecutive batches in a stateful run: enough for a state to travel twice or more. */
    private static final int MAX_BATCHES = 4;

    /** The engine under test. */
    protected abstract LstmEngine engine();

    /**
     * How far two computations that should agree may differ, relative to the larger magnitude (at least 1):
     * 0 for an engine that computes every row with the same operations in the same order, about 1e-5 for float.
     */
    protected abstract double tolerance();

    private Agreement agree() {
        return new Agreement(tolerance(), engine().name());
    }

    private LstmModel build(ModelConfig config) {
        return engine().build(config);
    }

    // ---------------------------------------------------------------- generators

    @Provide
    Arbitrary<BatchScenario> smallBatchScenarios() {
        return BatchScenario.any(1, MAX_STEPS);
    }

    /** At least two rows, so that "the other rows" exist. */
    @Provide
    Arbitrary<BatchScenario> multiRowScenarios() {
        return BatchScenario.any(2, MAX_STEPS);
    }

    @Provide
    Arbitrary<StatefulRun> statefulRuns() {
        return Combinators.combine(smallBatchScenarios(), Arbitraries.integers().between(1, MAX_BATCHES))
                .as(StatefulRun::new);
    }

    /** A sequence of two or more steps and one way to cut it into consecutive chunks. */
    @Provide
    Arbitrary<ChunkedRun> chunkedSequences() {
        Arbitrary<BatchScenario> sequences = BatchScenario.any(1, MAX_CHUNKED_STEPS).filter(s -> s.steps() >= 2);
        return sequences.flatMap(s -> Arbitraries.integers().between(1, s.steps() - 1).set()
                .map(cuts -> new ChunkedRun(s, chunkLengths(s.steps(), cuts))));
    }

    @Provide
    Arbitrary<BadCall> badCalls() {
        return Combinators.combine(multiRowScenarios(), Arbitraries.of(Fault.class), Arbitraries.of(Call.class))
                .as(BadCall::new);
    }

    private static List<Integer> chunkLengths(int steps, java.util.Set<Integer> cuts) {
        List<Integer> lengths = new ArrayList<>();
        int begin = 0;
        for (int cut : new java.util.TreeSet<>(cuts)) {
            lengths.add(cut - begin);
            begin = cut;
        }
        lengths.add(steps - begin);
        return lengths;
    }

    /** A stateful stream of {@code batches} batches drawn from the scenario. */
    public record StatefulRun(BatchScenario scenario, int batches) {
    }

    /** One sequence batch and the lengths of the chunks it is fed in; they add up to its steps. */
    public record ChunkedRun(BatchScenario scenario, List<Integer> chunkLengths) {
    }

    /** A call with one thing wrong with it. */
    public record BadCall(BatchScenario scenario, Fault fault, Call call) {
    }

    /** What is wrong with a {@link BadCall}. */
    public enum Fault {
        WRONG_BATCH_SIZE, WRONG_FEATURES, RAGGED_STEPS, ZERO_STEPS, NAN_INPUT, INFINITE_INPUT,
        TARGET_NOT_BINARY, WRONG_TARGET_COUNT, STATE_WRONG_ROWS, STATE_WRONG_UNITS, WEIGHTS_WRONG_SHAPE
    }

    /** Which batch call carries an input or target fault; state and weight faults have their own call. */
    public enum Call { PREDICT, TRAIN, TEST, GRADIENT }

    // ---------------------------------------------------------------- STATE-1

    @Group
    @Label("STATE-1: inside a batch every row has its own state")
    class RowsAreIndependent {

        @Property
        @Claim("STATE-1")
        void aRowsOutputAndFinalStateDoNotDependOnTheOtherRows(@ForAll("multiRowScenarios") BatchScenario s,
                                                                @ForAll boolean stateful) {
            s.collectShape();
            Statistics.label("stateful").collect(stateful);
            int watched = s.someRow(0);
            double[][][] batch = s.inputs(0);
            double[][][] othersReplaced = Batches.keepOnlyRow(batch, watched, s.inputs(1));
            LstmModel original = build(s.config(stateful));
            LstmModel replaced = build(s.config(stateful));
            if (stateful) {
                original.resetStates(s.state(0));
                replaced.resetStates(s.state(1).withRow(watched, s.state(0), watched));
            }
            double[] expected = original.predictOnBatch(batch);
            double[] actual = replaced.predictOnBatch(othersReplaced);

            String where = "batch 0, other rows replaced, watching row " + watched;
            agree().outputs(where, expected, watched, actual, watched);
            agree().stateRow(where + ", final state", original.finalStates(), watched, replaced.finalStates(), watched);
        }

        @Property
        @Claim("STATE-1")
        void permutingTheRowsPermutesOutputsAndFinalStates(@ForAll("multiRowScenarios") BatchScenario s,
                                                          @ForAll boolean stateful) {
            s.collectShape();
            Statistics.label("stateful").collect(stateful);
            int[] order = permutation(s.rows(), s.random(0, 0));
            LstmModel inOrder = build(s.config(stateful));
            LstmModel permuted = build(s.config(stateful));
            if (stateful) {
                inOrder.resetStates(s.state(0));
                permuted.resetStates(Batches.permute(s.state(0), order));
            }
            double[] expected = inOrder.predictOnBatch(s.inputs(0));
            double[] actual = permuted.predictOnBatch(Batches.permute(s.inputs(0), order));

            for (int row = 0; row < s.rows(); row++) {
                String where = "batch 0, rows permuted to " + java.util.Arrays.toString(order);
                agree().outputs(where, expected, order[row], actual, row);
                agree().stateRow(where + ", final state", inOrder.finalStates(), order[row],
                        permuted.finalStates(), row);
            }
        }

        private int[] permutation(int size, SplittableRandom random) {
            int[] order = new int[size];
            for (int i = 0; i < size; i++) {
                order[i] = i;
            }
            for (int i = size - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int swap = order[i];
                order[i] = order[j];
                order[j] = swap;
            }
            return order;
        }
    }

    // ---------------------------------------------------------------- STATE-2

    @Group
    @Label("STATE-2: a stateful model carries row i's final state to row i of the next batch, and nowhere else")
    class StateGoesToTheSameRow {

        @Property
        @Claim("STATE-2")
        void eachRowStartsTheNextBatchFromItsOwnFinalState(@ForAll("statefulRuns") StatefulRun run) {
            BatchScenario s = run.scenario();
            s.collectShape();
            Statistics.label("batches").collect(run.batches());
            LstmModel model = build(s.statefulConfig());
            model.resetStates(s.state(0));
            agree().states("states() right after resetStates(state)", s.state(0), model.states());

            for (int batch = 0; batch < run.batches(); batch++) {
                model.predictOnBatch(s.inputs(batch));
                agree().states("initial state of batch " + (batch + 1) + " vs final state of batch " + batch,
                        model.finalStates(), model.states());
            }
        }

        @Property
        @Claim("STATE-2")
        void eachRowBehavesAsItsOwnStreamFedAloneToABatchOfOne(@ForAll("statefulRuns") StatefulRun run) {
            BatchScenario s = run.scenario();
            s.collectShape();
            Statistics.label("batches").collect(run.batches());
            LstmModel batched = build(s.statefulConfig());
            batched.resetStates(s.state(0));
            List<LstmModel> alone = new ArrayList<>();
            for (int row = 0; row < s.rows(); row++) {
                LstmModel single = build(ModelConfig.stateful(s.spec(), 1, s.weightSeed()));
                single.resetStates(Batches.row(s.state(0), row));
                alone.add(single);
            }

            for (int batch = 0; batch < run.batches(); batch++) {
                double[][][] inputs = s.inputs(batch);
                double[] outputs = batched.predictOnBatch(inputs);
                for (int row = 0; row < s.rows(); row++) {
                    double[] own = alone.get(row).predictOnBatch(Batches.row(inputs, row));
                    String where = "batch " + batch + ", row " + row + " of the batch vs its stream fed alone";
                    agree().outputs(where, own, 0, outputs, row);
                    agree().stateRow(where + ", carried state", alone.get(row).states(), 0, batched.states(), row);
                }
            }
        }
    }

    // ---------------------------------------------------------------- STATE-3

    @Group
    @Label("STATE-3: resetStates() returns every row to zero, as in a freshly built model")
    class Reset {

        @Property
        @Claim("STATE-3")
        void afterResetStatesTheNextBatchMatchesAFreshModelWithTheSameWeights(@ForAll("statefulRuns") StatefulRun run) {
            BatchScenario s = run.scenario();
            s.collectShape();
            LstmModel model = build(s.statefulConfig());
            model.resetStates(s.state(0));
            for (int batch = 0; batch < run.batches(); batch++) {
                model.trainOnBatch(s.inputs(batch), s.targets(batch));
            }
            model.resetStates();
            if (!model.states().isZero()) {
                throw new AssertionError("[" + engine().name() + "] after " + run.batches()
                        + " batches and resetStates(), states() = " + model.states());
            }
            LstmModel fresh = build(s.statefulConfig());
            fresh.setWeights(model.getWeights());

            double[][][] next = s.inputs(run.batches());
            String where = "first batch after resetStates() (batch " + run.batches() + ") vs a fresh model";
            agree().outputs(where, fresh.predictOnBatch(next), model.predictOnBatch(next));
            agree().states(where + ", final state", fresh.finalStates(), model.finalStates());
        }
    }

    // ---------------------------------------------------------------- STATE-4

    @Group
    @Label("STATE-4: a sequence fed in chunks with carried state gives what it gives fed whole")
    class Chunking {

        @Property
        @Claim("STATE-4")
        void feedingASequenceInChunksEqualsFeedingItWhole(@ForAll("chunkedSequences") ChunkedRun run) {
            BatchScenario s = run.scenario();
            s.collectShape();
            Statistics.label("chunks").collect(run.chunkLengths().size());
            double[][][] sequence = s.inputs(0);
            LstmModel chunked = build(s.statefulConfig());
            LstmModel whole = build(s.statefulConfig());
            chunked.resetStates(s.state(0));

            int end = 0;
            for (int chunk = 0; chunk < run.chunkLengths().size(); chunk++) {
                int begin = end;
                end += run.chunkLengths().get(chunk);
                double[] chunkOutputs = chunked.predictOnBatch(Batches.steps(sequence, begin, end));
                whole.resetStates(s.state(0));
                double[] prefixOutputs = whole.predictOnBatch(Batches.steps(sequence, 0, end));

                String where = "chunk " + chunk + " (steps " + begin + ".." + (end - 1) + ") of chunks "
                        + run.chunkLengths() + " vs steps 0.." + (end - 1) + " at once";
                agree().outputs(where, prefixOutputs, chunkOutputs);
                agree().states(where + ", final state", whole.finalStates(), chunked.finalStates());
            }
        }
    }

    // ---------------------------------------------------------------- STATE-5

    @Group
    @Label("STATE-5: a stateless model starts every batch from zeros, whatever came before")
    class StatelessMeansFresh {

        @Property
        @Claim("STATE-5")
        void aStatelessBatchStartsFromZerosWhateverCameBefore(@ForAll("statefulRuns") StatefulRun run) {
            BatchScenario s = run.scenario();
            s.collectShape();
            Statistics.label("batches before").collect(run.batches());
            LstmModel model = build(s.statelessConfig());
            for (int batch = 0; batch < run.batches(); batch++) {
                // other shapes first: a stateless model takes any rows and steps, and must keep nothing of them
                model.predictOnBatch(s.inputs(batch, 1 + batch % s.rows(), 1 + batch % s.steps()));
                model.trainOnBatch(s.inputs(batch), s.targets(batch));
            }
            if (!model.states().isZero()) {
                throw new AssertionError("[" + engine().name() + "] stateless states() after " + run.batches()
                        + " batches = " + model.states());
            }
            LstmModel fresh = build(s.statelessConfig());
            fresh.setWeights(model.getWeights());

            double[][][] next = s.inputs(run.batches());
            String where = "stateless batch " + run.batches() + " vs a fresh model";
            agree().outputs(where, fresh.predictOnBatch(next), model.predictOnBatch(next));
            agree().states(where + ", final state", fresh.finalStates(), model.finalStates());
        }
    }

    // ---------------------------------------------------------------- STATE-6

    @Group
    @Label("STATE-6: trainOnBatch carries state exactly as the forward pass does")
    class TrainingCarriesState {

        @Property
        @Claim("STATE-6")
        void trainingLeavesTheStateItsForwardPassProduced(@ForAll("statefulRuns") StatefulRun run) {
            BatchScenario s = run.scenario();
            s.collectShape();
            Statistics.label("batches").collect(run.batches());
            LstmModel model = build(s.statefulConfig());
            model.resetStates(s.state(0));
            for (int batch = 0; batch < run.batches(); batch++) {
                LstmModel beforeUpdate = build(s.statefulConfig());
                beforeUpdate.setWeights(model.getWeights());
                beforeUpdate.resetStates(model.states());

                BatchResult expected = beforeUpdate.testOnBatch(s.inputs(batch), s.targets(batch));
                BatchResult actual = model.trainOnBatch(s.inputs(batch), s.targets(batch));

                String where = "batch " + batch + ", trainOnBatch vs testOnBatch with the pre-update weights";
                agree().value(where + ", loss", expected.loss(), actual.loss());
                agree().value(where + ", accuracy", expected.accuracy(), actual.accuracy());
                agree().states(where + ", carried state", beforeUpdate.states(), model.states());
                agree().states(where + ", final state", beforeUpdate.finalStates(), model.finalStates());
            }
        }

        @Property
        @Claim("STATE-6")
        void gradientOnBatchChangesNeitherStateNorWeights(@ForAll("statefulRuns") StatefulRun run,
                                                          @ForAll boolean stateful) {
            BatchScenario s = run.scenario();
            s.collectShape();
            LstmModel model = build(s.config(stateful));
            LstmModel untouched = build(s.config(stateful));
            if (stateful) {
                model.resetStates(s.state(0));
                untouched.resetStates(s.state(0));
            }
            LstmState stateBefore = model.states();
            LstmWeights weightsBefore = model.getWeights();
            for (int batch = 0; batch < run.batches(); batch++) {
                model.gradientOnBatch(s.inputs(batch), s.targets(batch));
            }
            // the same model before and after: nothing may move, not even by rounding
            Agreement exactly = new Agreement(0, engine().name());
            String where = "after " + run.batches() + " gradientOnBatch calls";
            exactly.states(where + ", carried state", stateBefore, model.states());
            exactly.weights(where, weightsBefore, model.getWeights());
            double[][][] next = s.inputs(run.batches());
            agree().outputs(where + ", the next batch vs a model that never computed a gradient",
                    untouched.predictOnBatch(next), model.predictOnBatch(next));
        }
    }

    // ---------------------------------------------------------------- STATE-7

    @Group
    @Label("STATE-7: a refused call says what is wrong and changes nothing")
    class Refusals {

        @Property
        @Claim("STATE-7")
        void aRefusedCallNamesTheProblemAndLeavesStateWeightsAndOptimizerAsTheyWere(
                @ForAll("badCalls") BadCall bad) {
            BatchScenario s = bad.scenario();
            s.collectShape();
            Statistics.label("fault").collect(bad.fault());
            LstmModel model = build(s.statefulConfig());
            LstmModel twin = build(s.statefulConfig());
            for (LstmModel m : List.of(model, twin)) { // same history, so the optimizer has moments to lose
                m.resetStates(s.state(0));
                m.trainOnBatch(s.inputs(0), s.targets(0));
            }

            LstmState stateBefore = model.states();
            LstmState finalBefore = model.finalStates();
            LstmWeights weightsBefore = model.getWeights();
            IllegalArgumentException refusal = refusalOf(() -> apply(bad, model));
            for (String word : expectedWords(bad)) {
                if (!refusal.getMessage().contains(word)) {
                    throw new AssertionError("[" + engine().name() + "] " + bad.fault() + " via " + bad.call()
                            + ": message \"" + refusal.getMessage() + "\" does not mention \"" + word + "\"");
                }
            }

            // the same model before and after: nothing may move, not even by rounding
            Agreement exactly = new Agreement(0, engine().name());
            String where = "after refused " + bad.fault() + " via " + bad.call();
            exactly.states(where + ", carried state", stateBefore, model.states());
            exactly.states(where + ", final state", finalBefore, model.finalStates());
            exactly.weights(where, weightsBefore, model.getWeights());
            // the optimizer is not observable directly: the next update must be the one a twin without the
            // refused call makes
            BatchResult expected = twin.trainOnBatch(s.inputs(1), s.targets(1));
            BatchResult actual = model.trainOnBatch(s.inputs(1), s.targets(1));
            agree().value(where + ", next batch's loss", expected.loss(), actual.loss());
            agree().weights(where + ", weights after the next update (optimizer moments)", twin.getWeights(),
                    model.getWeights());
        }

        private IllegalArgumentException refusalOf(Runnable call) {
            try {
                call.run();
            } catch (IllegalArgumentException refused) {
                return refused;
            }
            throw new AssertionError("[" + engine().name() + "] the call was accepted");
        }

        private void apply(BadCall bad, LstmModel model) {
            BatchScenario s = bad.scenario();
            double[][][] inputs = s.inputs(1);
            double[] targets = s.targets(1);
            int units = s.spec().units();
            switch (bad.fault()) {
                case WRONG_BATCH_SIZE -> inputs = s.inputs(1, s.rows() + 1, s.steps());
                case WRONG_FEATURES -> inputs = new BatchScenario(
                        new LstmSpec(s.spec().features() + 1, units, s.spec().gateActivation()),
                        s.weightSeed(), s.rows(), s.steps(), s.dataSeed()).inputs(1);
                case RAGGED_STEPS -> inputs[s.rows() - 1] = s.inputs(2, 1, s.steps() + 1)[0];
                case ZERO_STEPS -> inputs = new double[s.rows()][0][s.spec().features()];
                case NAN_INPUT, INFINITE_INPUT -> {
                    int[] at = badSpot(s);
                    inputs[at[0]][at[1]][at[2]] = bad.fault() == Fault.NAN_INPUT ? Double.NaN
                            : Double.NEGATIVE_INFINITY;
                }
                case TARGET_NOT_BINARY -> targets[s.someRow(1)] = 0.5;
                case WRONG_TARGET_COUNT -> targets = new double[s.rows() + 1];
                case STATE_WRONG_ROWS -> {
                    model.resetStates(LstmState.zeros(s.rows() + 1, units));
                    return;
                }
                case STATE_WRONG_UNITS -> {
                    model.resetStates(LstmState.zeros(s.rows(), units + 1));
                    return;
                }
                case WEIGHTS_WRONG_SHAPE -> {
                    model.setWeights(LstmWeights.zeros(s.spec().features(), units + 1));
                    return;
                }
            }
            boolean targetFault = bad.fault() == Fault.TARGET_NOT_BINARY || bad.fault() == Fault.WRONG_TARGET_COUNT;
            Call call = targetFault && bad.call() == Call.PREDICT ? Call.TRAIN : bad.call();
            switch (call) {
                case PREDICT -> model.predictOnBatch(inputs);
                case TRAIN -> model.trainOnBatch(inputs, targets);
                case TEST -> model.testOnBatch(inputs, targets);
                case GRADIENT -> model.gradientOnBatch(inputs, targets);
            }
        }

        /** Row, step and feature of the poisoned input. */
        private int[] badSpot(BatchScenario s) {
            SplittableRandom random = s.random(5, 0);
            return new int[] {random.nextInt(s.rows()), random.nextInt(s.steps()),
                    random.nextInt(s.spec().features())};
        }

        private List<String> expectedWords(BadCall bad) {
            return switch (bad.fault()) {
                case WRONG_BATCH_SIZE -> List.of("batch size");
                case WRONG_FEATURES -> List.of("features");
                case RAGGED_STEPS, ZERO_STEPS -> List.of("steps");
                case NAN_INPUT, INFINITE_INPUT -> {
                    int[] at = badSpot(bad.scenario());
                    yield List.of("row " + at[0], "step " + at[1], "feature " + at[2]);
                }
                case TARGET_NOT_BINARY, WRONG_TARGET_COUNT -> List.of("targets");
                case STATE_WRONG_ROWS -> List.of("rows");
                case STATE_WRONG_UNITS -> List.of("units");
                case WEIGHTS_WRONG_SHAPE -> List.of("weights");
            };
        }
    }
}
