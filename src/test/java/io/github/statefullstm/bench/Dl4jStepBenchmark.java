package io.github.statefullstm.bench;

import io.github.statefullstm.report.ReportFiles;
import io.github.statefullstm.rnn.Cell;
import io.github.statefullstm.rnn.GateActivation;
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
import java.util.Locale;
import java.util.Map;

/**
 * Milliseconds per trainOnBatch of the post's model, LSTM(10), and the resident memory each update leaves behind,
 * per ND4J setting, for the two update shapes the post's experiments are made of: one step of one sequence (C and D:
 * batch 1, stateful, reset every 20 steps) and 64 windows of 10 steps (A, stateless); and one long run of 100,000
 * one-step updates in one JVM, which shows whether memory stays flat however long a run trains. The same three, in the
 * main job's setting, for the same model with a GRU cell and for two of its LSTM layers stacked. Every row names its
 * model, and the report's heading lists them, as {@link #model} writes the spec the child built.
 *
 * <p>Run:
 * <pre>
 * ./mvnw -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt) io.github.statefullstm.bench.Dl4jStepBenchmark
 * </pre>
 * JavaCPP's pointer GC can only be chosen before ND4J loads, and OMP_NUM_THREADS only before the process starts, so
 * every setting runs in its own child JVM, one after the other in this one run, so that the ratios are comparable.
 * Each child's heap is fixed and touched at start ({@link #CHILD_HEAP}), so that resident-memory growth is native
 * memory, not a heap that grows into its maximum. The whole run, which prints its own length at the end, took about two
 * minutes on 2 cores with nothing else running, and three times that on the same cores shared with other builds.
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

    /**
     * One child JVM's run: the model it builds ({@code spec}), JavaCPP's pointer GC, OMP_NUM_THREADS ("" for the
     * default), the engine ({@link Precision} or {@link #REFERENCE}), the class it runs and the update's shape.
     */
    private record Setting(String name, LstmSpec spec, boolean pointerGc, String ompThreads, String engine,
                           String mainClass, String shape) {

        /** This engine, one step of one sequence, on {@code spec}. */
        static Setting oneStep(String name, LstmSpec spec, boolean pointerGc, String ompThreads, String engine) {
            return new Setting(name, spec, pointerGc, ompThreads, engine, Dl4jStepBenchmark.class.getName(),
                    ONE_STEP);
        }

        /** DL4J's own fit() on the post's model, which {@link FitStepBaseline} builds from {@link LstmSpec#POST}. */
        static Setting fit(String name, boolean pointerGc) {
            return new Setting(name, LstmSpec.POST, pointerGc, "", Precision.DOUBLE.name(), FIT_BASELINE, ONE_STEP);
        }

        /** The flat-memory run: {@link #LONG_RUN_UPDATES} one-step updates in the main job's setting. */
        static Setting longRun(LstmSpec spec) {
            return new Setting(String.format(Locale.ROOT, "flat memory: engine, %,d one-step updates in one JVM"
                    + " (main job's setting)", LONG_RUN_UPDATES), spec, true, "1", Precision.DOUBLE.name(),
                    Dl4jStepBenchmark.class.getName(), LONG_RUN);
        }

        /** A's update: {@link #WINDOW_ROWS} windows of {@link #WINDOW_STEPS} steps, stateless. */
        static Setting windows(String name, LstmSpec spec, boolean pointerGc, String engine) {
            return new Setting("A's update: " + name, spec, pointerGc, "1", engine,
                    Dl4jStepBenchmark.class.getName(), WINDOWS);
        }

        /** The child's arguments after {@code --child}: the engine, the shape and every field of the spec. */
        List<String> childArguments() {
            return List.of(engine, shape, Integer.toString(spec.features()), Integer.toString(spec.units()),
                    spec.gateActivation().name(), spec.cell().name(), Integer.toString(spec.layers()));
        }
    }

    /** The pure-Java reference on the same protocol: the floor a JVM reaches without native calls. */
    private static final String REFERENCE = "REFERENCE";

    /** Where the table is written, beside the main job's report, whole or not at all. */
    private static final Path REPORT = Path.of("reports", "dl4j-step-benchmark.md");

    /** The post's model, LSTM(10). */
    private static final LstmSpec LSTM = LstmSpec.POST;
    /** The same with a GRU cell. */
    private static final LstmSpec GRU = LstmSpec.POST.withCell(Cell.GRU);
    /** Two of the post's LSTM layers, stacked. */
    private static final LstmSpec TWO_LAYERS = LstmSpec.POST.withLayers(2);

    private static final String MAIN_JOB = "engine, pointer GC on, OMP_NUM_THREADS=1 (the main job's setting)";
    private static final String DOUBLE = Precision.DOUBLE.name();

    private static final List<Setting> SETTINGS = List.of(
            Setting.fit("DL4J fit(), stateless, defaults", true),
            Setting.fit("DL4J fit(), stateless, nopointergc", false),
            Setting.oneStep(MAIN_JOB, LSTM, true, "1", DOUBLE),
            Setting.oneStep("engine, pointer GC on, default threads", LSTM, true, "", DOUBLE),
            Setting.oneStep("engine, nopointergc, OMP_NUM_THREADS=1", LSTM, false, "1", DOUBLE),
            Setting.oneStep("engine, float, pointer GC on, OMP_NUM_THREADS=1", LSTM, true, "1",
                    Precision.FLOAT.name()),
            Setting.oneStep("reference engine (pure Java, double)", LSTM, true, "", REFERENCE),
            Setting.longRun(LSTM),
            Setting.windows(MAIN_JOB, LSTM, true, DOUBLE),
            Setting.windows("engine, nopointergc, OMP_NUM_THREADS=1", LSTM, false, DOUBLE),
            Setting.windows("reference engine", LSTM, true, REFERENCE),
            Setting.oneStep(MAIN_JOB, GRU, true, "1", DOUBLE),
            Setting.longRun(GRU),
            Setting.windows(MAIN_JOB, GRU, true, DOUBLE),
            Setting.oneStep(MAIN_JOB, TWO_LAYERS, true, "1", DOUBLE),
            Setting.longRun(TWO_LAYERS),
            Setting.windows(MAIN_JOB, TWO_LAYERS, true, DOUBLE));

    private Dl4jStepBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--child")) {
            measure(args[1], args[2], new LstmSpec(Integer.parseInt(args[3]), Integer.parseInt(args[4]),
                    GateActivation.valueOf(args[5]), Cell.valueOf(args[6]), Integer.parseInt(args[7])));
            return;
        }
        long began = System.nanoTime();
        List<String> rows = new ArrayList<>();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (Setting setting : SETTINGS) {
            List<String> command = new ArrayList<>(List.of(java));
            command.addAll(CHILD_HEAP);
            command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                    "-D" + NativeRuntime.NO_POINTER_GC + "=" + !setting.pointerGc(),
                    "-Dupdates=" + TIMED_UPDATES,
                    setting.mainClass(), "--child"));
            command.addAll(setting.childArguments());
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
                        System.out.printf("%-40s %-80s %s%n", model(setting.spec()), setting.name(), result);
                        rows.add("| " + model(setting.spec()) + " | " + setting.name() + " | " + result + " |");
                    }
                }
            }
            if (child.waitFor() != 0) {
                throw new IllegalStateException(setting.name() + " on " + model(setting.spec()) + " failed: exit "
                        + child.exitValue());
            }
        }
        writeReport(rows);
        System.out.printf("The whole run took %.1f min%n", (System.nanoTime() - began) / 60e9);
    }

    /**
     * A model as its layers, e.g. {@code LSTM(10) -> LSTM(10) -> Dense(1)}, from its spec; the gates are named when
     * they are not sigmoid, the inputs per step when there is more than one.
     */
    static String model(LstmSpec spec) {
        List<String> parts = new ArrayList<>();
        if (spec.features() != 1) {
            parts.add(spec.features() + " inputs");
        }
        for (int layer = 0; layer < spec.layers(); layer++) {
            parts.add(spec.cell().name() + "(" + spec.units() + ")");
        }
        parts.add("Dense(1)");
        String gates = spec.gateActivation() == GateActivation.SIGMOID ? ""
                : ", " + spec.gateActivation().name().toLowerCase(Locale.ROOT).replace('_', '-') + " gates";
        return String.join(" -> ", parts) + gates;
    }

    private static void writeReport(List<String> rows) throws Exception {
        List<String> models = SETTINGS.stream().map(setting -> model(setting.spec())).distinct().toList();
        String text = "# DL4J per-update cost and memory: " + String.join(", ", models) + "; one step of one "
                + "sequence, and A's " + WINDOW_ROWS + " windows of " + WINDOW_STEPS + " steps\n\n"
                + "Written by `io.github.statefullstm.bench.Dl4jStepBenchmark` (see its class comment for the command)"
                + " on "
                + java.time.LocalDate.now() + ", " + Runtime.getRuntime().availableProcessors() + " cores. Every row "
                + "ran in its own child JVM in this one run, so compare rows as ratios; times from another day are "
                + "not comparable.\n\n| model | setting | result |\n|---|---|---|\n" + String.join("\n", rows) + "\n";
        ReportFiles.writeString(REPORT, text);
        System.out.println("Wrote " + REPORT);
    }

    private static void measure(String engine, String shape, LstmSpec spec) throws Exception {
        boolean windows = shape.equals(WINDOWS);
        ModelConfig config = windows ? ModelConfig.stateless(spec, 1) : ModelConfig.stateful(spec, 1, 1);
        LstmModel model = engine.equals(REFERENCE) ? new ReferenceEngine().build(config)
                : new Dl4jEngine(Precision.valueOf(engine)).build(config);
        int warmUp = windows ? WARM_UP_UPDATES / WINDOW_UPDATES_DIVISOR : WARM_UP_UPDATES;
        int timed = switch (shape) {
            case WINDOWS -> TIMED_UPDATES / WINDOW_UPDATES_DIVISOR;
            case LONG_RUN -> LONG_RUN_UPDATES;
            default -> TIMED_UPDATES;
        };
        if (windows) {
            runWindows(model, spec.features(), warmUp);
        } else {
            run(model, spec.features(), warmUp);
        }
        System.gc();
        long rssBefore = residentKilobytes();
        long start = System.nanoTime();
        if (windows) {
            runWindows(model, spec.features(), timed);
        } else {
            run(model, spec.features(), timed);
        }
        double msPerUpdate = (System.nanoTime() - start) / 1e6 / timed;
        double bytesPerUpdate = (residentKilobytes() - rssBefore) * 1024.0 / timed;
        System.out.printf("RESULT %.4f ms/update, resident memory %+.0f bytes/update over %d updates (%s, %s)%n",
                msPerUpdate, bytesPerUpdate, timed, engine, NativeRuntime.describe());
    }

    /** Stateless updates of A's shape, on fixed random bits (seed 1) and alternating targets. */
    private static void runWindows(LstmModel model, int features, int updates) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(1);
        double[][][] inputs = new double[WINDOW_ROWS][WINDOW_STEPS][features];
        double[] targets = new double[WINDOW_ROWS];
        for (int row = 0; row < WINDOW_ROWS; row++) {
            targets[row] = row % 2;
            for (int step = 0; step < WINDOW_STEPS; step++) {
                for (int feature = 0; feature < features; feature++) {
                    inputs[row][step][feature] = random.nextInt(2);
                }
            }
        }
        for (int update = 0; update < updates; update++) {
            model.trainOnBatch(inputs, targets);
        }
    }

    /** Stateful one-step updates of one sequence: a 1 (every input) at its first step, 0 after, reset every 20 steps. */
    private static void run(LstmModel model, int features, int updates) {
        double[][][] one = new double[1][1][features];
        java.util.Arrays.fill(one[0][0], 1);
        double[][][] zero = new double[1][1][features];
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
