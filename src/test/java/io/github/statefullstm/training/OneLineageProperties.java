package io.github.statefullstm.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.statefullstm.sequence.BatchPlan;
import io.github.statefullstm.sequence.InformationCeiling;
import io.github.statefullstm.sequence.PerStepFeed;
import io.github.statefullstm.sequence.Sample;
import io.github.statefullstm.sequence.StateLineage;
import io.github.statefullstm.sequence.Task;
import io.github.statefullstm.sequence.Windowing;
import io.github.statefullstm.spec.Claim;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * The plan's lineage is the one statement of where a row's state comes from: the runner resets a model exactly where
 * the lineage starts a batch afresh, and the information ceiling is the majority over the histories the lineage
 * gives, for every layout and for resets anywhere.
 */
@Label("Runner, ceiling and lineage follow one rule")
class OneLineageProperties {

    /** Samples, a plan over them and what it is, for readable counterexamples. */
    record PlanOfSamples(String layout, String recipe, List<Sample> samples, BatchPlan plan) {
        @Override
        public String toString() {
            return layout + ", " + recipe + " -> " + plan;
        }
    }

    /** Every layout over small random tasks of zeros and ones, and stateful plans with resets anywhere. */
    @Provide
    Arbitrary<PlanOfSamples> plansOfEveryLayout() {
        Arbitrary<Task> tasks = Combinators.combine(Arbitraries.integers().between(1, 6),
                Arbitraries.integers().between(1, 6), Arbitraries.longs()).as(OneLineageProperties::binaryTask);
        return Combinators.combine(tasks, Arbitraries.integers().between(0, 4), Arbitraries.integers().between(1, 4),
                Arbitraries.longs()).as((task, kind, b, seed) -> switch (kind) {
                    case 0 -> {
                        List<Sample> windows = Windowing.windows(task, 1 + task.length() / 2, 1);
                        yield new PlanOfSamples("stateless", task + ", B=" + b, windows,
                                BatchPlan.stateless(windows.size(), b));
                    }
                    case 1 -> {
                        PerStepFeed feed = PerStepFeed.of(task);
                        yield new PlanOfSamples("per step", task.toString(), feed.samples(), BatchPlan.perStep(feed));
                    }
                    case 2 -> {
                        Task whole = binaryTask(task.size() * b, task.length(), seed);
                        List<Sample> chunks = Windowing.windows(whole, 1, 1);
                        yield new PlanOfSamples("side by side", whole + ", B=" + b, chunks,
                                BatchPlan.sequencePreserving(chunks, b));
                    }
                    default -> {
                        List<Sample> windows = Windowing.windows(task, 1, 1);
                        int batchSize = largestDivisorUpTo(windows.size(), b);
                        boolean[] resets = new boolean[windows.size() / batchSize];
                        SplittableRandom random = new SplittableRandom(seed);
                        for (int k = 0; k < resets.length; k++) {
                            resets[k] = kind == 4 && random.nextBoolean();
                        }
                        yield new PlanOfSamples(kind == 4 ? "in order, resets anywhere" : "in order",
                                task + ", B=" + batchSize, windows,
                                BatchPlan.statefulInOrder(windows.size(), batchSize, resets));
                    }
                });
    }

    @Property
    @Claim("LINE-6")
    void theRunnerResetsExactlyWhereTheLineageStartsABatchAfresh(@ForAll("plansOfEveryLayout") PlanOfSamples run) {
        BatchPlan plan = run.plan();
        Statistics.label("layout").collect(run.layout());
        RecordingModel model = new RecordingModel(plan.stateful(), plan.batchSize());
        PlanRunner.train(model, run.samples(), plan, BatchListener.SILENT);
        List<String> expected = new ArrayList<>();
        StateLineage lineage = plan.lineage();
        for (int k = 0; k < plan.batches().size(); k++) {
            boolean afresh = true;
            for (int row = 0; row < plan.batch(k).size(); row++) {
                afresh &= lineage.predecessor(new StateLineage.Slot(k, row)).isEmpty();
            }
            if (plan.stateful() && afresh) {
                expected.add("reset");
            }
            expected.add("train " + plan.batch(k).size());
        }
        assertEquals(expected, model.calls, run::toString);
    }

    @Property
    @Claim("LINE-6")
    void theCeilingIsTheMajorityOverTheHistoriesTheLineageGives(@ForAll("plansOfEveryLayout") PlanOfSamples run) {
        BatchPlan plan = run.plan();
        StateLineage lineage = plan.lineage();
        Map<String, long[]> targetsByHistory = new HashMap<>();
        for (int k = 0; k < plan.batches().size(); k++) {
            for (int row = 0; row < plan.batch(k).size(); row++) {
                StringBuilder history = new StringBuilder();
                for (int sample : lineage.history(new StateLineage.Slot(k, row))) {
                    Sample s = run.samples().get(sample);
                    for (int t = 0; t < s.length(); t++) {
                        history.append(s.step(t)).append(',');
                    }
                }
                Sample own = run.samples().get(plan.batch(k).row(row));
                targetsByHistory.computeIfAbsent(history.toString(), h -> new long[2])[own.target()]++;
            }
        }
        long reachable = targetsByHistory.values().stream().mapToLong(c -> Math.max(c[0], c[1])).sum();
        Statistics.label("distinct histories").collect(targetsByHistory.size() == 1 ? "one" : "several");
        assertEquals(reachable, InformationCeiling.of(run.samples(), plan).reachable(), run::toString);
    }

    private static Task binaryTask(int sequences, int length, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] steps = new double[sequences][length];
        int[] targets = new int[sequences];
        for (int i = 0; i < sequences; i++) {
            for (int t = 0; t < length; t++) {
                steps[i][t] = random.nextInt(2);
            }
            targets[i] = random.nextInt(2);
        }
        return new Task(steps, targets);
    }

    private static int largestDivisorUpTo(int n, int most) {
        for (int d = Math.min(n, most); d > 1; d--) {
            if (n % d == 0) {
                return d;
            }
        }
        return 1;
    }
}
