package io.github.statefullstm.bench;

import io.github.statefullstm.report.ReportFiles;
import io.github.statefullstm.rnn.LstmModel;
import io.github.statefullstm.rnn.LstmSpec;
import io.github.statefullstm.rnn.ModelConfig;
import io.github.statefullstm.rnn.dl4j.Dl4jEngine;
import io.github.statefullstm.rnn.dl4j.FitStepBaseline;
import io.github.statefullstm.rnn.dl4j.NativeRuntime;
import io.github.statefullstm.rnn.dl4j.Precision;
import io.github.statefullstm.rnn.reference.ReferenceEngine;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Milliseconds per trainOnBatch of the post's model, LSTM(10), and the resident memory each update leaves behind,
 * per ND4J setting, for the two update shapes the post's experiments are made of: one step of one sequence (C and D:
 * batch 1, stateful, reset every 20 steps) and 64 windows of 10 steps (A, stateless); and one long run of 100,000
 * one-step updates in one JVM, which shows whether memory stays flat however long a run trains.
 *
 * <p>Run:
 * <pre>
 * ./mvnw -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt) io.github.statefullstm.bench.Dl4jStepBenchmark
 * </pre>
 * JavaCPP's pointer GC can only be chosen before ND4J loads, and OMP_NUM_THREADS only before the process starts, so
 * every setting runs in its own child JVM, one after the other in this one run, so that the ratios are comparable.
 * Each child's heap is fixed and touched at start ({@link #CHILD_HEAP}), so that resident-memory growth is native
 * memory, not a heap that grows into its maximum.
 */
public final class Dl4jStepBenchmark {

    /**
     * The first updates grow the resident set by a fixed amount (compiled code, the native allocator's arenas reaching
     * their working size) whatever the run's length; after these, only growth per update is left to see.
     */
    private static final int WARM_UP_UPDATES = 10_000;
    private static final int TIMED_UPDATES = Integer.getInteger("updates", 5_000);
    /** The long run's length: the yardstick for flat memory. */
    private static final int LONG_RUN_UPDATES = 100_000;
    /**
     * A's update computes 640 steps (64 windows of 10) where a one-step update computes one, so it is warmed up and
     * timed over a fifth as many updates, to keep the benchmark's run within minutes.
     */
    private static final int WINDOW_UPDATES_DIVISOR = 5;
    /** A's batch: 64 windows of 10 steps. */
    private static final int WINDOW_ROWS = 64;
    private static final int WINDOW_STEPS = 10;
    private static final String ONE_STEP = "one-step";
    private static final String WINDOWS = "windows";
    private static final String LONG_RUN = "long-run";
    /** The post's sequences are 20 steps long; the state is reset after each, as in its protocol. */
    private static final int STEPS_PER_SEQUENCE = 20;
    /**
     * A heap of fixed size, resident from the start: small enough for a child's work, and never growing, so that what
     * the resident set gains is native memory.
     */
    private static final List<String> CHILD_HEAP = List.of("-Xms256m", "-Xmx256m", "-XX:+AlwaysPreTouch");

    /** DL4J's own fit() on the same step: it builds DL4J's network itself, so it lives in the package that may. */
    private static final String FIT_BASELINE = FitStepBaseline.class.getName();

    private record Setting(String name, boolean pointerGc, String ompThreads, String engine, String mainClass,
                           String shape) {
        Setting(String name, boolean pointerGc, String ompThreads, Precision precision) {
            this(name, pointerGc, ompThreads, precision.name(), Dl4jStepBenchmark.class.getName(), ONE_STEP);
        }

        Setting(String name, boolean pointerGc, String ompThreads, Precision precision, String mainClass) {
            this(name, pointerGc, ompThreads, precision.name(), mainClass, ONE_STEP);
        }

        static Setting windows(String name, boolean pointerGc, String engine) {
            return new Setting(name, pointerGc, "1", engine, Dl4jStepBenchmark.class.getName(), WINDOWS);
        }
    }

    /** The pure-Java reference on the same protocol: the floor a JVM reaches without native calls. */
    private static final String REFERENCE = "REFERENCE";

    /** Where the table is written, beside the main job's report, whole or not at all. */
    private static final Path REPORT = Path.of("reports", "dl4j-step-benchmark.md");

    private static final List<Setting> SETTINGS = List.of(
            new Setting("DL4J fit(), stateless, defaults", true, "", Precision.DOUBLE, FIT_BASELINE),
            new Setting("DL4J fit(), stateless, nopointergc", false, "", Precision.DOUBLE, FIT_BASELINE),
            new Setting("engine, pointer GC on, OMP_NUM_THREADS=1 (the main job's setting)", true, "1",
                    Precision.DOUBLE),
            new Setting("engine, pointer GC on, default threads", true, "", Precision.DOUBLE),
            new Setting("engine, nopointergc, OMP_NUM_THREADS=1", false, "1", Precision.DOUBLE),
            new Setting("engine, float, pointer GC on, OMP_NUM_THREADS=1", true, "1", Precision.FLOAT),
            new Setting("reference engine (pure Java, double)", true, "", REFERENCE,
                    Dl4jStepBenchmark.class.getName(), ONE_STEP),
            new Setting("flat memory: engine, 100,000 one-step updates in one JVM (main job's setting)", true, "1",
                    Precision.DOUBLE.name(), Dl4jStepBenchmark.class.getName(), LONG_RUN),
            Setting.windows("A's update: engine, pointer GC on, OMP_NUM_THREADS=1 (main job)", true,
                    Precision.DOUBLE.name()),
            Setting.windows("A's update: engine, nopointergc, OMP_NUM_THREADS=1", false, Precision.DOUBLE.name()),
            Setting.windows("A's update: reference engine", true, REFERENCE));

    private Dl4jStepBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length >= 2 && args[0].equals("--child")) {
            measure(args[1], args.length > 2 ? args[2] : ONE_STEP);
            return;
        }
        List<String> rows = new ArrayList<>();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (Setting setting : SETTINGS) {
            List<String> command = new ArrayList<>(List.of(java));
            command.addAll(CHILD_HEAP);
            command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                    "-D" + NativeRuntime.NO_POINTER_GC + "=" + !setting.pointerGc(),
                    "-Dupdates=" + TIMED_UPDATES,
                    setting.mainClass(), "--child", setting.engine(), setting.shape()));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            Map<String, String> environment = builder.environment();
            if (!setting.ompThreads().isEmpty()) {
                environment.put("OMP_NUM_THREADS", setting.ompThreads());
            }
            Process child = builder.start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream()))) {
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.startsWith("RESULT")) {
                        String result = line.substring("RESULT ".length());
                        System.out.printf("%-80s %s%n", setting.name(), result);
                        rows.add("| " + setting.name() + " | " + result + " |");
                    }
                }
            }
            child.waitFor();
        }
        writeReport(rows);
    }

    private static void writeReport(List<String> rows) throws Exception {
        String text = "# DL4J per-update cost and memory: LSTM(10), one step of one sequence, and A's 64 windows of 10"
                + " steps\n\n"
                + "Written by `io.github.statefullstm.bench.Dl4jStepBenchmark` (see its class comment for the command)"
                + " on "
                + java.time.LocalDate.now() + ", " + Runtime.getRuntime().availableProcessors() + " cores. Every row "
                + "ran in its own child JVM in this one run, so compare rows as ratios; times from another day are "
                + "not comparable.\n\n| setting | result |\n|---|---|\n" + String.join("\n", rows) + "\n";
        ReportFiles.writeString(REPORT, text);
        System.out.println("Wrote " + REPORT);
    }

    private static void measure(String engine, String shape) throws Exception {
        boolean windows = shape.equals(WINDOWS);
        ModelConfig config = windows ? ModelConfig.stateless(LstmSpec.POST, 1)
                : ModelConfig.stateful(LstmSpec.POST, 1, 1);
        LstmModel model = engine.equals(REFERENCE) ? new ReferenceEngine().build(config)
                : new Dl4jEngine(Precision.valueOf(engine)).build(config);
        int warmUp = windows ? WARM_UP_UPDATES / WINDOW_UPDATES_DIVISOR : WARM_UP_UPDATES;
        int timed = switch (shape) {
            case WINDOWS -> TIMED_UPDATES / WINDOW_UPDATES_DIVISOR;
            case LONG_RUN -> LONG_RUN_UPDATES;
            default -> TIMED_UPDATES;
        };
        if (windows) {
            runWindows(model, warmUp);
        } else {
            run(model, warmUp);
        }
        System.gc();
        long rssBefore = residentKilobytes();
        long start = System.nanoTime();
        if (windows) {
            runWindows(model, timed);
        } else {
            run(model, timed);
        }
        double msPerUpdate = (System.nanoTime() - start) / 1e6 / timed;
        double bytesPerUpdate = (residentKilobytes() - rssBefore) * 1024.0 / timed;
        System.out.printf("RESULT %.4f ms/update, resident memory %+.0f bytes/update over %d updates (%s, %s)%n",
                msPerUpdate, bytesPerUpdate, timed, engine, NativeRuntime.describe());
    }

    /** Stateless updates of A's shape, on fixed random bits (seed 1) and alternating targets. */
    private static void runWindows(LstmModel model, int updates) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(1);
        double[][][] inputs = new double[WINDOW_ROWS][WINDOW_STEPS][1];
        double[] targets = new double[WINDOW_ROWS];
        for (int row = 0; row < WINDOW_ROWS; row++) {
            targets[row] = row % 2;
            for (int step = 0; step < WINDOW_STEPS; step++) {
                inputs[row][step][0] = random.nextInt(2);
            }
        }
        for (int update = 0; update < updates; update++) {
            model.trainOnBatch(inputs, targets);
        }
    }

    private static void run(LstmModel model, int updates) {
        double[][][] one = {{{1}}};
        double[][][] zero = {{{0}}};
        double[] target = {1};
        for (int update = 0; update < updates; update++) {
            int step = update % STEPS_PER_SEQUENCE;
            model.trainOnBatch(step == 0 ? one : zero, target);
            if (step == STEPS_PER_SEQUENCE - 1) {
                model.resetStates();
            }
        }
    }

    private static long residentKilobytes() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
