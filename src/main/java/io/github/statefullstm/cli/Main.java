package io.github.statefullstm.cli;

import io.github.statefullstm.sequence.BatchPlan;
import io.github.statefullstm.sequence.InformationCeiling;
import io.github.statefullstm.sequence.PerStepFeed;
import io.github.statefullstm.sequence.PostSetup;
import io.github.statefullstm.sequence.Sample;
import io.github.statefullstm.sequence.Task;
import io.github.statefullstm.sequence.Windowing;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * The main job: reproduces the post's setup and says what each layout lets a model know. The data layer is all
 * that exists so far, so it prints the post's shapes and the information ceiling of each of its layouts.
 */
public final class Main {

    /** The draw used unless another is asked for; any seed gives the same shapes and ceilings up to class counts. */
    static final long DEFAULT_SEED = 42;

    private Main() {
    }

    public static void main(String[] args) {
        describe(DEFAULT_SEED, System.out);
    }

    static void describe(long seed, PrintStream out) {
        Task.Split split = PostSetup.task(seed).splitAt(PostSetup.TRAINING_SEQUENCES);
        out.printf(Locale.ROOT, "The post's task (seed %d): %d sequences of %d steps; training %d (%d ones), "
                        + "validation %d (%d ones)%n", seed, PostSetup.SEQUENCES, PostSetup.LENGTH,
                split.training().size(), split.training().ones(), split.validation().size(),
                split.validation().ones());
        out.println();
        out.println("| layout | training samples | training ceiling | validation samples | validation ceiling |");
        out.println("|---|---|---|---|---|");
        for (Layout layout : Layout.values()) {
            Row training = layout.row(split.training());
            Row validation = layout.row(split.validation());
            out.printf(Locale.ROOT, "| %s | %d x %d | %.4f | %d x %d | %.4f |%n", layout.title, training.samples,
                    training.steps, training.ceiling, validation.samples, validation.steps, validation.ceiling);
        }
    }

    private record Row(int samples, int steps, double ceiling) {
    }

    /** The post's layouts, and the one it suggests. */
    private enum Layout {
        WINDOWS_STATELESS("A. windows of 10, stateless, batch 64") {
            @Override
            Row row(Task task) {
                List<Sample> windows = windows(task);
                return row(windows, BatchPlan.stateless(windows.size(), PostSetup.STATELESS_BATCH));
            }
        },
        WINDOWS_STATEFUL("B. windows of 10, stateful, batch 110") {
            @Override
            Row row(Task task) {
                List<Sample> windows = windows(task);
                return row(windows, BatchPlan.statefulInOrder(windows.size(), PostSetup.STATEFUL_BATCH));
            }
        },
        PER_STEP_STATEFUL("C. one step at a time, stateful, batch 1") {
            @Override
            Row row(Task task) {
                PerStepFeed feed = PerStepFeed.of(task);
                return row(feed.samples(), BatchPlan.perStep(feed));
            }
        },
        PER_STEP_STATELESS("D. one step at a time, stateless") {
            @Override
            Row row(Task task) {
                PerStepFeed feed = PerStepFeed.of(task);
                return row(feed.samples(), BatchPlan.stateless(feed.size(), 1));
            }
        },
        SEQUENCE_PRESERVING("E. chunks of 10, each sequence on its own row, batch 100") {
            @Override
            Row row(Task task) {
                List<Sample> chunks = Windowing.windows(task, PostSetup.WINDOW, PostSetup.WINDOW);
                return row(chunks, BatchPlan.sequencePreserving(chunks, 100));
            }
        };

        final String title;

        Layout(String title) {
            this.title = title;
        }

        abstract Row row(Task task);

        static List<Sample> windows(Task task) {
            return Windowing.windows(task, PostSetup.WINDOW, PostSetup.STRIDE);
        }

        static Row row(List<Sample> samples, BatchPlan plan) {
            return new Row(samples.size(), samples.get(0).length(), InformationCeiling.of(samples, plan).value());
        }
    }
}
