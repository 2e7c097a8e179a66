package io.github.statefullstm.rnn;

import io.github.statefullstm.refusal.Refusal;
import io.github.statefullstm.spec.Claim;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
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

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
    /** Masked steps put in each row: enough for left, right and inside at once. */
    private static final int MAX_PADS = 3;
    /** Outside the inputs' range [-2, 2] (BatchScenario), so no drawn step is masked by chance, only the ones put in. */
    static final double MASK_VALUE = -3;
    static final Masking MASKING = Masking.ofValue(MASK_VALUE);
    /**
     * Biases of the cell candidate at least this far from 0, and of the input gate within +-1, for the zero-step
     * claim: the input gate then opens above 0 (sigmoid, or hard sigmoid's 0.2 * b + 0.5 >= 0.3), so a zero step from
     * the zero state gives c = i * tanh(b) far from 0.
     */
    private static final double SMALLEST_CANDIDATE_BIAS = 0.1;
    private static final double LARGEST_BIAS = 1;

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

    /**
     * The scenario's first batch, its real steps, and the same rows with {@code pads} masked steps put in each, every row
     * at its own places: {@code places.get(r)} lists, for each masked step of row r, the real step it goes before
     * ({@code steps()} for after the last one).
     */
    @Provide
    Arbitrary<PaddedBatch> paddedBatches() {
        return BatchScenario.any(1, MAX_STEPS).flatMap(s -> Arbitraries.integers().between(1, MAX_PADS).flatMap(pads ->
                Arbitraries.integers().between(0, s.steps()).list().ofSize(pads).list().ofSize(s.rows())
                        .map(places -> new PaddedBatch(s, places))));
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

    /** The scenario's first batch with masked steps put in at {@code places}, the same number in every row. */
    public record PaddedBatch(BatchScenario scenario, List<List<Integer>> places) {

        double[][][] real() {
            return scenario.inputs(0);
        }

        /** Every row with its masked steps put in before the real steps their places name. */
        double[][][] padded() {
            double[][][] real = real();
            int pads = places.get(0).size();
            double[][][] padded = new double[scenario.rows()][scenario.steps() + pads][];
            for (int row = 0; row < padded.length; row++) {
                int at = 0;
                for (int step = 0; step <= scenario.steps(); step++) {
                    for (int place : places.get(row)) {
                        if (place == step) {
                            padded[row][at++] = maskedStep(scenario.spec().features());
                        }
                    }
                    if (step < scenario.steps()) {
                        padded[row][at++] = real[row][step].clone();
                    }
                }
            }
            return padded;
        }

        /** Where the masked steps of the rows sit: all before the real steps, all after them, or elsewhere. */
        String placement() {
            Set<String> kinds = new TreeSet<>();
            for (List<Integer> rowPlaces : places) {
                for (int place : rowPlaces) {
                    kinds.add(place == 0 ? "left" : place == scenario.steps() ? "right" : "inside");
                }
            }
            return String.join("+", kinds);
        }
    }

    /** A step the models with {@link #MASKING} skip: every feature at the mask value. */
    static double[] maskedStep(int features) {
        double[] step = new double[features];
        Arrays.fill(step, MASK_VALUE);
        return step;
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
        void aHandOverKeepsTheMasking() {
            LstmModel trained = build(ModelConfig.stateful(LstmSpec.POST, 3, 1).withMasking(MASKING));
            LstmModel single = HandOver.rowToBatchOfOne(trained, 2, engineUnderTest().engine());
            assertEquals(MASKING, single.config().masking(), "[" + name() + "] the batch-of-one model's masking");
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
                        window, LstmState.zeros(s.spec(), s.rows()), null);
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
                            sequence, LstmState.zeros(s.spec(), 1), null);
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
            LstmState expected = before.withRow(run.row(), LstmState.zeros(s.spec(), s.rows()), run.row());
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

    // ---------------------------------------------------------------- ASK-7

    @Group
    @Label("ASK-7: masked steps leave a row's state and output as they were; unmasked zero steps move the state")
    class MaskedSteps {

        @Property
        @Claim("ASK-7")
        void maskedStepsAnywhereGiveWhatTheRealStepsGiveAlone(@ForAll("paddedBatches") PaddedBatch batch) {
            BatchScenario s = batch.scenario();
            s.collectShape();
            Statistics.label("masked steps per row").collect(batch.places().get(0).size());
            Statistics.label("where").collect(batch.placement());
            double[][][] real = batch.real();
            double[][][] padded = batch.padded();
            double[] targets = s.targets(0);
            LstmModel masked = build(s.statefulConfig().withMasking(MASKING));
            LstmModel plain = build(s.statefulConfig());
            masked.resetStates(s.state(0));
            plain.resetStates(s.state(0));

            EngineUnderTest engine = engineUnderTest();
            LstmWeights weights = plain.getWeights();
            String where = "rows padded with masked steps at " + batch.places() + " vs their real steps alone";
            engine.gradientAgreement(weights, s.spec().gateActivation(), real, s.state(0), targets).weights(
                    where + ", gradient", plain.gradientOnBatch(real, targets), masked.gradientOnBatch(padded, targets));
            Agreement agree = engine.agreement(weights, s.spec().gateActivation(), real, s.state(0), targets);
            BatchResult expected = plain.testOnBatch(real, targets);
            BatchResult actual = masked.testOnBatch(padded, targets);
            agree.loss(where, expected.loss(), actual.loss());
            agree.accuracy(where, expected.accuracy(), actual.accuracy());
            agree.states(where + ", carried state", plain.states(), masked.states());
        }

        /**
         * The errors a masked step sends nowhere are nothing, not what an earlier batch of the same shape left: a
         * stack's masked steps keep their input errors at zero (the reference's tape clears them for every batch).
         */
        @Property
        @Claim("ASK-7")
        void aMaskedBatchsGradientDoesNotDependOnTheBatchesBeforeIt(@ForAll("paddedBatches") PaddedBatch batch) {
            BatchScenario s = batch.scenario();
            s.collectShape();
            double[][][] padded = batch.padded();
            double[] targets = s.targets(0);
            LstmModel used = build(s.statelessConfig().withMasking(MASKING));
            LstmModel fresh = build(s.statelessConfig().withMasking(MASKING));
            used.gradientOnBatch(s.inputs(1, s.rows(), padded[0].length), targets);
            engineUnderTest().repeated().weights("a padded batch after an unpadded one of its shape vs on a fresh "
                    + "model", fresh.gradientOnBatch(padded, targets), used.gradientOnBatch(padded, targets));
        }

        @Property
        @Claim("ASK-7")
        void leftAndRightPaddingEndInTheSameState(@ForAll("paddedBatches") PaddedBatch batch) {
            BatchScenario s = batch.scenario();
            s.collectShape();
            int pads = batch.places().get(0).size();
            Statistics.label("masked steps per row").collect(pads);
            List<Integer> left = new ArrayList<>();
            List<Integer> right = new ArrayList<>();
            for (int pad = 0; pad < pads; pad++) {
                left.add(0);
                right.add(s.steps());
            }
            double[][][] leftPadded = new PaddedBatch(s, Collections.nCopies(s.rows(), left)).padded();
            double[][][] rightPadded = new PaddedBatch(s, Collections.nCopies(s.rows(), right)).padded();
            LstmModel onTheLeft = build(s.statelessConfig().withMasking(MASKING));
            LstmModel onTheRight = build(s.statelessConfig().withMasking(MASKING));
            double[] leftOutputs = onTheLeft.predictOnBatch(leftPadded);
            double[] rightOutputs = onTheRight.predictOnBatch(rightPadded);
            Agreement agree = engineUnderTest().agreement(onTheLeft.getWeights(), s.spec().gateActivation(),
                    batch.real(), LstmState.zeros(s.spec(), s.rows()), null);
            String where = pads + " masked steps on the left vs on the right";
            agree.outputs(where, leftOutputs, rightOutputs);
            agree.states(where + ", final state", onTheLeft.finalStates(), onTheRight.finalStates());
        }

        @Property
        @Claim("ASK-7")
        void aRowMaskedAtEveryStepKeepsItsCarriedStateBitForBit(@ForAll("handOvers") HandOverRun run) {
            BatchScenario s = run.scenario();
            s.collectShape();
            double[][][] inputs = s.inputs(0);
            Arrays.setAll(inputs[run.row()], step -> maskedStep(s.spec().features()));
            LstmModel model = build(s.statefulConfig().withMasking(MASKING));
            model.resetStates(s.state(0));
            model.trainOnBatch(inputs, s.targets(0));
            engineUnderTest().copied().stateRow("row " + run.row() + " masked at every step of a trained batch",
                    s.state(0), run.row(), model.states(), run.row());
        }

        @Property
        @Claim("ASK-7")
        void anUnmaskedZeroStepMovesTheStateThroughTheBiasesAMaskedOneDoesNot(
                @ForAll("candidateBiases") BiasedScenario biased) {
            BatchScenario s = biased.scenario();
            s.collectShape();
            int units = s.spec().units();
            double[][][] zeroStep = new double[s.rows()][1][s.spec().features()];
            LstmModel unmasked = build(s.statelessConfig());
            LstmModel masked = build(s.statelessConfig().withMasking(Masking.ofValue(0)));
            LstmWeights weights = biased.weights(unmasked.getWeights());
            unmasked.setWeights(weights);
            masked.setWeights(weights);
            unmasked.predictOnBatch(zeroStep);
            masked.predictOnBatch(zeroStep);
            assertTrue(masked.finalStates().isZero(), "[" + name() + "] a masked zero step from the zero state: "
                    + masked.finalStates());
            for (int row = 0; row < s.rows(); row++) {
                for (int unit = 0; unit < units; unit++) {
                    double c = unmasked.finalStates().c(row)[unit];
                    assertNotEquals(0.0, c, "[" + name() + "] c of row " + row + ", unit " + unit + " after an unmasked"
                            + " zero step from zero, candidate bias " + weights.bias()[2 * units + unit]);
                }
            }
        }

        /**
         * Keras' initial weights put every bias at 0 but the forget gate's: a zero step from the zero state leaves
         * the state at exactly 0 (c = i * tanh(0)), which is why zero padding looks harmless before training moves the
         * candidate's bias (DL4J-15).
         */
        @Example
        @Claim("ASK-7")
        void withTheCandidatesBiasAtZeroAZeroStepFromZeroStaysAtZero() {
            LstmModel model = build(ModelConfig.stateless(LstmSpec.POST, 42));
            LstmWeights initial = model.getWeights();
            double[] bias = initial.bias();
            int units = LstmSpec.POST.units();
            double[] candidate = Arrays.copyOfRange(bias, 2 * units, 3 * units);
            assertArrayEquals(new double[units], candidate, "[" + name() + "] the initial candidate bias");
            model.predictOnBatch(new double[1][5][LstmSpec.POST.features()]);
            assertTrue(model.finalStates().isZero(), "[" + name() + "] five zero steps: " + model.finalStates());
        }

        /**
         * The post's own sequence, a 1 then nineteen 0s, with five masked steps before it and five after: the same
         * answer as the twenty steps alone.
         */
        @Example
        @Claim("ASK-7")
        void thePostsSequencePaddedOnEitherSideAnswersAsItselfAlone() {
            LstmSpec post = LstmSpec.POST;
            double[][][] sequence = new double[1][20][1];
            sequence[0][0][0] = 1;
            double[][][] padded = new double[1][30][];
            for (int step = 0; step < 30; step++) {
                padded[0][step] = step < 5 || step >= 25 ? maskedStep(1) : sequence[0][step - 5].clone();
            }
            LstmModel alone = build(ModelConfig.stateless(post, 42));
            LstmModel masked = build(ModelConfig.stateless(post, 42).withMasking(MASKING));
            double[] expected = alone.predictOnBatch(sequence);
            double[] actual = masked.predictOnBatch(padded);
            Agreement agree = engineUnderTest().agreement(alone.getWeights(), post.gateActivation(), sequence,
                    LstmState.zeros(1, post.units()), null);
            agree.outputs("the post's sequence padded on both sides vs alone", expected, actual);
            agree.states("its final state", alone.finalStates(), masked.finalStates());
        }
    }

    /**
     * A scenario and biases for its model: the candidate's at least 0.1 from 0, the input gate's within +-1. One LSTM
     * layer: the claim is about its c = i tanh(b) (the other rules of masks hold for every cell and depth).
     */
    @Provide
    Arbitrary<BiasedScenario> candidateBiases() {
        return BatchScenario.oneLstmLayer(1, 1).flatMap(s -> Combinators.combine(
                Arbitraries.doubles().between(SMALLEST_CANDIDATE_BIAS, LARGEST_BIAS)
                        .list().ofSize(s.spec().units()),
                Arbitraries.of(-1.0, 1.0).list().ofSize(s.spec().units()),
                Arbitraries.doubles().between(-LARGEST_BIAS, LARGEST_BIAS).list().ofSize(s.spec().units()))
                .as((sizes, signs, inputGate) -> new BiasedScenario(s, sizes, signs, inputGate)));
    }

    /** The scenario's model with its candidate and input-gate biases replaced. */
    public record BiasedScenario(BatchScenario scenario, List<Double> candidateSizes, List<Double> candidateSigns,
                                 List<Double> inputGateBiases) {

        LstmWeights weights(LstmWeights drawn) {
            int units = scenario.spec().units();
            double[] bias = drawn.bias();
            for (int unit = 0; unit < units; unit++) {
                bias[LstmWeights.Gate.INPUT.ordinal() * units + unit] = inputGateBiases.get(unit);
                bias[LstmWeights.Gate.CELL.ordinal() * units + unit] = candidateSigns.get(unit)
                        * candidateSizes.get(unit);
            }
            return new LstmWeights(drawn.kernel(), drawn.recurrentKernel(), bias, drawn.denseKernel(),
                    drawn.denseBias()); // one LSTM layer: the scenarios are drawn of that shape
        }
    }
}
