package io.github.statefullstm.sequence;

import static io.github.statefullstm.sequence.TaskProperties.assertMentions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.statefullstm.spec.Claim;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Assume;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Group;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

@Label("Batch plans and their state lineage")
class BatchPlanProperties {

    @Group
    @Label("Layout")
    class Layout {

        @Property
        @Claim("PLAN-1")
        @Label("every plan holds every sample exactly once")
        void everyPlanHoldsEverySampleExactlyOnce(@ForAll(supplier = PlannedSamples.Any.class) PlannedSamples planned) {
            Statistics.label("plan").collect(planned.kind());
            int[] seen = new int[planned.samples().size()];
            for (BatchPlan.Batch batch : planned.plan().batches()) {
                for (int sample : batch.rows()) {
                    seen[sample]++;
                }
            }
            for (int sample = 0; sample < seen.length; sample++) {
                assertEquals(1, seen[sample], "times sample " + sample + " is planned, in " + planned);
            }
        }

        @Property
        @Claim("PLAN-1")
        @Label("plans of samples in order hold them in order, B at a time")
        void plansInOrderHoldTheSamplesInOrderBAtATime(
                @ForAll(supplier = PlannedSamples.Any.class) PlannedSamples planned) {
            Statistics.label("plan").collect(planned.kind());
            if (planned.kind() == PlannedSamples.Kind.SEQUENCE_PRESERVING) {
                return; // side by side, the order is the rows' (PLAN-4)
            }
            BatchPlan plan = planned.plan();
            int next = 0;
            for (int k = 0; k < plan.batches().size(); k++) {
                BatchPlan.Batch batch = plan.batch(k);
                for (int row = 0; row < batch.size(); row++) {
                    assertEquals(next++, batch.row(row), "row " + row + " of batch " + k + " of " + planned);
                }
                boolean last = k == plan.batches().size() - 1;
                assertTrue(batch.size() == plan.batchSize() || last, "batch " + k + " of " + planned + " holds "
                        + batch.size() + " samples, not B = " + plan.batchSize());
            }
        }

        @Property
        @Claim("PLAN-2")
        @Label("every batch of a stateful plan has exactly B rows")
        void everyStatefulBatchHasExactlyBatchSizeRows(
                @ForAll(supplier = PlannedSamples.Any.class) PlannedSamples planned) {
            BatchPlan plan = planned.plan();
            Statistics.label("stateful").collect(plan.stateful());
            for (int k = 0; k < plan.batches().size(); k++) {
                int rows = plan.batch(k).size();
                assertTrue(plan.stateful() ? rows == plan.batchSize() : rows >= 1 && rows <= plan.batchSize(),
                        "batch " + k + " has " + rows + " rows in " + planned);
            }
        }

        @Property
        @Claim("PLAN-4")
        @Label("a stateful plan resets exactly where a history starts afresh, and keeps each sequence on its row")
        void aStatefulPlanResetsWhereAHistoryStartsAndKeepsEachSequenceOnItsRow(
                @ForAll(supplier = PlannedSamples.Any.class) PlannedSamples planned) {
            BatchPlan plan = planned.plan();
            Statistics.label("plan").collect(planned.kind());
            for (int k = 0; k < plan.batches().size(); k++) {
                BatchPlan.Batch batch = plan.batch(k);
                Sample first = planned.samples().get(batch.row(0));
                String where = "batch " + k + " of " + planned;
                switch (planned.kind()) {
                    case STATEFUL_WINDOWS_IN_ORDER -> assertEquals(k == 0, batch.resetBefore(),
                            "reset before " + where);
                    case STATEFUL_WINDOWS_RESET_ANYWHERE -> assertEquals(k == 0 || planned.resetMarks().get(k),
                            batch.resetBefore(), "reset before " + where);
                    case PER_STEP_STATEFUL -> assertEquals(first.start() == 0, batch.resetBefore(),
                            "reset before " + where + ", which holds step " + first.start() + " of its sequence");
                    case SEQUENCE_PRESERVING -> {
                        assertEquals(first.start() == 0, batch.resetBefore(),
                                "reset before " + where + ", whose first row starts at step " + first.start());
                        for (int row = 0; row < batch.size() && !batch.resetBefore(); row++) {
                            Sample here = planned.samples().get(batch.row(row));
                            Sample before = planned.samples().get(plan.batch(k - 1).row(row));
                            assertEquals(before.sequence(), here.sequence(), "row " + row + " of " + where
                                    + " holds another sequence than the batch before");
                            assertEquals(before.start() + before.length(), here.start(), "row " + row + " of "
                                    + where + " does not continue the chunk before");
                        }
                    }
                    default -> assertTrue(batch.resetBefore(), "a stateless plan starts every batch afresh: "
                            + where);
                }
            }
        }

        @Property
        @Claim("PLAN-3")
        @Label("a stateful plan whose sample count is not a multiple of B is refused")
        void aStatefulPlanOfAnIncompleteLastBatchIsRefused(@ForAll @IntRange(min = 2, max = 50) int batchSize,
                                                          @ForAll @IntRange(min = 1, max = 500) int samples) {
            int count = samples % batchSize == 0 ? samples + 1 : samples;
            Statistics.label("full batches before the short one").collect(count < batchSize ? "none" : "some");
            Statistics.label("the short batch holds").collect(shortPart(count, batchSize));
            assertMentions(assertThrows(IllegalArgumentException.class,
                            () -> BatchPlan.statefulInOrder(count, batchSize)),
                    "sample count = " + count, "multiple of the batch size " + batchSize);
        }

        @Example
        @Claim("PLAN-2")
        @Label("a stateful plan of many samples has count / B batches of B rows")
        void aStatefulPlanOfManySamplesHasCountOverBatchSizeBatches() {
            int batchSize = 1 << 16;
            BatchPlan plan = BatchPlan.statefulInOrder(2 * batchSize, batchSize);
            assertEquals(2, plan.batches().size(), plan::toString);
            assertEquals(batchSize, plan.batch(1).size(), plan::toString);
            assertEquals(2 * batchSize - 1, plan.batch(1).row(batchSize - 1), "last row of the last batch");
        }

        /**
         * A negative count is left out for the stateful plan: it fails before its check, allocating its reset
         * markers (reports/mutation.md).
         */
        @Property
        @Claim("PLAN-3")
        @Label("a sample count <= 0 is refused, naming the count")
        void aNonPositiveSampleCountIsRefused(@ForAll @IntRange(min = -3, max = 0) int count,
                                              @ForAll @IntRange(min = 1, max = 5) int batchSize) {
            Statistics.label("sample count").collect(count == 0 ? "0" : "negative");
            assertMentions(assertThrows(IllegalArgumentException.class,
                    () -> BatchPlan.statefulInOrder(count, batchSize)), "sample count = " + count, "> 0");
            assertMentions(assertThrows(IllegalArgumentException.class,
                    () -> BatchPlan.stateless(count, batchSize)), "sample count = " + count, "> 0");
            // resets anywhere: a count of 0 with no marks would otherwise make a plan of no batches
            assertMentions(assertThrows(IllegalArgumentException.class,
                    () -> BatchPlan.statefulInOrder(count, batchSize, new boolean[0])), "sample count = " + count,
                    "> 0");
        }

        @Property
        @Claim("PLAN-3")
        @Label("reset marks that are not one per batch are refused, naming how many there are and should be")
        void resetMarksNotOnePerBatchAreRefused(@ForAll @IntRange(min = 1, max = 6) int batches,
                                                @ForAll @IntRange(min = 1, max = 4) int batchSize,
                                                @ForAll @IntRange(min = 0, max = 8) int marks) {
            Assume.that(marks != batches);
            Statistics.label("marks").collect(marks < batches ? "too few" : "too many");
            assertMentions(assertThrows(IllegalArgumentException.class,
                    () -> BatchPlan.statefulInOrder(batches * batchSize, batchSize, new boolean[marks])),
                    "reset marks = " + marks, "one per batch: " + batches);
            assertMentions(assertThrows(IllegalArgumentException.class,
                    () -> BatchPlan.statefulInOrder(batches * batchSize, batchSize, null)), "reset marks = null");
        }

        @Property
        @Claim("PLAN-3")
        @Label("B <= 0 is refused, naming B")
        void aNonPositiveBatchSizeIsRefused(@ForAll @IntRange(min = -3, max = 0) int batchSize) {
            Statistics.label("B").collect(batchSize == 0 ? "0" : "negative");
            assertMentions(assertThrows(IllegalArgumentException.class, () -> BatchPlan.stateless(10, batchSize)),
                    "batch size (B) = " + batchSize, "> 0");
            assertMentions(assertThrows(IllegalArgumentException.class,
                    () -> BatchPlan.statefulInOrder(10, batchSize)), "batch size (B) = " + batchSize);
            List<Sample> chunks = Windowing.windows(Task.generate(2, 4, 0.5, 1), 2, 2);
            assertMentions(assertThrows(IllegalArgumentException.class,
                    () -> BatchPlan.sequencePreserving(chunks, batchSize)), "batch size (B) = " + batchSize);
            List<BatchPlan.Batch> oneBatch = List.of(new BatchPlan.Batch(new int[] {0, 1}, true));
            assertMentions(assertThrows(IllegalArgumentException.class,
                    () -> BatchPlan.stateful(batchSize, oneBatch)), "batch size (B) = " + batchSize);
        }

        @Example
        @Claim("PLAN-3")
        void aHandMadeStatefulPlanIsRefusedWithoutBatchesOrWithABatchOfAnotherSize() {
            assertMentions(assertThrows(IllegalArgumentException.class, () -> BatchPlan.stateful(2, null)),
                    "batches = null", "at least one batch");
            assertMentions(assertThrows(IllegalArgumentException.class, () -> BatchPlan.stateful(2, List.of())),
                    "batches = []", "at least one batch");
            List<BatchPlan.Batch> ragged = List.of(new BatchPlan.Batch(new int[] {0, 1}, true),
                    new BatchPlan.Batch(new int[] {2, 3, 4}, false));
            assertMentions(assertThrows(IllegalArgumentException.class, () -> BatchPlan.stateful(2, ragged)),
                    "rows of batch 1 = 3", "the batch size 2");
        }
    }

    @Group
    @Label("Lineage")
    class Lineage {

        @Property
        @Claim("LINE-1")
        @Label("state never crosses rows: row i starts from row i of the batch before, or from zero")
        void stateNeverCrossesRows(@ForAll(supplier = PlannedSamples.AnyWithRowResets.class) PlannedSamples planned) {
            BatchPlan plan = planned.plan();
            StateLineage lineage = plan.lineage();
            int carried = 0;
            for (int k = 0; k < plan.batches().size(); k++) {
                for (int row = 0; row < plan.batch(k).size(); row++) {
                    Optional<StateLineage.Slot> from = lineage.predecessor(new StateLineage.Slot(k, row));
                    if (from.isPresent()) {
                        carried++;
                        assertEquals(new StateLineage.Slot(k - 1, row), from.get(),
                                "batch " + k + ", row " + row + " of " + planned);
                    }
                }
            }
            Statistics.label("carries state").collect(carried > 0);
        }

        @Property
        @Claim("LINE-1")
        @Label("a row the batch does not have has no lineage: it is refused, naming the row")
        void aRowOutsideTheBatchIsRefused(@ForAll(supplier = PlannedSamples.AnyWithRowResets.class) PlannedSamples planned) {
            StateLineage lineage = planned.plan().lineage();
            int k = planned.plan().batches().size() - 1;
            int rows = planned.plan().batch(k).size();
            for (int row : new int[] {-1, rows}) {
                assertMentions(assertThrows(IllegalArgumentException.class,
                        () -> lineage.predecessor(new StateLineage.Slot(k, row))),
                        "row = " + row, "[0, " + rows + ") for batch " + k);
            }
        }

        @Property
        @Claim("LINE-2")
        @Label("a stateless plan carries nothing: every row starts from zero")
        void aStatelessPlanCarriesNothing(@ForAll(supplier = PlannedSamples.AnyWithRowResets.class) PlannedSamples planned) {
            Statistics.label("stateful").collect(planned.plan().stateful());
            if (!planned.plan().stateful()) {
                assertEquals(List.of(), planned.plan().lineage().links(), planned::toString);
            }
        }

        @Property
        @Claim("LINE-3")
        @Label("in order, with B at least the windows per sequence, every link joins two different sequences")
        void inOrderWindowsLinkDifferentSequencesWhenABatchHoldsAWholeSequence(
                @ForAll(supplier = PlannedSamples.StatefulWindowsInOrder.class) PlannedSamples planned) {
            int windowsPerSequence = (int) planned.samples().stream().filter(w -> w.sequence() == 0).count();
            boolean batchHoldsAWholeSequence = planned.plan().batchSize() >= windowsPerSequence;
            Statistics.label("B >= windows per sequence").collect(batchHoldsAWholeSequence);
            for (int[] link : planned.plan().lineage().links()) {
                Sample from = planned.samples().get(link[0]);
                Sample to = planned.samples().get(link[1]);
                assertEquals(link[0] + planned.plan().batchSize(), link[1], "window carried into window " + link[1]);
                if (batchHoldsAWholeSequence) {
                    assertNotEquals(from.sequence(), to.sequence(), () -> from + " -> " + to + " in " + planned);
                }
            }
        }

        @Property
        @Claim("LINE-4")
        @Label("the sequence-preserving plan links each chunk to the previous chunk of its own sequence")
        void sequencePreservingLineageStaysInsideOneSequence(
                @ForAll(supplier = PlannedSamples.SequencePreserving.class) PlannedSamples planned) {
            Statistics.label("chunks per sequence").collect(
                    planned.samples().stream().filter(w -> w.sequence() == 0).count());
            for (int[] link : planned.plan().lineage().links()) {
                Sample from = planned.samples().get(link[0]);
                Sample to = planned.samples().get(link[1]);
                assertEquals(from.sequence(), to.sequence(), () -> from + " -> " + to + " in " + planned);
                assertEquals(from.end(), to.start(), () -> from + " -> " + to + " in " + planned);
            }
            for (int k = 0; k < planned.plan().batches().size(); k++) {
                for (int row = 0; row < planned.plan().batchSize(); row++) {
                    List<Integer> history = planned.plan().lineage().history(new StateLineage.Slot(k, row));
                    assertEquals(0, planned.samples().get(history.get(0)).start(),
                            "the history of batch " + k + ", row " + row + " starts at step 0 of its sequence");
                }
            }
        }

        @Property
        @Claim("LINE-5")
        @Label("one step at a time, statefully, a step's history is its own sequence up to that step")
        void perStepHistoryIsTheSequenceSoFar(@ForAll(supplier = PlannedSamples.PerStep.class) PlannedSamples planned) {
            Statistics.label("stateful").collect(planned.plan().stateful());
            StateLineage lineage = planned.plan().lineage();
            for (int k = 0; k < planned.plan().batches().size(); k++) {
                for (int row = 0; row < planned.plan().batch(k).size(); row++) {
                    Sample own = planned.samples().get(planned.plan().batch(k).row(row));
                    List<Integer> history = lineage.history(new StateLineage.Slot(k, row));
                    int expected = planned.plan().stateful() ? own.start() + 1 : 1;
                    assertEquals(expected, history.size(), "history length of " + own);
                    for (int i = 0; i < history.size(); i++) {
                        Sample step = planned.samples().get(history.get(i));
                        assertEquals(own.sequence(), step.sequence(), "history of " + own);
                        assertEquals(own.start() - history.size() + 1 + i, step.start(), "history of " + own);
                    }
                }
            }
        }
    }

    @Property
    @Claim("PLAN-3")
    @Label("chunks that are not whole sequences are refused: none, unequal counts, gaps or overlaps")
    void sequencePreservingRefusesChunksThatAreNotWholeSequences(@ForAll @IntRange(min = 2, max = 5) int chunk,
                                                                 @ForAll @IntRange(min = 2, max = 4) int chunks) {
        Task task = Task.generate(2, chunk * chunks, 0.5, chunk);
        List<Sample> whole = Windowing.windows(task, chunk, chunk);
        assertMentions(assertThrows(IllegalArgumentException.class, () -> BatchPlan.sequencePreserving(List.of(), 1)),
                "chunks = []", "at least one chunk");
        assertMentions(assertThrows(IllegalArgumentException.class, () -> BatchPlan.sequencePreserving(null, 1)),
                "chunks = null");
        List<Sample> shortSecond = whole.subList(0, whole.size() - 1);
        assertMentions(assertThrows(IllegalArgumentException.class,
                () -> BatchPlan.sequencePreserving(shortSecond, 1)),
                "chunks of sequence 1 = " + (chunks - 1), "same number of chunks (" + chunks + ")");
        List<Sample> gapped = Windowing.windows(task, chunk - 1, chunk);
        assertMentions(assertThrows(IllegalArgumentException.class, () -> BatchPlan.sequencePreserving(gapped, 1)),
                "start of chunk 1 = " + chunk, "without gap or overlap");
        List<Sample> overlapping = Windowing.windows(task, chunk, chunk - 1);
        assertMentions(assertThrows(IllegalArgumentException.class,
                () -> BatchPlan.sequencePreserving(overlapping, 1)),
                "start of chunk 1 = " + (chunk - 1), "without gap or overlap");
    }

    @Property
    @Claim("PLAN-3")
    @Label("a sequence-preserving plan over a sequence count that is not a multiple of B is refused")
    void sequencePreservingRefusesAnIncompleteGroup(@ForAll @IntRange(min = 2, max = 6) int batchSize,
                                                    @ForAll @IntRange(min = 1, max = 30) int sequences) {
        int n = sequences % batchSize == 0 ? sequences + 1 : sequences;
        Statistics.label("full groups before the short one").collect(n < batchSize ? "none" : "some");
        Statistics.label("the short group holds").collect(shortPart(n, batchSize));
        List<Sample> chunks = Windowing.windows(Task.generate(n, 4, 0.5, 1), 2, 2);
        assertMentions(assertThrows(IllegalArgumentException.class,
                () -> BatchPlan.sequencePreserving(chunks, batchSize)), "sequences = " + n,
                "multiple of the batch size");
    }

    /** What is left over for the last batch or group: one, one short of B, or between (B = 2 has only one). */
    private static String shortPart(int count, int batchSize) {
        int left = count % batchSize;
        return left == 1 ? "1" : left == batchSize - 1 ? "B - 1" : "between";
    }
}
