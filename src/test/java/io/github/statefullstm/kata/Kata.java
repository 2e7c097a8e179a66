package io.github.statefullstm.kata;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The kata, as a learner runs it: {@code ./mvnw -q -Pkata test}. Makes the workspace on the first run, compiles the
 * learner's files, runs the steps in order in this JVM and stops at the first failing step, which it shows in full
 * with hints; with {@code -Dkata.watch} it then stays, and runs again each time a file is saved. Options are system
 * properties, so they pass through Maven: {@code -Dkata.step=N} runs step N alone, {@code -Dkata.reset=N} (or
 * {@code all}) starts a step's files afresh, {@code -Dkata.hint=1..3} shows that many hints at once,
 * {@code -Dkata.limit=SECONDS} gives every step another time limit.
 *
 * <p>Whatever happens, the learner reads a message, never a stack trace; the exit code says how the run ended
 * ({@link Ending}), so that a script or an editor's task can tell a pass from a failure.
 */
public final class Kata {

    static final String COMMAND = "./mvnw -q -Pkata test";
    private static final Path DEFAULT_WORKSPACE = Path.of("kata-workspace");
    private static final Path BUILD = Path.of("target", "kata");

    /** How a run ends, and the exit code that says so. */
    enum Ending {
        PASSED(0, "every step run passed"),
        STEP_FAILED(1, "a step failed one of its claims"),
        BAD_OPTION(2, "an option was refused"),
        DOES_NOT_COMPILE(3, "the workspace does not compile"),
        STOPPED(4, "a step ran past its time limit"),
        KATA_FAILED(5, "the kata itself failed");

        final int code;
        final String meaning;

        Ending(int code, String meaning) {
            this.code = code;
            this.meaning = meaning;
        }
    }

    /** The run's settings, each checked against its rule before anything is touched. */
    record Options(Optional<Integer> step, Set<Integer> reset, int hint, Path workspace, boolean watch,
                   Optional<Duration> limit) {

        static Options from(UnaryOperator<String> property) {
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
            String limit = blankToNull(property.apply("kata.limit"));
            Optional<Duration> stepLimit = Optional.empty();
            if (limit != null) {
                int seconds = parse(limit);
                if (seconds < 1) {
                    throw new BadOption("-Dkata.limit=" + limit + ": must be a whole number of seconds, 1 or more"
                            + " (how long a step may run before the kata stops it)");
                }
                stepLimit = Optional.of(Duration.ofSeconds(seconds));
            }
            String watch = property.apply("kata.watch");
            boolean watching = watch != null && !watch.strip().equalsIgnoreCase("false");
            String workspace = blankToNull(property.apply("kata.workspace"));
            return new Options(step, resetSteps, hintLevel, workspace == null ? DEFAULT_WORKSPACE : Path.of(workspace),
                    watching, stepLimit);
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

    /** What a run ended with, and what the learner read: for the kata's own tests. */
    record Answer(Ending ending, String text) {
    }

    private Kata() {
    }

    public static void main(String[] args) {
        Console console = Console.of(System.out, System.console() != null);
        Ending ending;
        try {
            ending = run(System::getProperty, console);
        } catch (RuntimeException unexpected) {
            // Not the learner's doing: one line for them, the whole story in a file for whoever fixes the kata.
            Path log = BUILD.resolve("kata-failure.log");
            try {
                Files.createDirectories(BUILD);
                StringWriter trace = new StringWriter();
                unexpected.printStackTrace(new PrintWriter(trace));
                Files.writeString(log, trace.toString());
            } catch (IOException e) {
                unexpected.addSuppressed(e);
            }
            console.line("kata: an unexpected failure (" + unexpected + "); the details are in " + log);
            ending = Ending.KATA_FAILED;
        }
        // A stuck step's thread may still run; the exit ends it, and tells the caller how the run went.
        System.exit(ending.code);
    }

    /** Runs the kata once, without watching, and keeps what it wrote. */
    static Answer run(UnaryOperator<String> property) {
        Console console = Console.capturing();
        Ending ending = run(property, console);
        return new Answer(ending, console.text());
    }

    /** Runs the kata, writing to {@code console} as it goes; with {@code kata.watch}, until a step runs away. */
    static Ending run(UnaryOperator<String> property, Console console) {
        Options options;
        try {
            options = Options.from(property);
        } catch (BadOption bad) {
            console.line("kata: " + bad.getMessage());
            return Ending.BAD_OPTION;
        }
        try (KataSession session = new KataSession(options, console)) {
            Ending ending = session.runAll();
            return options.watch() && ending != Ending.STOPPED ? session.watch() : ending;
        }
    }
}
