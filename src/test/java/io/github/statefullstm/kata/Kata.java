package io.github.statefullstm.kata;

import io.github.statefullstm.spec.SpecDocument;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The kata, as a learner runs it: {@code ./mvnw -q -Pkata test}. Makes the workspace on the first run, compiles the
 * learner's files, runs the steps in order in a JVM of their own and stops at the first failing step, which it shows
 * in full with hints. Options are system properties, so they pass through Maven:
 * {@code -Dkata.step=N} runs step N alone, {@code -Dkata.reset=N} (or {@code all}) starts a step's files afresh,
 * {@code -Dkata.hint=1..3} shows that many hints at once.
 *
 * <p>Whatever happens, the learner reads a message, never a stack trace: a failing step is the kata's normal state,
 * so the process ends normally either way.
 */
public final class Kata {

    static final String COMMAND = "./mvnw -q -Pkata test";
    private static final Path DEFAULT_WORKSPACE = Path.of("kata-workspace");
    private static final Path BUILD = Path.of("target", "kata");

    /** The run's settings, each checked against its rule before anything is touched. */
    record Options(Optional<Integer> step, Set<Integer> reset, int hint, Path workspace) {

        static Options from(java.util.function.UnaryOperator<String> property) {
            int steps = KataPath.steps().size();
            Optional<Integer> step = Optional.ofNullable(blankToNull(property.apply("kata.step")))
                    .map(value -> stepNumber("kata.step", value, steps));
            String reset = blankToNull(property.apply("kata.reset"));
            Set<Integer> resetSteps = reset == null ? Set.of()
                    : reset.equals("all") ? IntStream.rangeClosed(1, steps).boxed().collect(Collectors.toSet())
                    : Set.of(stepNumber("kata.reset", reset, steps));
            String hint = blankToNull(property.apply("kata.hint"));
            int hintLevel = 0;
            if (hint != null) {
                hintLevel = parse(hint);
                if (hintLevel < 1 || hintLevel > KataPath.HINT_LEVELS) {
                    throw new BadOption("-Dkata.hint=" + hint + ": must be 1, 2 or " + KataPath.HINT_LEVELS
                            + " (how many hints to show for each failing claim)");
                }
            }
            String workspace = blankToNull(property.apply("kata.workspace"));
            return new Options(step, resetSteps, hintLevel, workspace == null ? DEFAULT_WORKSPACE : Path.of(workspace));
        }

        private static int stepNumber(String option, String value, int steps) {
            int number = parse(value);
            if (number < 1 || number > steps) {
                throw new BadOption("-D" + option + "=" + value + ": there is no such step; the steps are 1 to " + steps
                        + (option.equals("kata.reset") ? ", or all" : "") + ":\n" + KataPath.steps().stream()
                        .map(s -> "  " + s.number() + "  " + s.title()).collect(Collectors.joining("\n")));
            }
            return number;
        }

        private static int parse(String value) {
            try {
                return Integer.parseInt(value.strip());
            } catch (NumberFormatException e) {
                return Integer.MIN_VALUE;
            }
        }

        private static String blankToNull(String value) {
            return value == null || value.isBlank() ? null : value.strip();
        }
    }

    /** An option that breaks its rule: the message names it, its value and the rule. */
    static final class BadOption extends RuntimeException {
        BadOption(String message) {
            super(message);
        }
    }

    private Kata() {
    }

    public static void main(String[] args) {
        try {
            System.out.print(run(System::getProperty));
        } catch (RuntimeException unexpected) {
            // Not the learner's doing: one line for them, the whole story in a file for whoever fixes the kata.
            Path log = BUILD.resolve("kata-failure.log");
            try {
                java.nio.file.Files.createDirectories(BUILD);
                java.io.StringWriter trace = new java.io.StringWriter();
                unexpected.printStackTrace(new java.io.PrintWriter(trace));
                java.nio.file.Files.writeString(log, trace.toString());
            } catch (IOException e) {
                unexpected.addSuppressed(e);
            }
            System.out.println("kata: an unexpected failure (" + unexpected + "); the details are in " + log);
        }
    }

    /** Runs the kata and returns what the learner reads. */
    static String run(java.util.function.UnaryOperator<String> property) {
        Options options;
        try {
            options = Options.from(property);
        } catch (BadOption bad) {
            return "kata: " + bad.getMessage() + "\n";
        }
        List<MarkedSource.MarkedFile> files = MarkedSource.scan(MarkedSource.PRODUCTION);
        Workspace workspace = new Workspace(options.workspace(), files);
        Feedback feedback = new Feedback(SpecDocument.all());
        feedback.line("Stateful LSTM kata: " + KataPath.steps().size() + " steps; your code is in "
                + workspace.sources() + "/");
        HintLevels hints = new HintLevels(options.workspace());
        if (!options.reset().isEmpty()) {
            workspace.prepare();
            workspace.reset(options.reset()).forEach(n -> feedback.line("  " + n.text()));
            options.reset().forEach(step -> hints.forget(KataPath.step(step).orElseThrow().claims()));
        }
        workspace.prepare().forEach(n -> feedback.line("  " + n.text()));

        List<WorkspaceCompiler.CompileError> errors = WorkspaceCompiler.compile(workspace.javaFiles(),
                WorkspaceCompiler.currentClassPath(), BUILD.resolve("classes"));
        if (!errors.isEmpty()) {
            feedback.line("");
            feedback.line("Your code does not compile (" + errors.size() + (errors.size() == 1 ? " error" : " errors")
                    + "):");
            errors.forEach(e -> feedback.line(e.toString()));
            return feedback.text();
        }
        List<Integer> steps = options.step().map(List::of)
                .orElse(KataPath.steps().stream().map(KataPath.Step::number).toList());
        StepRunner.Results results;
        try {
            results = TestJvm.run(BUILD.resolve("classes"), WorkspaceCompiler.currentClassPath(), steps, true, BUILD,
                    List.of());
        } catch (IOException e) {
            return feedback.line("kata: " + e.getMessage()).text();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return feedback.line("kata: stopped").text();
        }
        for (StepRunner.StepOutcome outcome : results.steps()) {
            KataPath.Step step = KataPath.step(outcome.step()).orElseThrow();
            if (outcome.passed()) {
                feedback.passed(step, outcome);
            } else {
                feedback.failed(step, outcome, files, workspace.sources(),
                        claim -> hints.failedAgain(claim, options.hint()));
                hints.save();
                return feedback.text();
            }
        }
        if (options.step().isEmpty()) {
            feedback.line("").line(KataPath.READ_NEXT.stripTrailing());
        } else {
            feedback.line("").line("Step " + options.step().get() + " passes; run " + COMMAND
                    + " without -Dkata.step to go through every step in order.");
        }
        return feedback.text();
    }
}
