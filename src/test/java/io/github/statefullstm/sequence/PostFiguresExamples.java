package io.github.statefullstm.sequence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.github.statefullstm.spec.Claim;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The post's own figures, pinned exactly. */
@DisplayName("The post's figures")
class PostFiguresExamples {

    /** Any seed: the figures below depend on sizes and class counts, not on which rows hold 1. */
    private static final long SEED = 42;

    private final Task.Split split = PostSetup.task(SEED).splitAt(PostSetup.TRAINING_SEQUENCES);

    @Test
    @Claim({"WIN-1", "TASK-4"})
    @DisplayName("1000/200 rows give 11000 training windows and 2200 validation windows")
    void thePostsWindowCounts() {
        List<Sample> training = Windowing.windows(split.training(), PostSetup.WINDOW, PostSetup.STRIDE);
        List<Sample> validation = Windowing.windows(split.validation(), PostSetup.WINDOW, PostSetup.STRIDE);
        assertEquals(11000, training.size());
        assertEquals(2200, validation.size());
    }

    @Test
    @Claim("WIN-2")
    @DisplayName("every window of the post is 10 steps long")
    void thePostsWindowsAreTenStepsLong() {
        for (Sample window : Windowing.windows(split.training(), PostSetup.WINDOW, PostSetup.STRIDE)) {
            assertEquals(10, window.length(), window::toString);
        }
    }

    @Test
    @Claim("TASK-1")
    @DisplayName("exactly 600 of the 1200 rows hold 1")
    void exactlyHalfTheRowsHoldOne() {
        assertEquals(600, PostSetup.task(SEED).ones());
    }

    @Test
    @Claim("CEIL-2")
    @DisplayName("balanced windows of 10 over 20 steps: ceiling 6/11 = 0.5455, the post's validation accuracy")
    void balancedWindowsHaveCeilingSixElevenths() {
        InformationCeiling.Ceiling ceiling = InformationCeiling.windowedStateless(100, 100, 20, 10, 1);
        assertEquals(6.0 / 11, ceiling.value(), 0.0);
        assertEquals("0.5455", String.format(java.util.Locale.ROOT, "%.4f", ceiling.value()));
    }

    @Test
    @Claim("CEIL-2")
    @DisplayName("one step at a time, stateless, T = 20, balanced: ceiling 0.525, the post's figure")
    void perStepStatelessHasCeilingPoint525() {
        Task balanced = Task.generate(200, 20, 0.5, SEED);
        PerStepFeed feed = PerStepFeed.of(balanced);
        assertEquals(0.525, InformationCeiling.of(feed.samples(), BatchPlan.stateless(feed.size(), 1)).value(), 0.0);
        assertEquals(0.525, InformationCeiling.windowedStateless(100, 100, 20, 1, 1).value(), 0.0);
    }

    @Test
    @Claim("CEIL-4")
    @DisplayName("one step at a time, stateful, reset after each sequence: ceiling 1")
    void perStepStatefulHasCeilingOne() {
        PerStepFeed feed = PerStepFeed.of(split.validation());
        assertEquals(1.0, InformationCeiling.of(feed.samples(), BatchPlan.perStep(feed)).value(), 0.0);
    }

    @Test
    @Claim("LINE-3")
    @DisplayName("B = 110 over the 11000 windows: 100 batches; row i passes its state from sequence q to q + 10")
    void thePostsStatefulWindowPlanLinksSequencesTenApart() {
        List<Sample> windows = Windowing.windows(split.training(), PostSetup.WINDOW, PostSetup.STRIDE);
        BatchPlan plan = BatchPlan.statefulInOrder(windows.size(), PostSetup.STATEFUL_BATCH);
        assertEquals(100, plan.batches().size());
        List<int[]> links = plan.lineage().links();
        assertEquals(99 * 110, links.size());
        for (int[] link : links) {
            Sample from = windows.get(link[0]);
            Sample to = windows.get(link[1]);
            assertEquals(from.sequence() + 10, to.sequence(), () -> from + " -> " + to);
            assertEquals(from.start(), to.start(), () -> from + " -> " + to);
            assertNotEquals(from.sequence(), to.sequence());
        }
    }

    @Test
    @Claim("LINE-3")
    @DisplayName("in the post's stateful window plan no history holds its window's own step 0 unless the window does")
    void thePostsStatefulWindowPlanNeverCarriesTheOwnStepZero() {
        List<Sample> windows = Windowing.windows(split.training(), PostSetup.WINDOW, PostSetup.STRIDE);
        BatchPlan plan = BatchPlan.statefulInOrder(windows.size(), PostSetup.STATEFUL_BATCH);
        StateLineage lineage = plan.lineage();
        for (int k = 0; k < plan.batches().size(); k++) {
            for (int row = 0; row < plan.batchSize(); row++) {
                Sample own = windows.get(plan.batch(k).row(row));
                String where = "batch " + k + ", row " + row + ": ";
                for (int earlier : lineage.history(new StateLineage.Slot(k, row))) {
                    Sample carried = windows.get(earlier);
                    boolean holdsOwnStepZero = carried.sequence() == own.sequence() && carried.start() == 0;
                    assertEquals(own.start() == 0 && carried == own, holdsOwnStepZero,
                            () -> where + carried + " in the history of " + own);
                }
            }
        }
    }
}
