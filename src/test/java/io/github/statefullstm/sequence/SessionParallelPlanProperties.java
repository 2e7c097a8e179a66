package io.github.statefullstm.sequence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.statefullstm.spec.Claim;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * Session-parallel batches (PLAN-5, LINE-7, CEIL-5): sequences of their own lengths, one step at a time, each row a
 * queue of whole sequences; with per-row resets each sequence's history is its own, without them a row's sequences
 * run into one another.
 */
class SessionParallelPlanProperties {

    @Property
    @Claim("PLAN-5")
    @Label("each sequence runs on one row from its step 0, a step a batch, its row reset alone before it;"
            + " sequences start in order, and only the last ones are cut off or left out")
    void eachSequenceRunsOnOneRowFromItsStepZeroWithItsRowResetAlone(
            @ForAll(supplier = PlannedSamples.SessionParallel.class) PlannedSamples planned) {
        BatchPlan plan = planned.plan();
        List<Sample> steps = planned.samples();
        boolean rowResets = planned.kind() == PlannedSamples.Kind.SESSION_PARALLEL;
        Statistics.label("per-row resets").collect(rowResets);
        Statistics.label("B").collect(plan.batchSize());
        Set<Integer> seen = new HashSet<>();
        Set<Integer> started = new HashSet<>();
        for (int k = 0; k < plan.batches().size(); k++) {
            BatchPlan.Batch batch = plan.batch(k);
            assertEquals(plan.batchSize(), batch.size(), "batch " + k + " is full, " + planned);
            assertEquals(k == 0, batch.resetBefore(), "only batch 0 resets every row, " + planned);
            for (int row = 0; row < batch.size(); row++) {
                Sample step = steps.get(batch.row(row));
                assertTrue(seen.add(batch.row(row)), "sample " + batch.row(row) + " planned once, " + planned);
                boolean newSequence = k == 0 || step.sequence() != steps.get(plan.batch(k - 1).row(row)).sequence();
                if (newSequence) {
                    assertEquals(0, step.start(), "a sequence starts on a row at its step 0: " + step);
                    started.add(step.sequence());
                } else {
                    assertEquals(steps.get(plan.batch(k - 1).row(row)).start() + 1, step.start(),
                            "the next step of the sequence on row " + row + " in batch " + k);
                }
                assertEquals(rowResets && k > 0 && newSequence, batch.resetsRow(row),
                        "row " + row + " of batch " + k + " reset alone, " + planned);
            }
        }
        for (int sequence = 0; sequence < started.size(); sequence++) {
            assertTrue(started.contains(sequence), "sequences start in order: " + sequence + ", " + planned);
        }
        long sequences = steps.stream().mapToInt(Sample::sequence).distinct().count();
        Statistics.label("sequences left out").collect(sequences - started.size());
        BatchPlan.Batch last = plan.batch(plan.batches().size() - 1);
        Set<Integer> underWay = new HashSet<>();
        for (int row = 0; row < last.size(); row++) {
            underWay.add(steps.get(last.row(row)).sequence());
        }
        for (int i = 0; i < steps.size(); i++) {
            Sample step = steps.get(i);
            assertTrue(seen.contains(i) || underWay.contains(step.sequence()) || !started.contains(step.sequence()),
                    "only a sequence under way at the last batch is cut off: " + step + ", " + planned);
        }
    }

    @Property
    @Claim("LINE-7")
    @Label("with per-row resets a step's history is its own sequence so far; without, all its row has held")
    void aStepsHistoryIsItsSequenceSoFarWithRowResetsAndItsWholeRowWithout(
            @ForAll(supplier = PlannedSamples.SessionParallel.class) PlannedSamples planned) {
        BatchPlan plan = planned.plan();
        boolean rowResets = planned.kind() == PlannedSamples.Kind.SESSION_PARALLEL;
        Statistics.label("per-row resets").collect(rowResets);
        StateLineage lineage = plan.lineage();
        for (int k = 0; k < plan.batches().size(); k++) {
            for (int row = 0; row < plan.batchSize(); row++) {
                Sample own = planned.samples().get(plan.batch(k).row(row));
                List<Integer> expected = new ArrayList<>();
                for (int j = rowResets ? k - own.start() : 0; j <= k; j++) {
                    expected.add(plan.batch(j).row(row));
                }
                assertEquals(expected, lineage.history(new StateLineage.Slot(k, row)),
                        "history of batch " + k + ", row " + row + " (" + own + "), " + planned);
            }
        }
    }

    @Property
    @Claim("CEIL-5")
    @Label("with per-row resets, sequences whose step 0 is their target have ceiling 1")
    void withRowResetsThePostsKindOfTaskHasCeilingOne(@ForAll @IntRange(min = 1, max = 12) int sequences,
                                                       @ForAll @IntRange(min = 1, max = 8) int longest,
                                                       @ForAll long seed, @ForAll @IntRange(min = 1, max = 4) int b) {
        int rows = Math.min(b, sequences);
        List<Sample> steps = PlannedSamples.unequalSequences(lengths(sequences, 1, longest, seed), seed, true);
        Statistics.label("B").collect(rows);
        assertEquals(1.0, InformationCeiling.of(steps, BatchPlan.sessionParallel(steps, rows, true)).value());
    }

    private static List<Integer> lengths(int sequences, int shortest, int longest, long seed) {
        return new SplittableRandom(seed).ints(sequences, shortest, longest + 1).boxed().toList();
    }

    @Example
    @Claim("PLAN-3")
    void aSessionParallelPlanRefusesWhatIsNotWholeSequencesOfOneStepSamples() {
        List<Sample> two = PlannedSamples.unequalSequences(List.of(2, 1), 1, true);
        TaskProperties.assertMentions(org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> BatchPlan.sessionParallel(List.of(), 1, true)), "steps = []", "at least one step");
        TaskProperties.assertMentions(org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> BatchPlan.sessionParallel(two, 0, true)), "batch size (B) = 0");
        TaskProperties.assertMentions(org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> BatchPlan.sessionParallel(two, 3, true)), "sequences = 2", "at least the batch size 3");
        List<Sample> gap = List.of(two.get(0), two.get(2));
        TaskProperties.assertMentions(org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> BatchPlan.sessionParallel(List.of(two.get(1)), 1, true)), "start of sample 0 = 1", "from step 0");
        TaskProperties.assertMentions(org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> BatchPlan.sessionParallel(List.of(new Sample(0, 0, new double[] {0, 1}, 0)), 1, true)),
                "length of sample 0 = 2", "one step long");
        assertEquals(2, BatchPlan.sessionParallel(gap, 2, true).batch(0).size(), "two sequences of one step each");
    }
}
