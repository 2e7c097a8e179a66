package io.github.statefullstm.cli;

import io.github.statefullstm.experiment.Experiment;
import io.github.statefullstm.experiment.ExperimentResult;
import io.github.statefullstm.experiment.PostProtocols;
import io.github.statefullstm.experiment.Protocol;
import io.github.statefullstm.experiment.Sweep;
import io.github.statefullstm.experiment.Sweeps;
import io.github.statefullstm.experiment.TaskSpec;
import io.github.statefullstm.refusal.Refusal;
import io.github.statefullstm.report.Environment;
import io.github.statefullstm.report.ReportWriter;
import io.github.statefullstm.report.RunReport;
import io.github.statefullstm.rnn.LstmEngine;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The main job: reproduces the post's experiments and writes {@code reports/}. */
@Command(name = "stateful-lstm-kata", mixinStandardHelpOptions = true, version = "stateful-lstm-kata 0.1.0",
        sortOptions = false, usageHelpAutoWidth = true,
        header = "Reproduces the experiments of \"Stateful LSTM in Keras\" and writes a report.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the report was written", "1:a run failed",
            "2:an option was invalid, or another run holds the output folder",
            "130:stopped by Ctrl-C; the finished experiments were written"})
public final class Main implements Callable<Integer> {

    static final int STOPPED = 130;

    @Spec
    private CommandSpec spec;

    @Option(names = {"-x", "--experiments"}, split = ",", paramLabel = "ID",
            defaultValue = "A,B,C,C10,D,E,F,FLEAK,G,GCUT",
            description = "Which experiments to run: A to G, C10, FLEAK (F without its per-row resets) and GCUT (G "
                    + "stateless) (default: ${DEFAULT-VALUE}).")
    private List<String> experiments;

    @Option(names = "--epochs", paramLabel = "N",
            description = "Epochs for every experiment, instead of the post's (>= 1).")
    private Integer epochs;

    @Option(names = "--seeds", split = ",", paramLabel = "SEED", defaultValue = "42",
            description = "Seeds; each draws the task and the initial weights; every experiment runs once per seed "
                    + "(default: ${DEFAULT-VALUE}).")
    private List<Long> seeds;

    @Option(names = "--length", paramLabel = "T",
            description = "Steps per sequence, instead of 20 (>= 1; at least the window length); for F and FLEAK the "
                    + "longest a sequence may be, their shortest shrinking to a shorter T.")
    private Integer length;

    @Option(names = "--sequences", paramLabel = "N",
            description = "Sequences in the task, instead of 1200 (>= 2: some to train on, some to validate).")
    private Integer sequences;

    @Option(names = "--training", paramLabel = "N",
            description = "How many of the sequences, the first ones, to train on, instead of 1000 "
                    + "(1 <= N < sequences); the rest validate.")
    private Integer training;

    @Option(names = "--fraction", paramLabel = "F",
            description = "Fraction of sequences that hold a 1, instead of 0.5 (0 < F < 1; both splits must hold "
                    + "both targets).")
    private Double fraction;

    @Option(names = "--units", paramLabel = "U",
            description = "LSTM units, instead of 10 (>= 1).")
    private Integer units;

    @Option(names = "--cell", paramLabel = "CELL",
            description = "The recurrent cell of every layer, instead of the post's lstm: lstm or gru (Keras' GRU, "
                    + "reset_after=False).")
    private String cell;

    @Option(names = "--layers", paramLabel = "L",
            description = "Recurrent layers stacked, instead of 1 (>= 1; each of --units units, stateful as the run).")
    private Integer layers;

    @Option(names = "--window", paramLabel = "W",
            description = "Window length of A and B and chunk length of E, G and GCUT, instead of 10 (1 <= W <= T).")
    private Integer window;

    @Option(names = "--target-period", paramLabel = "P",
            description = "For G and GCUT, a target every P steps of each sequence, instead of 10 (>= 1, dividing T);"
                    + " independent of the chunk length.")
    private Integer targetPeriod;

    @Option(names = "--batch-size", paramLabel = "B",
            description = "Batch size for every experiment, instead of the post's (>= 1; a stateful run needs B to "
                    + "divide its samples, or its sequences for C, E and G; F and FLEAK need a sequence of each split "
                    + "for every row).")
    private Integer batchSize;

    @Option(names = "--engine", paramLabel = "NAME", defaultValue = "dl4j",
            description = "The LSTM engine: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).",
            completionCandidates = EngineNames.class)
    private String engine;

    @Option(names = {"-o", "--output"}, paramLabel = "FOLDER", defaultValue = "reports",
            description = "Where to write the report (default: ${DEFAULT-VALUE}).")
    private Path output;

    /**
     * One at a time by default, so that each experiment's seconds in the report are its own and compare with the
     * post's: two at once shorten the whole run but stretch each experiment, as two threads share the cores.
     */
    @Option(names = "--jobs", paramLabel = "N", defaultValue = "1",
            description = "How many experiments run at once, each on a thread of its own (>= 1; "
                    + "default: ${DEFAULT-VALUE}, so that each experiment's time is its own).")
    private int jobs;

    @Option(names = "--sweeps", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Also run the window-length and chunk-length sweeps (default: on; --no-sweeps skips them).")
    private boolean sweeps;

    @Option(names = "--verbose",
            description = "Show the engines' own logging (ND4J, DL4J, libnd4j) on the terminal instead of writing "
                    + "it to " + LOG + " in the output folder.")
    private boolean verbose;

    /** The run's log, in the output folder: a record of one run on one machine, not a result, so git ignores it. */
    static final String LOG = "main-job.log";

    private final StopOnInterrupt interrupt = new StopOnInterrupt();
    private final PrintStream out;

    Main(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        Main main = new Main(System.out);
        main.interrupt.install(Thread.currentThread());
        int exit = commandLine(main).execute(args);
        main.interrupt.runFinished();
        System.exit(exit);
    }

    static CommandLine commandLine(Main main) {
        CommandLine commandLine = new CommandLine(main).setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.getCommandSpec().usageMessage().description(description());
        commandLine.setExecutionExceptionHandler((failure, line, parsed) -> main.failed(failure, line));
        return commandLine;
    }

    /** What --help says the job does, with every protocol listed from its own settings. */
    private static String[] description() {
        Protocol post = PostProtocols.windowsStateless();
        TaskSpec task = post.task();
        List<String> lines = new ArrayList<>();
        lines.add("");
        lines.add("Runs the post's four experiments, the ones it suggests and the one its readers ask, on the post's"
                + " task (" + task.sequences()
                + " sequences of " + task.length() + " steps,");
        lines.add("zeros except step 0, which is the target; " + task.trainingSequences() + " train, "
                + (task.sequences() - task.trainingSequences()) + " validate), with " + post.model().lstm().title()
                + " -> Dense(1, sigmoid) and Adam " + post.model().adam().learningRate() + ":");
        for (Protocol protocol : PostProtocols.all()) {
            TaskSpec own = protocol.task();
            lines.add(String.format(Locale.ROOT, "  %-6s%s, %d epochs%s", protocol.id(), protocol.title(),
                    protocol.epochs(), own.lengthsVary() ? ", on sequences of " + own.shortest() + " to "
                            + own.length() + " steps" : ""));
        }
        lines.add("then a sweep over each experiment whose layout has one (" + java.util.Arrays.stream(
                Sweeps.Kind.values()).map(Sweeps.Kind::label).collect(java.util.stream.Collectors.joining(", "))
                + "), and writes README.md, results.json and");
        lines.add("charts/ into the output folder. Each file is written whole or not at all; Ctrl-C stops the run "
                + "and");
        lines.add("keeps the experiments already finished. As many experiments run at once as --jobs allows; the");
        lines.add("engines' own logging goes to " + LOG + " in the output folder. A run holds its output folder for");
        lines.add("itself: a second run on the same folder is refused (exit 2) and changes nothing in it.");
        lines.add("");
        lines.add("Options:");
        return lines.toArray(String[]::new);
    }

    /**
     * An unexpected failure: one line for the person at the terminal, the whole story in the log. Exit 1.
     */
    private int failed(Exception failure, CommandLine line) {
        Path log = output == null ? null : output.resolve(LOG);
        String where;
        try {
            java.io.StringWriter trace = new java.io.StringWriter();
            failure.printStackTrace(new java.io.PrintWriter(trace));
            java.nio.file.Files.createDirectories(log.getParent());
            java.nio.file.Files.writeString(log, trace.toString(), java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
            where = "the details are in " + log;
        } catch (IOException | RuntimeException e) {
            where = "the details could not be written to " + log + " (" + e.getMessage() + ")";
        }
        line.getErr().println(line.getCommandName() + ": the run failed: " + failure.getMessage() + "; " + where);
        return 1;
    }

    @Override
    public Integer call() throws Exception {
        List<Protocol> protocols = protocols();
        OutputFolderLock held;
        try {
            held = OutputFolderLock.take(output);
        } catch (OutputFolderLock.InUse inUse) {
            // One line and no usage help: the options are right, the folder is taken.
            spec.commandLine().getErr().println(Refusal.describe("--output", output, "in use by " + inUse.holder()
                    + "; wait for it to end or choose another --output"));
            return spec.exitCodeOnInvalidInput();
        } catch (IOException | RuntimeException e) {
            throw refusal("--output", output, "must be a folder this run can write, and " + ReportWriter.describe(e));
        }
        try (held) {
            return callHolding(protocols);
        }
    }

    /** The run, once the output folder is this run's alone. */
    private int callHolding(List<Protocol> protocols) throws Exception {
        ReportWriter.whyNotWritable(output).ifPresent(reason -> require(false, "--output", output,
                "must be a folder this run can write, and " + reason));
        Engines engineChoice = Engines.named(engine);
        boolean terminal = System.console() != null;
        // A bar per line only makes sense for one experiment at a time.
        ProgressDisplay progress = new ProgressDisplay(out, terminal && jobs == 1);
        StopAtNextBatch listener = new StopAtNextBatch(progress, interrupt.stop());
        Path log = output.resolve(LOG);
        java.nio.file.Files.writeString(log, "The main job's log: " + commandText() + System.lineSeparator());
        PrintStream console = System.err;
        if (!verbose) {
            // The engines log through slf4j-simple, which writes to whatever System.err is when it logs.
            System.setErr(new PrintStream(new java.io.FileOutputStream(log.toFile(), true), true,
                    java.nio.charset.StandardCharsets.UTF_8));
        }
        try {
            return run(protocols, engineChoice, listener);
        } finally {
            if (System.err != console) {
                System.err.close();
                System.setErr(console);
            }
        }
    }

    private int run(List<Protocol> protocols, Engines engineChoice, StopAtNextBatch listener) throws Exception {
        LstmEngine engine = engineChoice.create();
        long start = System.nanoTime();
        List<ExperimentResult> results = new ArrayList<>();
        List<Sweep> sweepResults = new ArrayList<>();
        boolean stopped = false;
        try {
            InOrder.run(protocols, jobs, results, interrupt.stop(), protocol -> {
                out.printf(Locale.ROOT, "%s. %s, seed %d, %s engine%n", protocol.id(), protocol.title(),
                        protocol.task().seed(), engineChoice.optionName());
                return Experiment.run(protocol, engine, listener);
            });
            if (sweeps) {
                InOrder.run(sweepJobs(protocols), jobs, sweepResults, interrupt.stop(), job -> {
                    out.println("Sweep: " + job.which().label() + " over " + job.protocol().id() + ", seed "
                            + job.protocol().task().seed());
                    return job.which().run(job.protocol(), engine, listener);
                });
            }
        } catch (StopAtNextBatch.Stopped e) {
            stopped = true;
        }
        if (stopped) {
            out.println("Stopped: writing the " + results.size() + " experiments that finished.");
        }
        RunReport report = new RunReport(commandText(), Environment.detect(), results, sweepResults,
                (System.nanoTime() - start) / 1e9);
        ReportWriter.write(report, output);
        out.println();
        out.print(ReportWriter.summaryTable(report));
        out.printf(Locale.ROOT, "%nWrote %s in %.1f s.%n", output.resolve("README.md"), report.seconds());
        return stopped ? STOPPED : 0;
    }

    /** A sweep to run: which one, over which protocol. */
    private record SweepJob(Sweeps.Kind which, Protocol protocol) {
    }

    private List<SweepJob> sweepJobs(List<Protocol> protocols) {
        List<SweepJob> jobs = new ArrayList<>();
        for (Protocol protocol : protocols) {
            Sweeps.Kind.over(protocol).ifPresent(kind -> jobs.add(new SweepJob(kind, protocol)));
        }
        return jobs;
    }


    /**
     * The selected experiments, once per seed, each built once with the options applied and checked before any of
     * them runs: a value a protocol refuses is a bad option, named by the option that gave it.
     */
    List<Protocol> protocols() {
        Map<String, Protocol> byId = new LinkedHashMap<>();
        PostProtocols.all().forEach(p -> byId.put(p.id(), p));
        require(jobs >= 1, "--jobs", jobs, "must be >= 1");
        require(!seeds.isEmpty(), "--seeds", seeds, "must name at least one seed");
        require(Engines.names().contains(engine), "--engine", engine, "must be one of " + Engines.names());
        ProtocolOptions options = new ProtocolOptions(sequences, length, training, fraction, window, targetPeriod,
                batchSize, units, cell, layers, epochs);
        List<Protocol> selected = new ArrayList<>();
        for (long seed : seeds) {
            for (String id : experiments) {
                Protocol post = byId.get(id.trim().toUpperCase(Locale.ROOT));
                require(post != null, "--experiments", id, "each must be one of " + byId.keySet());
                selected.add(checked(options, post, seed));
            }
        }
        return selected;
    }

    private Protocol checked(ProtocolOptions options, Protocol post, long seed) {
        Protocol p;
        try {
            p = options.applyTo(post, seed);
        } catch (IllegalArgumentException refused) {
            Optional<String> inOptionWords = refused instanceof Refusal.Refused named
                    ? options.inOptionWords(named, post) : Optional.empty();
            throw new ParameterException(spec.commandLine(), inOptionWords.orElseGet(() -> asGiven(post, refused)));
        }
        long need = Experiment.estimatedBytes(p);
        long can = Runtime.getRuntime().maxMemory();
        require(need <= can, "--sequences, --length and --window", p.task().sequences() + ", " + p.task().length()
                + " and " + p.layout().window(), String.format(Locale.ROOT, "experiment %s would need about %s for its "
                + "samples, more than this JVM can get (%s)", p.id(), bytes(need), bytes(can)));
        try {
            Experiment.check(p);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), asGiven(p, e));
        }
        return p;
    }

    /** A refusal no single option answers for: the options together made the experiment impossible. */
    private static String asGiven(Protocol protocol, IllegalArgumentException refusal) {
        return "experiment " + protocol.id() + " with the task options as given: " + refusal.getMessage();
    }

    private static String bytes(long count) {
        double gigabytes = count / 1e9;
        return gigabytes >= 1 ? String.format(Locale.ROOT, "%.1f GB", gigabytes)
                : String.format(Locale.ROOT, "%.0f MB", count / 1e6);
    }

    private void require(boolean holds, String option, Object value, String rule) {
        if (!holds) {
            throw refusal(option, value, rule);
        }
    }

    private ParameterException refusal(String option, Object value, String rule) {
        return new ParameterException(spec.commandLine(), Refusal.describe(option, value, rule));
    }

    private String commandText() {
        List<String> args = spec.commandLine().getParseResult().originalArgs();
        return "./mvnw -q compile exec:java" + (args.isEmpty() ? "" : " -Dexec.args=\"" + String.join(" ", args) + "\"");
    }

    /** The names {@code --engine} accepts, for the help text. */
    static final class EngineNames extends ArrayList<String> {
        EngineNames() {
            super(Engines.names());
        }
    }
}
