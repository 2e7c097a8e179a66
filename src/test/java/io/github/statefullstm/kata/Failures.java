package io.github.statefullstm.kata;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a failed test into what a learner needs: what went wrong, where in their code, and, for a property, the
 * smallest sample jqwik found that fails (its shrunk sample), without the stack trace or jqwik's statistics table.
 */
final class Failures {

    private static final String PROJECT = "io.github.statefullstm.";
    /** Enough of a message to read, not a dump: an assertion's message is a line or two. */
    private static final int MESSAGE_LINES = 6;

    private Failures() {
    }

    static String describe(Throwable failure) {
        String type = failure.getClass().getSimpleName();
        String message = failure.getMessage() == null ? "" : ": " + firstLines(failure.getMessage().strip());
        String where = whereInTheProjectsCode(failure);
        return type + message + (where == null ? "" : "\n  at " + where);
    }

    /** The first stack frame in the project's production code (the learner's, in a kata run), if any. */
    private static String whereInTheProjectsCode(Throwable failure) {
        for (Throwable at = failure; at != null; at = at.getCause()) {
            for (StackTraceElement frame : at.getStackTrace()) {
                if (frame.getClassName().startsWith(PROJECT) && !isTestClass(frame.getClassName())) {
                    String type = frame.getClassName().substring(frame.getClassName().lastIndexOf('.') + 1);
                    return type + "." + frame.getMethodName() + "(" + frame.getFileName() + ":" + frame.getLineNumber()
                            + ")";
                }
            }
        }
        return null;
    }

    private static boolean isTestClass(String className) {
        try {
            Path root = Path.of(Failures.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.exists(root.resolve(className.replace('.', '/') + ".class"));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static String firstLines(String text) {
        String[] lines = text.split("\\R");
        if (lines.length <= MESSAGE_LINES) {
            return text;
        }
        return String.join("\n", List.of(lines).subList(0, MESSAGE_LINES)) + "\n  ...";
    }

    /**
     * From jqwik's report entries of a failed property: the shrunk sample if it shrank, else the failing sample;
     * null when the test is no property.
     */
    static String smallestSample(List<String> reports) {
        for (String report : reports) {
            List<String> lines = List.of(report.split("\\R"));
            int from = indexOfHeading(lines, "Shrunk Sample");
            if (from < 0) {
                from = indexOfHeading(lines, "Sample");
            }
            if (from < 0) {
                continue;
            }
            List<String> sample = new ArrayList<>();
            for (int i = from + 2; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.isBlank() || line.strip().startsWith("Original")) {
                    break;
                }
                sample.add(line.strip());
            }
            if (!sample.isEmpty()) {
                return String.join("\n", sample);
            }
        }
        return null;
    }

    private static int indexOfHeading(List<String> lines, String heading) {
        for (int i = 0; i + 1 < lines.size(); i++) {
            if (lines.get(i).strip().startsWith(heading) && lines.get(i + 1).strip().startsWith("---")) {
                return i;
            }
        }
        return -1;
    }
}
