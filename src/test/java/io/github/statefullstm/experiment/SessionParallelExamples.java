package io.github.statefullstm.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.statefullstm.sequence.BatchPlan;
import io.github.statefullstm.sequence.InformationCeiling;
import io.github.statefullstm.spec.Claim;
import java.util.List;
import net.jqwik.api.Example;
import net.jqwik.api.Label;

/**
 * Experiment F as two runs of one task, with and without the per-row reset, and the exact ceilings of their layouts:
 * the settings are read from {@link PostProtocols}, their one home.
 */
@Label("Experiment F: session-parallel, with and without per-row resets")
class SessionParallelExamples {

    private static final Protocol F = PostProtocols.sessionParallel();
    private static final Protocol LEAK = PostProtocols.sessionParallelWithoutRowResets();

    @Example
    @Claim("EXP-12")
    void fsTwoRunsDifferInThePerRowResetAloneAndThePostNeverRanEither() {
        assertEquals(List.of("F", "FLEAK"), List.of(F.id(), LEAK.id()));
        assertEquals(F.task(), LEAK.task(), "one task");
        assertTrue(F.task().lengthsVary(), "sequences of unequal lengths: " + F.task());
        assertEquals(F.model(), LEAK.model());
        assertEquals(F.epochs(), LEAK.epochs());
        assertEquals(F.layout().batchSize(), LEAK.layout().batchSize());
        assertEquals(Layout.SESSION_PARALLEL, F.layout().kind());
        assertEquals(Layout.SESSION_PARALLEL_WITHOUT_ROW_RESETS, LEAK.layout().kind());
        assertTrue(PostProtocols.all().containsAll(List.of(F, LEAK)), "selectable as the others are");
        for (Protocol p : List.of(F, LEAK)) {
            assertTrue(p.postColumn().startsWith("never run: its readers ask it"), p.postColumn());
            assertTrue(Double.isNaN(p.comparablePostValidationAccuracy()), "no figure of the post for " + p.id());
            assertTrue(p.setup().startsWith(p.task().sequences() + " sequences of " + p.task().shortest() + " to "
                    + p.task().length() + " steps"), p.setup());
        }
        Layout.Splits with = F.layout().prepare(F.task());
        Layout.Splits without = LEAK.layout().prepare(LEAK.task());
        assertEquals(with.training().samples(), without.training().samples(), "the same samples, one step each");
        assertTrue(with.training().training().batches().stream().anyMatch(b -> b.resetRows().length > 0),
                "rows reset alone with them");
        assertTrue(without.training().training().batches().stream().allMatch(b -> b.resetRows().length == 0),
                "no row reset alone without them");
        for (Layout.Splits splits : List.of(with, without)) {
            // every sample is scored on the very history it trained with (EXP-1)
            assertSame(splits.training().training(), splits.training().evaluation());
            assertSame(splits.validation().training(), splits.validation().evaluation());
        }
    }

    /**
     * F's own task and layouts: 1000 training sequences of 10 to 30 steps, step 0 the target, one step at a time in
     * batches of 10. With per-row resets every history starts at its own step 0 and the ceiling is 1; without them a
     * row's next sequence reads the last one's step 0 first, and sequences of the other target read alike.
     */
    @Example
    @Claim({"CEIL-5", "EXP-12"})
    void onFsTaskPerRowResetsKeepTheCeilingAtOneAndWithoutThemItFalls() {
        Layout.Splits with = F.layout().prepare(F.task());
        Layout.Splits without = LEAK.layout().prepare(LEAK.task());
        assertEquals(1.0, ceiling(with.training()), "training, with per-row resets");
        assertEquals(1.0, ceiling(with.validation()), "validation, with per-row resets");
        double leaked = ceiling(without.training());
        assertTrue(leaked < 1.0, "training, without per-row resets: " + leaked);
    }

    private static double ceiling(Layout.Prepared prepared) {
        return InformationCeiling.of(prepared.samples(), prepared.training()).value();
    }

    @Example
    @Claim("EXP-12")
    void aTaskOfUnequalLengthsIsRefusedForALayoutOfOneLengthAndMoreRowsThanSequencesAreRefused() {
        IllegalArgumentException oneLength = assertThrows(IllegalArgumentException.class,
                () -> PostProtocols.perStepStateful().withTask(F.task()));
        assertEquals("shortest = 10: must be T = 30 for layout PER_STEP_STATEFUL, whose sequences all have T steps",
                oneLength.getMessage());
        IllegalArgumentException rows = assertThrows(IllegalArgumentException.class,
                () -> Experiment.check(F.withLayout(F.layout().withBatchSize(201))));
        assertEquals("sequences = 200: must be at least the batch size 201: every row starts with a sequence of its "
                + "own", rows.getMessage(), "the validation split's 200 sequences");
        for (int shortest : new int[] {0, 31}) {
            assertEquals("shortest = " + shortest + ": must be in [1, T = 30]", assertThrows(
                    IllegalArgumentException.class, () -> new TaskSpec(1200, shortest, 30, 1000, 0.5, 1))
                    .getMessage());
        }
        assertEquals("shortest = 10: must be T = 30 for a task whose sequences all have T steps",
                assertThrows(IllegalArgumentException.class, () -> F.task().draw()).getMessage());
        assertEquals(List.of("shortest = 5, not 10"), F.withTask(new TaskSpec(1200, 5, 30, 1000, 0.5, 42))
                .differencesFromThePost(), "a shortest length of its own is a difference from F's setup");
        Protocol c = PostProtocols.perStepStateful();
        assertEquals(List.of("T = 30, not 20"), c.withTask(c.task().withSize(1200, 30, 1000))
                .differencesFromThePost(), "where every sequence has T steps, T's difference says it all");
        assertFalse(F.task().withSize(F.task().sequences(), 5, F.task().trainingSequences()).lengthsVary(),
                "a T below the shortest leaves one length, T");
        BatchPlan plan = F.layout().prepare(F.task()).validation().training();
        assertEquals(F.layout().batchSize(), plan.batchSize());
    }
}
