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
import java.util.stream.IntStream;

/**
 * The post's statements about state, as properties any {@link LstmEngine} must satisfy, written once. An engine's
 * test class extends this, names the engine and the tolerance its arithmetic earns, and runs the identical suite.
 * The refusals (STATE-7) are a topic of their own, in {@link BadCallProperties}.
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

    /** The engine under test, its arithmetic, and whether its repeated computations agree to the bit. */
    protected abstract EngineUnderTest engineUnderTest();

    private LstmEngine engine() {
        return engineUnderTest().engine();
    }

    /** How far two of this engine's computations of one forward pass may be apart. */
    private Agreement agree(BatchScenario s, LstmModel model, double[][][] inputs, LstmState initial) {
        return agree(s, model, inputs, initial, null);
    }

    /** The same, with the loss and accuracy of {@code targets}; {@code model} holds the weights both use. */
    private Agreement agree(BatchScenario s, LstmModel model, double[][][] inputs, LstmState initial,
                            double[] targets) {
        return engineUnderTest().agreement(model.getWeights(), s.spec().gateActivation(), inputs, initial, targets);
    }

    /** The state a batch of {@code s} starts from: the scenario's first state if stateful, zeros if not. */
    private static LstmState start(BatchScenario s, boolean stateful) {
        return stateful ? s.state(0) : LstmState.zeros(s.spec(), s.rows());
    }

    /** Copies are copies: what an engine hands back as the state it holds must be that state, bit for bit. */
    private Agreement copied() {
        return engineUnderTest().copied();
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

    /** A batch of two or more rows and the row to watch while the others change. */
    @Provide
    Arbitrary<WatchedRow> watchedRows() {
        return multiRowScenarios().flatMap(s -> Arbitraries.integers().between(0, s.rows() - 1)
                .map(row -> new WatchedRow(s, row)));
    }

    /**
     * A batch of two or more rows and an order that moves some of them: the identity, which a shuffle of two rows
     * draws half the time, would only compare a batch with itself.
     */
    @Provide
    Arbitrary<RowOrder> rowPermutations() {
        return multiRowScenarios().flatMap(s -> Arbitraries.shuffle(IntStream.range(0, s.rows()).boxed().toList())
                .map(order -> new RowOrder(s, order)).filter(permuted -> permuted.moved() > 0));
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

    /** A batch and the row whose outputs and final state must not notice what the other rows hold. */
    public record WatchedRow(BatchScenario scenario, int row) {
    }

    /** A batch and a permutation of its rows: row r of the permuted batch is row {@code order.get(r)}. */
    public record RowOrder(BatchScenario scenario, List<Integer> order) {

        int[] asArray() {
            return order.stream().mapToInt(Integer::intValue).toArray();
        }

        long moved() {
            return IntStream.range(0, order.size()).filter(row -> order.get(row) != row).count();
        }
    }

    /** A stateful stream of {@code batches} batches drawn from the scenario. */
    public record StatefulRun(BatchScenario scenario, int batches) {
    }

    /** One sequence batch and the lengths of the chunks it is fed in; they add up to its steps. */
    public record ChunkedRun(BatchScenario scenario, List<Integer> chunkLengths) {
    }

    // ---------------------------------------------------------------- STATE-1

    @Group
    @Label("STATE-1: inside a batch every row has its own state")
    class RowsAreIndependent {

        @Property
        @Claim("STATE-1")
        void aRowsOutputAndFinalStateDoNotDependOnTheOtherRows(@ForAll("watchedRows") WatchedRow watchedRow,
                                                                @ForAll boolean stateful) {
            BatchScenario s = watchedRow.scenario();
            int watched = watchedRow.row();
            s.collectShape();
            Statistics.label("stateful").collect(stateful);
            Statistics.label("watched row").collect(watched == 0 ? "first" : watched == s.rows() - 1 ? "last"
                    : "inside");
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
            Agreement agree = agree(s, original, batch, start(s, stateful));
            agree.outputs(where, expected, watched, actual, watched);
            agree.stateRow(where + ", final state", original.finalStates(), watched, replaced.finalStates(), watched);
        }

        @Property
        @Claim("STATE-1")
        void permutingTheRowsPermutesOutputsAndFinalStates(@ForAll("rowPermutations") RowOrder rowOrder,
                                                          @ForAll boolean stateful) {
            BatchScenario s = rowOrder.scenario();
            s.collectShape();
            Statistics.label("stateful").collect(stateful);
            Statistics.label("rows moved").collect(rowOrder.moved());
            int[] order = rowOrder.asArray();
            LstmModel inOrder = build(s.config(stateful));
            LstmModel permuted = build(s.config(stateful));
            if (stateful) {
                inOrder.resetStates(s.state(0));
                permuted.resetStates(Batches.permute(s.state(0), order));
            }
            double[] expected = inOrder.predictOnBatch(s.inputs(0));
            double[] actual = permuted.predictOnBatch(Batches.permute(s.inputs(0), order));

            Agreement agree = agree(s, inOrder, s.inputs(0), start(s, stateful));
            for (int row = 0; row < s.rows(); row++) {
                String where = "batch 0, rows permuted to " + java.util.Arrays.toString(order);
                agree.outputs(where, expected, order[row], actual, row);
                agree.stateRow(where + ", final state", inOrder.finalStates(), order[row],
                        permuted.finalStates(), row);
            }
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
            copied().states("states() right after resetStates(state)", s.state(0), model.states());

            for (int batch = 0; batch < run.batches(); batch++) {
                model.predictOnBatch(s.inputs(batch));
                copied().states("initial state of batch " + (batch + 1) + " vs final state of batch " + batch,
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

            List<double[][][]> stream = new ArrayList<>();
            for (int batch = 0; batch < run.batches(); batch++) {
                double[][][] inputs = s.inputs(batch);
                stream.add(inputs);
                double[] outputs = batched.predictOnBatch(inputs);
                // both read every row's stream from its first state: the bounds are those of the stream so far
                Agreement agree = agree(s, batched, Batches.concatenate(stream), s.state(0));
                for (int row = 0; row < s.rows(); row++) {
                    double[] own = alone.get(row).predictOnBatch(Batches.row(inputs, row));
                    String where = "batch " + batch + ", row " + row + " of the batch vs its stream fed alone";
                    agree.outputs(where, outputs, row, own, 0);
                    agree.stateRow(where + ", carried state", batched.states(), row, alone.get(row).states(), 0);
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
            Agreement agree = agree(s, fresh, next, start(s, false));
            agree.outputs(where, fresh.predictOnBatch(next), model.predictOnBatch(next));
            agree.states(where + ", final state", fresh.finalStates(), model.finalStates());
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
                Agreement agree = agree(s, whole, Batches.steps(sequence, 0, end), s.state(0));
                agree.outputs(where, prefixOutputs, chunkOutputs);
                agree.states(where + ", final state", whole.finalStates(), chunked.finalStates());
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
            Agreement agree = agree(s, fresh, next, start(s, false));
            agree.outputs(where, fresh.predictOnBatch(next), model.predictOnBatch(next));
            agree.states(where + ", final state", fresh.finalStates(), model.finalStates());
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

                Agreement agree = agree(s, beforeUpdate, s.inputs(batch), beforeUpdate.states(), s.targets(batch));
                BatchResult expected = beforeUpdate.testOnBatch(s.inputs(batch), s.targets(batch));
                BatchResult actual = model.trainOnBatch(s.inputs(batch), s.targets(batch));

                String where = "batch " + batch + ", trainOnBatch vs testOnBatch with the pre-update weights";
                agree.loss(where, expected.loss(), actual.loss());
                agree.accuracy(where, expected.accuracy(), actual.accuracy());
                agree.states(where + ", carried state", beforeUpdate.states(), model.states());
                agree.states(where + ", final state", beforeUpdate.finalStates(), model.finalStates());
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
            Agreement exactly = Agreement.exact(engine().name(), "the same model before and after");
            String where = "after " + run.batches() + " gradientOnBatch calls";
            exactly.states(where + ", carried state", stateBefore, model.states());
            exactly.weights(where, weightsBefore, model.getWeights());
            double[][][] next = s.inputs(run.batches());
            agree(s, untouched, next, start(s, stateful)).outputs(where
                    + ", the next batch vs a model that never computed a gradient",
                    untouched.predictOnBatch(next), model.predictOnBatch(next));
        }
    }

    // ---------------------------------------------------------------- STATE-8

    @Group
    @Label("STATE-8: two models built alike and given the same calls give the same numbers, bit for bit")
    class Repeatability {

        @Property
        @Claim("STATE-8")
        void twinsGivenTheSameCallsAgreeToTheLastBit(@ForAll("statefulRuns") StatefulRun run,
                                                     @ForAll boolean stateful) {
            BatchScenario s = run.scenario();
            s.collectShape();
            Statistics.label("stateful").collect(stateful);
            LstmModel first = build(s.config(stateful));
            LstmModel second = build(s.config(stateful));
            if (stateful) {
                first.resetStates(s.state(0));
                second.resetStates(s.state(0));
            }
            Agreement exactly = Agreement.exact(engine().name(), "twins that made the same calls on the same numbers");
            for (int batch = 0; batch < run.batches(); batch++) {
                double[][][] inputs = s.inputs(batch);
                double[] targets = s.targets(batch);
                String where = "batch " + batch;
                exactly.outputs(where + ", predictions", first.predictOnBatch(inputs), second.predictOnBatch(inputs));
                exactly.weights(where + ", gradient", first.gradientOnBatch(inputs, targets),
                        second.gradientOnBatch(inputs, targets));
                BatchResult a = first.trainOnBatch(inputs, targets);
                BatchResult b = second.trainOnBatch(inputs, targets);
                exactly.loss(where + ", trainOnBatch", a.loss(), b.loss());
                exactly.weights(where + ", weights after the update", first.getWeights(), second.getWeights());
                exactly.states(where + ", carried state", first.states(), second.states());
            }
        }
    }
}
