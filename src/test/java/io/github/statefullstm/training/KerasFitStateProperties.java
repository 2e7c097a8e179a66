package io.github.statefullstm.training;

import io.github.statefullstm.rnn.LstmState;
import io.github.statefullstm.sequence.BatchPlan;
import io.github.statefullstm.sequence.PerStepFeed;
import io.github.statefullstm.sequence.Sample;
import io.github.statefullstm.sequence.Task;
import io.github.statefullstm.sequence.Windowing;
import io.github.statefullstm.spec.Claim;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * Keras' {@code fit()} and {@code evaluate()} never reset a stateful layer: an epoch, a validation pass and a final
 * evaluation each start from the state the model carries, and leave their own. The plan's resets inside still apply.
 */
@Label("Keras' fit() and evaluate() carry a stateful model's state")
class KerasFitStateProperties {

    record StatefulRun(String recipe, List<Sample> samples, BatchPlan plan) {
        @Override
        public String toString() {
            return recipe + " -> " + plan;
        }
    }

    /** Stateful plans of every kind: the post's windows in order, one step at a time, and sequences side by side. */
    @Provide
    Arbitrary<StatefulRun> statefulRuns() {
        return Combinators.combine(Arbitraries.integers().between(1, 8), Arbitraries.integers().between(1, 6),
                Arbitraries.longs(), Arbitraries.of("in order", "per step", "side by side"),
                Arbitraries.integers().between(1, 3)).as((n, t, seed, kind, b) -> {
                    Task task = Task.generate(n * b, t, 0.5, seed);
                    String recipe = task + ", " + kind + ", B=" + b;
                    return switch (kind) {
                        case "in order" -> {
                            List<Sample> windows = Windowing.windows(task, 1 + t / 2, 1);
                            yield new StatefulRun(recipe, windows, BatchPlan.statefulInOrder(windows.size(), b));
                        }
                        case "per step" -> {
                            PerStepFeed feed = PerStepFeed.of(task);
                            yield new StatefulRun(recipe, feed.samples(), BatchPlan.perStep(feed));
                        }
                        default -> {
                            List<Sample> chunks = Windowing.windows(task, 1, 1);
                            yield new StatefulRun(recipe, chunks, BatchPlan.sequencePreserving(chunks, b));
                        }
                    };
                });
    }

    @Property(tries = 200)
    @Claim("TRAIN-5")
    void anEpochOfFitStartsFromTheCarriedStateAndKeepsThePlansLaterResets(@ForAll("statefulRuns") StatefulRun run) {
        RecordingModel model = new RecordingModel(true, run.plan().batchSize());
        Score score = PlanRunner.continueTraining(model, run.samples(), run.plan(), BatchListener.SILENT);
        assertEquals(run.plan().sampleCount(), score.samples(), "the epoch's figures count every sample");
        List<String> expected = new ArrayList<>();
        for (int k = 0; k < run.plan().batches().size(); k++) {
            BatchPlan.Batch batch = run.plan().batch(k);
            if (k > 0 && batch.resetBefore()) {
                expected.add("reset");
            }
            expected.add("train " + batch.size());
        }
        Statistics.label("resets inside the epoch").collect(expected.stream().filter("reset"::equals).count() > 0);
        assertEquals(expected, model.calls, run::toString);
    }

    @Property(tries = 200)
    @Claim("TRAIN-5")
    void kerasTestLoopStartsFromTheCarriedStateAndLeavesTheStateOfItsLastBatch(
            @ForAll("statefulRuns") StatefulRun run) {
        RecordingModel model = new RecordingModel(true, run.plan().batchSize());
        LstmState before = model.states();

        Score score = PlanRunner.continueEvaluating(model, run.samples(), run.plan());
        assertEquals(run.plan().sampleCount(), score.samples(), "the pass's figures count every sample");

        Statistics.label("batches").collect(run.plan().batches().size() == 1 ? "one" : "several");
        assertEquals(false, model.calls.get(0).equals("reset"), "no reset before the first batch: " + run);
        assertEquals(false, model.calls.contains("restore"), "the state is not put back: " + run);
        // The recording model marks the state each test call leaves with the number of calls made so far.
        assertEquals(model.calls.size(), (int) model.states().h(0)[0], "the state of the last batch: " + run);
        assertNotEquals(before, model.states(), run::toString);
    }
}
