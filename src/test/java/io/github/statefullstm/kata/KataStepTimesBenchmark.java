package io.github.statefullstm.kata;

import io.github.statefullstm.report.ReportFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How long each step's tests take on the solution, against the time limit the kata gives the step: the limit stops a
 * runaway step, and must never stop a slow machine's correct one, so it must lie far above what a step takes (KATA-9).
 * Each round renders the solution's workspace and runs every step in a class loader of its own in this JVM, as the
 * kata and its proof run them; the first round includes the JIT's warm-up and ND4J's start, as a learner's first run
 * does.
 *
 * <p>Run it from the test classpath, on a quiet machine, so that the times are not another build's:
 * <pre>
 * ./mvnw -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt) io.github.statefullstm.kata.KataStepTimesBenchmark
 * </pre>
 * It writes reports/kata-steps.md: per step, its limit, the slowest of the rounds and the ratio of the two.
 */
public final class KataStepTimesBenchmark {

    private static final int ROUNDS = 3;
    static final Path REPORT = Path.of("reports", "kata-steps.md");
    /** The report's heading of the table a test reads back: step, limit, slowest, limit over slowest. */
    static final String TABLE_HEADER = "| step | limit | slowest | limit / slowest |";

    private KataStepTimesBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<KataPath.Step> steps = KataPath.steps();
        double[][] seconds = new double[steps.size()][ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            Path folder = Files.createTempDirectory("kata-step-times");
            try (ProofRuns runs = ProofRuns.start(folder)) {
                runs.runSolution();
                for (int s = 0; s < steps.size(); s++) {
                    StepRunner.StepOutcome outcome = runs.solution().outcome(steps.get(s));
                    if (!outcome.passed()) {
                        throw new IllegalStateException(steps.get(s).label() + " fails on the solution");
                    }
                    seconds[s][round] = outcome.seconds();
                    System.out.printf(Locale.ROOT, "round %d, %s: %.2f s%n", round + 1, steps.get(s).label(),
                            seconds[s][round]);
                }
            }
        }
        write(steps, seconds);
    }

    private static void write(List<KataPath.Step> steps, double[][] seconds) throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("# How long each kata step takes, against its time limit\n\n");
        md.append("Written by `io.github.statefullstm.kata.KataStepTimesBenchmark` (its Javadoc says how to run it), on ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores, Java ")
                .append(System.getProperty("java.version")).append(". ").append(ROUNDS)
                .append(" rounds, each running every step's tests on the solution in a class loader of its own, as"
                        + " the kata does; the first round includes the JIT's warm-up and ND4J's start. A step that"
                        + " runs past its limit is stopped as a runaway, so the limit must be far above the slowest"
                        + " round: at least ").append(KataPath.LIMIT_MARGIN).append(" times (KATA-9).\n\n");
        md.append(TABLE_HEADER).append("\n|---|---|---|---|\n");
        double smallestRatio = Double.MAX_VALUE;
        for (int s = 0; s < steps.size(); s++) {
            double slowest = Arrays.stream(seconds[s]).max().orElse(0);
            long limit = steps.get(s).limit().toSeconds();
            smallestRatio = Math.min(smallestRatio, limit / slowest);
            md.append(String.format(Locale.ROOT, "| %s %s | %d s | %.2f s | %.0f |%n", steps.get(s).label(),
                    steps.get(s).title(), limit, slowest, limit / slowest));
        }
        md.append(String.format(Locale.ROOT, "%nEvery step's limit is at least %.0f times its slowest round.%n",
                smallestRatio));
        ReportFiles.writeString(REPORT, md.toString());
        System.out.println("Wrote " + REPORT);
    }
}
