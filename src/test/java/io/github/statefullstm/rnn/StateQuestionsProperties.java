package io.github.statefullstm.rnn;

import io.github.statefullstm.refusal.Refusal;
import io.github.statefullstm.spec.Claim;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Group;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The questions the post's readers go on to ask about state, as properties any engine must satisfy, written once
 * (specs/state-questions.md): going on at batch size 1 after training at B, streaming against windows, and what a
 * batch's result depends on. Each engine runs the identical suite through a subclass that names it.
 */
@PropertyDefaults(tries = StateQuestionsProperties.DEFAULT_TRIES)
public abstract class StateQuestionsProperties {

    /** Each try is a handful of tiny batches: on the reference engine the whole suite takes about a second. */
    public static final int DEFAULT_TRIES = 100;
    /** Small shapes find the same bugs as big ones and keep failures readable. */
    private static final int MAX_STEPS = 4;
    /** Batches trained before a hand-over or fed as a history, and batches fed after it. */
    private static final int MAX_BATCHES = 3;
    /** A stream long enough for several resets. */
    private static final int MAX_STREAM = 12;

    /** The engine under test, its arithmetic, and whether its repeated computations agree to the bit. */
    protected abstract EngineUnderTest engineUnderTest();

    private LstmModel build(ModelConfig config) {
        return engineUnderTest().build(config);
    }

    /** A stateful model of the run's rows, from the scenario's first state, trained on its first batches. */
    private LstmModel trained(HandOverRun run) {
        BatchScenario s = run.scenario();
        LstmModel model = build(s.statefulConfig());
        model.resetStates(s.state(0));
        for (int batch = 0; batch < run.trainedBatches(); batch++) {
            model.trainOnBatch(s.inputs(batch), s.targets(batch));
        }
        return model;
    }

    private String name() {
        return engineUnderTest().name();
    }

    // ---------------------------------------------------------------- generators

    /** A stateful model of 1 to 4 rows trained for some batches, a row of it, and the batches fed after. */
    @Provide
    Arbitrary<HandOverRun> handOvers() {
        return BatchScenario.any(1, MAX_STEPS).flatMap(s -> Combinators.combine(
                Arbitraries.integers().between(0, MAX_BATCHES), Arbitraries.integers().between(1, MAX_BATCHES),
                Arbitraries.integers().between(0, s.rows() - 1)).as((trained, after, row) ->
                new HandOverRun(s, trained, after, row)));
    }

    /** A stream of 1 to 12 steps per row and the steps before which every row is reset. */
    @Provide
    Arbitrary<ResetStream> resetStreams() {
        return BatchScenario.any(1, MAX_STREAM).flatMap(s -> s.steps() == 1
                ? Arbitraries.just(new ResetStream(s, Set.of()))
                : Arbitraries.integers().between(1, s.steps() - 1).set().map(resets -> new ResetStream(s, resets)));
    }

    /**
     * A stateful model trained for a few batches, then fed some more with calls that do not train: the history
     * whose state a twin with the same weights and optimizer is given directly.
     */
    @Provide
    Arbitrary<History> histories() {
        return BatchScenario.any(1, MAX_STEPS).flatMap(s -> Combinators.combine(
                Arbitraries.integers().between(0, MAX_BATCHES - 1),
                Arbitraries.of(FeedingCall.class).list().ofMinSize(1).ofMaxSize(MAX_BATCHES))
                .as((trained, calls) -> new History(s, trained, calls)));
    }

    /**
     * Every row of the scenario's first batch as a queue of sequences of its own lengths: the cuts of each row are the
     * steps where its next sequence starts.
     */
    @Provide
    Arbitrary<PackedRows> packedRows() {
        return BatchScenario.any(1, MAX_STREAM).filter(s -> s.steps() >= 2).flatMap(s ->
                Arbitraries.integers().between(1, s.steps() - 1).set().list().ofSize(s.rows())
                        .map(cuts -> new PackedRows(s, cuts.stream().<Set<Integer>>map(TreeSet::new).toList())));
    }

    /** Row {@code row} of a model trained at {@code scenario.rows()} rows for {@code trainedBatches} batches. */
    public record HandOverRun(BatchScenario scenario, int trainedBatches, int batchesAfter, int row) {
    }

    /** Every row of the scenario's first batch as one stream, every row reset before each step in {@code resets}. */
    public record ResetStream(BatchScenario scenario, Set<Integer> resets) {

        /** The last step at or before {@code step} from which the model started afresh: 0 or a reset. */
        int lastReset(int step) {
            int last = 0;
            for (int reset : resets) {
                if (reset <= step) {
                    last = Math.max(last, reset);
                }
            }
            return last;
        }
    }

    /** Row r's stream of the scenario's first batch holds a new sequence from each step in {@code cuts.get(r)} on. */
    public record PackedRows(BatchScenario scenario, List<Set<Integer>> cuts) {

        /** Where the sequence that row {@code row} reads at {@code step} started. */
        int start(int row, int step) {
            int start = 0;
            for (int cut : cuts.get(row)) {
                if (cut <= step) {
                    start = Math.max(start, cut);
                }
            }
            return start;
        }

        /** How many sequences the rows hold together. */
        int sequences() {
            return cuts.stream().mapToInt(rowCuts -> rowCuts.size() + 1).sum();
        }
    }

    /** The calls that move a stateful model through its history without training it. */
    public enum FeedingCall {
        PREDICT, TEST
    }

    /**
     * Batches 1 to {@code trained} of the scenario trained, then the next ones fed with {@code calls}, before batch
     * 0, the one that counts.
     */
    public record History(BatchScenario scenario, int trained, List<FeedingCall> calls) {
    }

    // ---------------------------------------------------------------- ASK-1

    @Group
    @Label("ASK-1: a model of batch size 1 given the weights and row i's state continues row i")
    class HandOverToABatchOfOne {

        @Property
        @Claim("ASK-1")
        void aBatchOfOneGivenRowIsStateContinuesRowI(@ForAll("handOvers") HandOverRun run) {
            BatchScenario s = run.scenario();
            s.collectShape();
            Statistics.label("batches trained before").collect(run.trainedBatches());
            Statistics.label("row handed over").collect(run.row() == 0 ? "first" : run.row() == s.rows() - 1
                    ? "last" : "inside");
            LstmModel batched = trained(run);
            LstmState handedOver = batched.states();
            LstmModel single = HandOver.rowToBatchOfOne(batched, run.row(), engineUnderTest().engine());

            EngineUnderTest engine = engineUnderTest();
            engine.copied().weights("the batch-of-one model's weights", batched.getWeights(), single.getWeights());
            engine.copied().stateRow("the state handed over", handedOver, run.row(), single.states(), 0);
            List<double[][][]> after = new ArrayList<>();
            for (int batch = 0; batch < run.batchesAfter(); batch++) {
                double[][][] inputs = s.inputs(run.trainedBatches() + batch);
                after.add(inputs);
                double[] outputs = batched.predictOnBatch(inputs);
                double[] own = single.predictOnBatch(Batches.row(inputs, run.row()));
                // both read row i from the state handed over: the bounds are those of the stream since then
                Agreement agree = engine.agreement(batched.getWeights(), s.spec().gateActivation(),
                        Batches.concatenate(after), handedOver, null);
                String where = "batch " + batch + " after the hand-over, row " + run.row()
                        + " of the batch-" + s.rows() + " model vs the batch-of-one model";
                agree.outputs(where, outputs, run.row(), own, 0);
                agree.stateRow(where + ", carried state", batched.states(), run.row(), single.states(), 0);
            }
        }

        @Property
        @Claim("ASK-1")
        void aModelOfAnotherBatchSizeTakesTheWeightsAndStartsFromZero(@ForAll("handOvers") HandOverRun run,
                                                                    @ForAll("batchSizes") int batchSize) {
            BatchScenario s = run.scenario();
            Statistics.label("batch size").collect(s.rows() + " -> " + batchSize);
            LstmModel trained = trained(run);
            LstmModel other = HandOver.withBatchSize(trained, batchSize, engineUnderTest().engine());
            assertEquals(batchSize, other.config().batchSize(), "the new model's batch size");
            assertTrue(other.config().stateful(), "the new model is stateful");
            engineUnderTest().copied().weights("the new model's weights", trained.getWeights(), other.getWeights());
            assertTrue(other.states().isZero(), "[" + name() + "] the new model's state: " + other.states());
        }

        @Provide
        Arbitrary<Integer> batchSizes() {
            return Arbitraries.integers().between(1, 4);
        }

        @Example
        @Claim("ASK-1")
        void aRowOutsideTheBatchIsRefusedNamingIt() {
            LstmModel trained = build(ModelConfig.stateful(LstmSpec.POST, 3, 1));
            Refusal.Refused refused = assertThrows(Refusal.Refused.class,
                    () -> HandOver.rowToBatchOfOne(trained, 3, engineUnderTest().engine()));
            assertEquals("row = 3: must be in [0, 3), a row of this state", refused.getMessage());
            assertThrows(Refusal.Refused.class, () -> HandOver.rowToBatchOfOne(trained, -1,
                    engineUnderTest().engine()));
        }

        @Example
        @Claim("ASK-1")
        void aStatelessModelHasNoStateToHandOver() {
            LstmModel stateless = build(ModelConfig.stateless(LstmSpec.POST, 1));
            Refusal.Refused refused = assertThrows(Refusal.Refused.class,
                    () -> HandOver.rowToBatchOfOne(stateless, 0, engineUnderTest().engine()));
            assertEquals("trained model = stateless: must be stateful: a stateless model carries no state to hand"
                    + " over", refused.getMessage());
        }

        @Example
        @Claim("ASK-1")
        void aMissingModelOrEngineIsRefusedNamingIt() {
            LstmModel trained = build(ModelConfig.stateful(LstmSpec.POST, 2, 1));
            LstmEngine engine = engineUnderTest().engine();
            assertEquals("trained model = null: must be given", assertThrows(Refusal.Refused.class,
                    () -> HandOver.rowToBatchOfOne(null, 0, engine)).getMessage());
            assertEquals("trained model = null: must be given", assertThrows(Refusal.Refused.class,
                    () -> HandOver.withBatchSize(null, 1, engine)).getMessage());
            assertEquals("engine = null: must be given", assertThrows(Refusal.Refused.class,
                    () -> HandOver.withBatchSize(trained, 1, null)).getMessage());
        }

        @Example
        @Claim("ASK-1")
        void aBatchSizeBelowOneIsRefusedNamingIt() {
            LstmModel trained = build(ModelConfig.stateful(LstmSpec.POST, 2, 1));
            Refusal.Refused refused = assertThrows(Refusal.Refused.class,
                    () -> HandOver.withBatchSize(trained, 0, engineUnderTest().engine()));
            assertEquals("batchSize = 0: must be > 0", refused.getMessage());
        }
    }

    // ---------------------------------------------------------------- ASK-2

    @Group
    @Label("ASK-2: a stream fed a step at a time answers at step t as a stateless model does on the steps since "
            + "the last reset")
    class StreamingAgainstWindows {

        @Property
        @Claim("ASK-2")
        void aStreamAnswersAsAStatelessModelOnTheStepsSinceTheLastReset(@ForAll("resetStreams") ResetStream run) {
            BatchScenario s = run.scenario();
            s.collectShape();
            Statistics.label("resets").collect(run.resets().size());
            double[][][] stream = s.inputs(0);
            LstmModel streaming = build(s.statefulConfig());
            LstmModel stateless = build(s.statelessConfig());
            for (int step = 0; step < s.steps(); step++) {
                if (run.resets().contains(step)) {
                    streaming.resetStates();
                }
                double[] answer = streaming.predictOnBatch(Batches.steps(stream, step, step + 1));
                int since = run.lastReset(step);
                double[][][] window = Batches.steps(stream, since, step + 1);
                double[] expected = stateless.predictOnBatch(window);

                String where = "step " + step + " of the stream (resets before " + new TreeSet<>(run.resets())
                        + ") vs the stateless model on steps " + since + ".." + step;
                Agreement agree = engineUnderTest().agreement(streaming.getWeights(), s.spec().gateActivation(),
                        window, LstmState.zeros(s.rows(), s.spec().units()), null);
                agree.outputs(where, expected, answer);
                agree.states(where + ", state", stateless.finalStates(), streaming.states());
            }
        }

        /**
         * The post's own case: a window of 10 that ends at the last step of a sequence starting with 1 misses step 0,
         * which the stream has read; the two answers differ, the window's being that of the all-zero sequence.
         */
        @Example
        @Claim("ASK-2")
        void aWindowThatMissesTheStepsSinceTheResetAnswersOtherwise() {
            LstmSpec post = LstmSpec.POST;
            double[][][] sequence = new double[1][20][1];
            sequence[0][0][0] = 1;
            LstmModel streaming = build(ModelConfig.stateful(post, 1, 42));
            LstmModel stateless = build(ModelConfig.stateless(post, 42));
            double last = 0;
            for (int step = 0; step < 20; step++) {
                last = streaming.predictOnBatch(Batches.steps(sequence, step, step + 1))[0];
            }
            double whole = stateless.predictOnBatch(sequence)[0];
            double window = stateless.predictOnBatch(Batches.steps(sequence, 10, 20))[0];
            double zeros = stateless.predictOnBatch(new double[1][10][1])[0];
            engineUnderTest().agreement(streaming.getWeights(), post.gateActivation(), sequence,
                    LstmState.zeros(1, post.units()), null).outputs("the stream at step 19 vs the whole sequence",
                    new double[] {whole}, new double[] {last});
            assertNotEquals(last, window, "[" + name() + "] the stream at step 19 and the window of steps 10..19");
            assertEquals(zeros, window, "[" + name() + "] a window that misses step 0 is ten zero steps");
        }
    }

    // ---------------------------------------------------------------- ASK-4

    @Group
    @Label("ASK-4: resetRow(i) starts row i afresh and leaves the others: sequences of unequal length side by side")
    class PerRowResets {

        @Property
        @Claim("ASK-4")
        void everySequenceOfARowGetsWhatItGetsAloneFromZero(@ForAll("packedRows") PackedRows packed) {
            BatchScenario s = packed.scenario();
            s.collectShape();
            Statistics.label("sequences side by side").collect(packed.sequences());
            double[][][] streams = s.inputs(0);
            LstmModel sideBySide = build(s.statefulConfig());
            LstmModel alone = build(s.statelessConfig());
            for (int step = 0; step < s.steps(); step++) {
                for (int row = 0; row < s.rows(); row++) {
                    if (packed.cuts().get(row).contains(step)) {
                        sideBySide.resetRow(row);
                    }
                }
                double[] answers = sideBySide.predictOnBatch(Batches.steps(streams, step, step + 1));
                for (int row = 0; row < s.rows(); row++) {
                    int start = packed.start(row, step);
                    double[][][] sequence = Batches.steps(Batches.row(streams, row), start, step + 1);
                    double[] expected = alone.predictOnBatch(sequence);
                    String where = "step " + step + ", row " + row + " (cuts " + packed.cuts().get(row)
                            + ") vs its sequence from step " + start + " alone from zero";
                    Agreement agree = engineUnderTest().agreement(sideBySide.getWeights(), s.spec().gateActivation(),
                            sequence, LstmState.zeros(1, s.spec().units()), null);
                    agree.outputs(where, expected, 0, answers, row);
                    agree.stateRow(where + ", carried state", alone.finalStates(), 0, sideBySide.states(), row);
                }
            }
        }

        @Property
        @Claim("ASK-4")
        void resetRowZeroesThatRowOnlyAndCopiesTheOthers(@ForAll("handOvers") HandOverRun run) {
            BatchScenario s = run.scenario();
            s.collectShape();
            LstmModel model = trained(run);
            LstmState before = model.states();
            LstmWeights weights = model.getWeights();
            model.resetRow(run.row());
            LstmState expected = before.withRow(run.row(), LstmState.zeros(s.rows(), s.spec().units()), run.row());
            engineUnderTest().copied().states("after resetRow(" + run.row() + ")", expected, model.states());
            engineUnderTest().copied().weights("weights after resetRow(" + run.row() + ")", weights,
                    model.getWeights());
        }
    }

    // ---------------------------------------------------------------- ASK-3

    @Group
    @Label("ASK-3: a batch depends on what came before only through the state it starts from")
    class HistorySubstitution {

        @Property
        @Claim("ASK-3")
        void aStateSetDirectlyGivesTheLossGradientAndUpdateOfTheHistoryThatReachedIt(
                @ForAll("histories") History history) {
            BatchScenario s = history.scenario();
            s.collectShape();
            Statistics.label("batches trained, then fed").collect(history.trained() + ", " + history.calls());
            LstmModel lived = build(s.statefulConfig());
            LstmModel substituted = build(s.statefulConfig());
            lived.resetStates(s.state(0));
            substituted.resetStates(s.state(0));
            int batch = 1;
            for (; batch <= history.trained(); batch++) {
                // twins so far: the same weights and optimizer moments, whatever the engine keeps of them
                lived.trainOnBatch(s.inputs(batch), s.targets(batch));
                substituted.trainOnBatch(s.inputs(batch), s.targets(batch));
            }
            for (FeedingCall call : history.calls()) {
                switch (call) {
                    case PREDICT -> lived.predictOnBatch(s.inputs(batch));
                    case TEST -> lived.testOnBatch(s.inputs(batch), s.targets(batch));
                }
                batch++;
            }
            substituted.resetStates(lived.states());

            double[][][] inputs = s.inputs(0);
            double[] targets = s.targets(0);
            Agreement exactly = Agreement.exact(name(), "the same batch from the same state with the same weights"
                    + " and optimizer");
            exactly.weights("gradient", lived.gradientOnBatch(inputs, targets),
                    substituted.gradientOnBatch(inputs, targets));
            BatchResult expected = lived.trainOnBatch(inputs, targets);
            BatchResult actual = substituted.trainOnBatch(inputs, targets);
            exactly.loss("trainOnBatch", expected.loss(), actual.loss());
            exactly.accuracy("trainOnBatch", expected.accuracy(), actual.accuracy());
            exactly.weights("weights after the update", lived.getWeights(), substituted.getWeights());
            exactly.states("carried state", lived.states(), substituted.states());
        }

        @Property
        @Claim("ASK-3")
        void aStateSetDirectlyIsUsedOnceAndTheNextBatchStartsFromTheOneAfter(
                @ForAll("histories") History history) {
            BatchScenario s = history.scenario();
            s.collectShape();
            int batches = 1 + history.calls().size();
            Statistics.label("batches after resetStates(state)").collect(batches);
            LstmModel model = build(s.statefulConfig());
            model.resetStates(s.state(0));
            LstmState carried = s.state(0);
            for (int batch = 0; batch < batches; batch++) {
                LstmModel fromTheCarried = build(s.statefulConfig());
                fromTheCarried.setWeights(model.getWeights());
                fromTheCarried.resetStates(carried);
                double[] expected = fromTheCarried.predictOnBatch(s.inputs(batch));
                double[] actual = model.predictOnBatch(s.inputs(batch));
                String where = "batch " + batch + " after resetStates(state), vs a twin set to the state it should"
                        + " start from (" + (batch == 0 ? "the state set" : "batch " + (batch - 1) + "'s final state")
                        + ")";
                engineUnderTest().repeated().outputs(where, expected, actual);
                carried = model.finalStates();
            }
        }
    }
}
