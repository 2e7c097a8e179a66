package io.github.statefullstm.kata;

import io.github.statefullstm.report.ReportFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * How soon a watching kata answers a save, step by step: a learner's session from a new workspace, in which each
 * plain-Java step in turn is written (its files saved with the solution) and the time from the save to the line that
 * says the step passed is taken, as the learner waits for it. It includes the watch's look at the files every tenth
 * of a second and its wait for them to settle, the compilation of the workspace in memory, and the step's tests.
 *
 * <p>Run it from the test classpath, on a quiet machine:
 * <pre>
 * ./mvnw -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt) io.github.statefullstm.kata.KataWatchBenchmark
 * </pre>
 * It writes reports/kata-watch.md: per step, the median and the slowest answer over the rounds. The first round's
 * answers include the JIT's warm-up, as a learner's first minutes do.
 */
public final class KataWatchBenchmark {

    private static final int ROUNDS = 5;
    private static final Path REPORT = Path.of("reports", "kata-watch.md");
    /** How often the benchmark looks for the answer: a hundredth of the answers it measures. */
    private static final long LOOK_MILLIS = 5;

    private KataWatchBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<KataPath.Step> steps = KataPath.steps().stream().filter(step -> !step.nd4j()).toList();
        double[][] seconds = new double[steps.size()][ROUNDS];
        List<MarkedSource.MarkedFile> files = MarkedSource.scan(MarkedSource.PRODUCTION);
        for (int round = 0; round < ROUNDS; round++) {
            try (ScratchFolder scratch = ScratchFolder.create()) {
                Console console = Console.capturing();
                Kata.Options options = Kata.Options.from(Map.of("kata.workspace", scratch.path().toString())::get);
                try (KataSession session = new KataSession(options, console)) {
                    session.runAll();
                    AtomicBoolean done = new AtomicBoolean();
                    KataSession.Watcher watcher = session.watcher();
                    CompletableFuture<Kata.Ending> watching = CompletableFuture.supplyAsync(() ->
                            watcher.watch(() -> !done.get()));
                    for (int s = 0; s < steps.size(); s++) {
                        KataPath.Step step = steps.get(s);
                        int seen = console.text().length();
                        long saved = System.nanoTime();
                        for (MarkedSource.MarkedFile file : files) {
                            if (file.steps().contains(step.id())) {
                                Workspace.write(scratch.path().resolve("src").resolve(file.path()),
                                        file.render(Set.of()));
                            }
                        }
                        while (!console.text().substring(seen).contains("passed  " + step.label())) {
                            Thread.sleep(LOOK_MILLIS);
                        }
                        seconds[s][round] = (System.nanoTime() - saved) / 1e9;
                        System.out.printf(Locale.ROOT, "round %d, %s: %.2f s%n", round + 1, step.label(),
                                seconds[s][round]);
                    }
                    done.set(true);
                    watching.get();
                }
            }
        }
        write(steps, seconds);
    }

    private static void write(List<KataPath.Step> steps, double[][] seconds) throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("# How soon the kata's watch answers a save\n\n");
        md.append("Written by `io.github.statefullstm.kata.KataWatchBenchmark` (its Javadoc says how to run it), on ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores, Java ")
                .append(System.getProperty("java.version")).append(". ").append(ROUNDS)
                .append(" rounds of a learner's session from a new workspace: each plain-Java step in turn is saved"
                        + " with its solution, and the time from the save to the line that says the step passed is"
                        + " taken. The first round includes the JIT's warm-up.\n\n");
        md.append("| step | median | slowest |\n|---|---|---|\n");
        double slowest = 0;
        List<Double> medians = new ArrayList<>();
        for (int s = 0; s < steps.size(); s++) {
            double[] sorted = seconds[s].clone();
            Arrays.sort(sorted);
            double median = sorted[sorted.length / 2];
            medians.add(median);
            slowest = Math.max(slowest, sorted[sorted.length - 1]);
            md.append(String.format(Locale.ROOT, "| %s %s | %.2f s | %.2f s |%n", steps.get(s).label(),
                    steps.get(s).title(), median, sorted[sorted.length - 1]));
        }
        md.append(String.format(Locale.ROOT, "%nEvery plain-Java step answers in %.2f s at the median, %.2f s at the"
                + " slowest.%n", medians.stream().mapToDouble(Double::doubleValue).max().orElse(0), slowest));
        ReportFiles.writeString(REPORT, md.toString());
        System.out.println("Wrote " + REPORT);
    }
}
