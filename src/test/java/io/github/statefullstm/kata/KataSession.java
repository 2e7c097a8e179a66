package io.github.statefullstm.kata;

import io.github.statefullstm.spec.SpecDocument;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * One learner's session with the kata, in one JVM: the workspace made or brought up to date, the compiler and the
 * class loaders kept warm, the steps run in order until the first that fails, and, when watching, again from the first
 * step that needs it each time a file is saved.
 */
final class KataSession implements AutoCloseable {

    /** How often a watch looks at the files: a save is answered within this, plus the run. */
    private static final Duration POLL = Duration.ofMillis(100);
    /** A save often lands as several writes; the files must be still this long before a run starts. */
    private static final Duration SETTLED = Duration.ofMillis(100);
    private static final Path BUILD = Path.of("target", "kata");
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final Kata.Options options;
    private final List<MarkedSource.MarkedFile> files;
    private final Workspace workspace;
    private final ApiCopies api;
    private final Feedback feedback;
    private final HintLevels hints;
    private final WorkspaceCompiler compiler;
    private final RunLoaders loaders;
    private final Map<String, String> configuration;
    /** Where the tests' own printing goes while steps run (jqwik's notes, a test's output): not the learner's screen. */
    private final TestOutput testOutput;
    /** The first step that failed in the last run, or 0 if none did. */
    private int firstFailing;

    KataSession(Kata.Options options, Console console) {
        this.options = options;
        this.files = MarkedSource.scan(MarkedSource.PRODUCTION);
        this.workspace = new Workspace(options.workspace(), files);
        this.api = new ApiCopies(MarkedSource.PRODUCTION, files);
        this.feedback = new Feedback(SpecDocument.all(), console);
        this.hints = new HintLevels(options.workspace());
        String classPath = WorkspaceCompiler.currentClassPath();
        this.compiler = new WorkspaceCompiler(classPath);
        this.loaders = RunLoaders.of(classPath);
        // A failing sample is tried first next time, as in the build, but from a record of the kata's own.
        this.configuration = Map.of("jqwik.database", BUILD.resolve("jqwik-database").toString());
        this.testOutput = TestOutput.to(BUILD.resolve("test-output.log"));
        feedback.line("Stateful LSTM kata: " + KataPath.steps().size() + " steps; your code is in "
                + workspace.sources() + "/");
        if (!options.reset().isEmpty()) {
            workspace.prepare();
            workspace.reset(options.reset()).forEach(this::tell);
            options.reset().forEach(step -> hints.forget(KataPath.step(step).orElseThrow()));
        }
        workspace.prepare().forEach(this::tell);
        api.write(workspace.root());
        hints.save();
    }

    private void tell(Workspace.Notice notice) {
        feedback.line("  " + notice.text());
        if (notice.startedAfresh() > 0) {
            hints.forget(KataPath.step(notice.startedAfresh()).orElseThrow());
        }
    }

    /** Runs every step (or the one asked for) from the first. */
    Kata.Ending runAll() {
        return runFrom(1);
    }

    /** Compiles the workspace and runs the steps from {@code from} on, stopping at the first that fails. */
    Kata.Ending runFrom(int from) {
        WorkspaceCompiler.Result compiled = compiler.compile(workspace.javaFiles());
        if (!compiled.compiled()) {
            List<WorkspaceCompiler.CompileError> errors = compiled.errors();
            feedback.line("");
            feedback.line("Your code does not compile (" + errors.size() + (errors.size() == 1 ? " error" : " errors")
                    + "):");
            errors.forEach(e -> feedback.line(e.toString()));
            return Kata.Ending.DOES_NOT_COMPILE;
        }
        RunLoaders.WorkspaceLoader loader = loaders.forWorkspace(compiled.classes());
        List<Integer> steps = options.step().map(List::of).orElse(IntStream.rangeClosed(from,
                KataPath.steps().size()).boxed().toList());
        firstFailing = 0;
        for (int number : steps) {
            KataPath.Step step = KataPath.step(number).orElseThrow();
            feedback.running(step, null);
            StepDriver.Ending ending = testOutput.during(() -> StepDriver.run(loader, step, null, configuration,
                    limitOf(step), workspace.sources(), test -> feedback.running(step, test)));
            if (ending instanceof StepDriver.RanAway runaway) {
                firstFailing = number;
                feedback.ranAway(runaway);
                return Kata.Ending.STOPPED;
            }
            StepRunner.StepOutcome outcome = ((StepDriver.Finished) ending).outcome();
            if (outcome.passed()) {
                feedback.passed(step, outcome);
            } else {
                firstFailing = number;
                feedback.failed(step, outcome, files, workspace.sources(),
                        claim -> hints.failedAgain(step, claim, options.hint()), api.usedBy(step),
                        workspace.root().resolve(ApiCopies.FOLDER));
                hints.save();
                return Kata.Ending.STEP_FAILED;
            }
        }
        if (options.step().isEmpty()) {
            feedback.line("").line(KataPath.READ_NEXT.stripTrailing());
        } else {
            feedback.line("").line("Step " + options.step().get() + " passes; run " + Kata.COMMAND
                    + " without -Dkata.step to go through every step in order.");
        }
        return Kata.Ending.PASSED;
    }

    private Duration limitOf(KataPath.Step step) {
        return options.limit().orElse(step.limit());
    }

    /**
     * Watches the workspace: each time its files settle after a change, runs again from the earliest step that
     * needs it (the first that failed, or an earlier one whose file changed). Ends only when a step runs away: its
     * thread cannot be stopped safely, so the learner fixes the loop and starts the watch again.
     */
    Kata.Ending watch() {
        return watcher().watch(() -> true);
    }

    /** A watch of the files as they are now: a change made after this call is seen by its {@link Watcher#watch}. */
    Watcher watcher() {
        return new Watcher(snapshot());
    }

    /** The watch itself, from the files as they were when it was made. */
    final class Watcher {

        private Map<Path, String> seen;

        private Watcher(Map<Path, String> seen) {
            this.seen = seen;
        }

        /** Watches as long as {@code keepWatching} says so (a test's watch ends when it has seen enough). */
        Kata.Ending watch(java.util.function.BooleanSupplier keepWatching) {
            feedback.line("");
            feedback.line("Watching " + workspace.sources() + "/: each save runs the steps again from the first that"
                    + " needs it. Ctrl-C ends the watch.");
            while (keepWatching.getAsBoolean()) {
                sleep(POLL);
                Map<Path, String> now = snapshot();
                if (now.equals(seen)) {
                    continue;
                }
                Map<Path, String> settled;
                do {
                    sleep(SETTLED);
                    settled = now;
                    now = snapshot();
                } while (!now.equals(settled));
                int from = firstFailing == 0 ? KataPath.steps().size() + 1 : firstFailing;
                for (MarkedSource.MarkedFile file : files) {
                    Path path = workspace.fileOf(file);
                    if (!Objects.equals(seen.get(path), now.get(path))) {
                        from = Math.min(from, Workspace.stepOf(file).number());
                    }
                }
                seen = now;
                if (from > KataPath.steps().size()) {
                    continue; // every step passed, and nothing of theirs changed
                }
                feedback.line("");
                feedback.line("--- " + LocalTime.now().format(CLOCK) + "  running from " + KataPath.step(from)
                        .orElseThrow().label());
                if (runFrom(from) == Kata.Ending.STOPPED) {
                    feedback.line("  The stuck step's thread cannot be stopped from inside this JVM: fix the loop"
                            + " and start the watch again.");
                    return Kata.Ending.STOPPED;
                }
            }
            return firstFailing == 0 ? Kata.Ending.PASSED : Kata.Ending.STEP_FAILED;
        }
    }

    /** Each file's time and size, as the watch compares them; a missing file is absent. */
    private Map<Path, String> snapshot() {
        Map<Path, String> state = new HashMap<>();
        for (Path file : workspace.javaFiles()) {
            try {
                if (Files.exists(file)) {
                    state.put(file, Files.getLastModifiedTime(file) + "/" + Files.size(file));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return state;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the watch was interrupted", e);
        }
    }

    @Override
    public void close() {
        compiler.close();
        testOutput.close();
    }
}
