package io.github.statefullstm.sequence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.statefullstm.spec.Claim;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Which shuffles keep a stateful layout correct (ASK-5): moving whole reset-to-reset groups and relabelling rows
 * alike in every batch of a group keep every sample's history; moving a sample to another row inside a group hands it
 * another row's state, and on the post's task the ceiling falls from 1.
 */
class StatefulShuffleProperties {

    /** Any draw of the post's task: the claim is about the layout, and every draw has hundreds of each target. */
    private static final long TASK_SEED = 1;
    /** The post's task and its sequence-preserving layout E: 1000 sequences in two chunks of 10, batches of 10. */
    private static final Task POST_TRAINING = PostSetup.task(TASK_SEED).splitAt(PostSetup.TRAINING_SEQUENCES)
            .training();
    private static final int CHUNK = PostSetup.LENGTH / 2;
    private static final int ROWS = 10;
    private static final List<Sample> POST_CHUNKS = Windowing.windows(POST_TRAINING, CHUNK, CHUNK);
    private static final BatchPlan POST_E = BatchPlan.sequencePreserving(POST_CHUNKS, ROWS);

    /** Every sample's history under {@code plan}: the samples whose steps flowed into its state, oldest first. */
    private static Map<Integer, List<Integer>> histories(BatchPlan plan) {
        Map<Integer, List<Integer>> histories = new HashMap<>();
        StateLineage lineage = plan.lineage();
        for (int k = 0; k < plan.batches().size(); k++) {
            for (int row = 0; row < plan.batch(k).size(); row++) {
                histories.put(plan.batch(k).row(row), lineage.history(new StateLineage.Slot(k, row)));
            }
        }
        return histories;
    }

    /** Batch indices where each reset-to-reset group begins, and the end as the last entry. */
    private static List<Integer> groupStarts(BatchPlan plan) {
        List<Integer> starts = new ArrayList<>();
        for (int k = 0; k < plan.batches().size(); k++) {
            if (plan.lineage().startsAfresh(k)) {
                starts.add(k);
            }
        }
        starts.add(plan.batches().size());
        return starts;
    }

    /** A stateful layout of the generators' and a seed for the rearrangement drawn for it. */
    record Rearranged(PlannedSamples planned, long seed) {
    }

    @Provide
    Arbitrary<Rearranged> statefulLayouts() {
        return Combinators.combine(Arbitraries.oneOf(PlannedSamples.sequencePreserving(),
                        PlannedSamples.statefulWindowsResetAnywhere(), PlannedSamples.statefulWindowsInOrder()),
                Arbitraries.longs()).as(Rearranged::new);
    }

    /** A sample moved inside a group: a batch after a group's first, and an order of its rows that moves some. */
    record Moved(PlannedSamples planned, int batch, List<Integer> order) {
    }

    @Provide
    Arbitrary<Moved> movesInsideAGroup() {
        return statefulLayouts().map(Rearranged::planned).filter(p -> p.plan().batchSize() >= 2
                && IntStream.range(0, p.plan().batches().size()).anyMatch(k -> !p.plan().lineage().startsAfresh(k)))
                .flatMap(p -> {
                    List<Integer> carried = IntStream.range(0, p.plan().batches().size())
                            .filter(k -> !p.plan().lineage().startsAfresh(k)).boxed().toList();
                    return Combinators.combine(Arbitraries.of(carried), Arbitraries.shuffle(
                                    IntStream.range(0, p.plan().batchSize()).boxed().toList())
                            .filter(order -> IntStream.range(0, order.size()).anyMatch(i -> order.get(i) != i)))
                            .as((batch, order) -> new Moved(p, batch, order));
                });
    }

    /** A swap in the second batch of a group of E: two rows whose sequences have different targets. */
    record PostSwap(int group, int first, int second) {
    }

    @Provide
    Arbitrary<PostSwap> swapsAcrossTargets() {
        return Combinators.combine(Arbitraries.integers().between(0, POST_E.batches().size() / 2 - 1),
                        Arbitraries.integers().between(0, ROWS - 1), Arbitraries.integers().between(0, ROWS - 1))
                .as(PostSwap::new).filter(swap -> targetOnRow(swap.group(), swap.first())
                        != targetOnRow(swap.group(), swap.second()));
    }

    private static int targetOnRow(int group, int row) {
        return POST_CHUNKS.get(POST_E.batch(2 * group).row(row)).target();
    }

    @Property
    @Claim("ASK-5")
    @Label("the library's shuffle moves whole groups and relabels rows alike in each: every history is kept")
    void theShuffleKeepsEveryHistoryAndRepeatsForItsSeed(@ForAll("statefulLayouts") Rearranged layout) {
        PlannedSamples planned = layout.planned();
        Statistics.label("layout").collect(planned.kind());
        Statistics.label("groups").collect(groupStarts(planned.plan()).size() - 1);
        BatchPlan shuffled = planned.plan().shuffledKeepingHistories(layout.seed());
        assertEquals(histories(planned.plan()), histories(shuffled), "every sample's history, " + planned);
        assertEquals(shuffled.batches(), planned.plan().shuffledKeepingHistories(layout.seed()).batches(),
                "the same seed, the same shuffle");
        assertEquals(planned.plan().batchSize(), shuffled.batchSize());
        assertEquals(planned.plan().stateful(), shuffled.stateful());
    }

    @Provide
    Arbitrary<PlannedSamples> statelessLayouts() {
        return Arbitraries.oneOf(PlannedSamples.statelessWindows(),
                PlannedSamples.perStep().filter(planned -> !planned.plan().stateful()));
    }

    @Property
    @Claim("ASK-5")
    @Label("a stateless plan shuffled the same way keeps every sample alone")
    void aStatelessPlanShuffledKeepsEverySampleAlone(@ForAll("statelessLayouts") PlannedSamples planned,
                                                     @ForAll long seed) {
        Statistics.label("layout").collect(planned.kind());
        BatchPlan shuffled = planned.plan().shuffledKeepingHistories(seed);
        assertEquals(histories(planned.plan()), histories(shuffled), "every sample's history, " + planned);
        assertEquals(planned.plan().sampleCount(), shuffled.sampleCount());
    }

    @Property
    @Claim("ASK-5")
    @Label("a sample moved to another row inside a group gets another history")
    void aSampleMovedToAnotherRowInsideAGroupGetsAnotherHistory(@ForAll("movesInsideAGroup") Moved move) {
        BatchPlan plan = move.planned().plan();
        Statistics.label("layout").collect(move.planned().kind());
        Statistics.label("rows moved").collect(IntStream.range(0, move.order().size())
                .filter(i -> move.order().get(i) != i).count());
        List<BatchPlan.Batch> batches = new ArrayList<>(plan.batches());
        BatchPlan.Batch moved = batches.get(move.batch());
        int[] rows = new int[moved.size()];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = moved.row(move.order().get(i));
        }
        batches.set(move.batch(), new BatchPlan.Batch(rows, moved.resetBefore()));
        Map<Integer, List<Integer>> before = histories(plan);
        Map<Integer, List<Integer>> after = histories(BatchPlan.stateful(plan.batchSize(), batches));
        assertNotEquals(before, after, "batch " + move.batch() + "'s rows reordered to " + move.order());
    }

    @Example
    @Claim("ASK-5")
    void thePostsLayoutEShuffledKeepingHistoriesKeepsItsCeilingOfOne() {
        assertEquals(1.0, InformationCeiling.of(POST_CHUNKS, POST_E).value(), "E's ceiling as laid out");
        assertEquals(1.0, InformationCeiling.of(POST_CHUNKS, POST_E.shuffledKeepingHistories(TASK_SEED)).value(),
                "E's ceiling shuffled keeping histories");
    }

    /**
     * The shuffle does shuffle: on E, whose 50 groups of two batches each hold ten sequences, the first batch holds
     * another group than E's first, and some group's rows are relabelled: a batch holds the samples of one of E's
     * batches in another order.
     */
    @Example
    @Claim("ASK-5")
    void theShuffleMovesGroupsAndRelabelsRowsOfThePostsLayout() {
        BatchPlan shuffled = POST_E.shuffledKeepingHistories(TASK_SEED);
        Map<Set<Integer>, int[]> eBatches = new HashMap<>();
        for (BatchPlan.Batch batch : POST_E.batches()) {
            eBatches.put(samplesOf(batch), batch.rows());
        }
        assertNotEquals(samplesOf(POST_E.batch(0)), samplesOf(shuffled.batch(0)), "the first batch's samples");
        boolean relabelled = false;
        for (BatchPlan.Batch batch : shuffled.batches()) {
            int[] asInE = eBatches.get(samplesOf(batch));
            assertTrue(asInE != null, "every shuffled batch holds the samples of one of E's: " + batch);
            relabelled |= !Arrays.equals(asInE, batch.rows());
        }
        assertTrue(relabelled, "some batch holds its samples in another order than in E");
    }

    private static Set<Integer> samplesOf(BatchPlan.Batch batch) {
        return Arrays.stream(batch.rows()).boxed().collect(Collectors.toSet());
    }

    /** Each try computes the ceiling of 2000 chunks; a few dozen swaps reach every group's rows often enough. */
    @Property(tries = 30)
    @Claim("ASK-5")
    @Label("on the post's task, a chunk handed the state of a sequence with the other target lowers the ceiling")
    void onThePostsTaskAChunkGivenAnotherTargetsStateLowersTheCeiling(@ForAll("swapsAcrossTargets") PostSwap swap) {
        Statistics.label("rows swapped").collect(Math.min(swap.first(), swap.second()) + " and "
                + Math.max(swap.first(), swap.second()));
        List<BatchPlan.Batch> batches = new ArrayList<>(POST_E.batches());
        int second = 2 * swap.group() + 1;
        int[] rows = batches.get(second).rows();
        int kept = rows[swap.first()];
        rows[swap.first()] = rows[swap.second()];
        rows[swap.second()] = kept;
        batches.set(second, new BatchPlan.Batch(rows, false));
        double ceiling = InformationCeiling.of(POST_CHUNKS, BatchPlan.stateful(ROWS, batches)).value();
        assertTrue(ceiling < 1.0, "rows " + swap.first() + " and " + swap.second() + " swapped in the second batch of"
                + " group " + swap.group() + ": ceiling " + ceiling);
    }
}
