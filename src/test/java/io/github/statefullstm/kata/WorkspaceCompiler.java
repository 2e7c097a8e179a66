package io.github.statefullstm.kata;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles the learner's files against the project's own classes, in this JVM, so that an error reaches the learner
 * as the compiler's file, line and message and nothing else. The classes go to a folder of their own, which the test
 * JVM puts ahead of the project's, so the learner's versions of the kata's classes are the ones that run.
 */
final class WorkspaceCompiler {

    /** One compiler error, where it is and what it says. */
    record CompileError(Path file, long line, long column, String message, String sourceLine) {
        @Override
        public String toString() {
            String where = file + ":" + line + ": error: " + message;
            return sourceLine == null ? where
                    : where + "\n    " + sourceLine.strip() + "\n    " + " ".repeat(caretColumn()) + "^";
        }

        private int caretColumn() {
            int leading = sourceLine.length() - sourceLine.stripLeading().length();
            return (int) Math.max(0, column - 1 - leading);
        }
    }

    private WorkspaceCompiler() {
    }

    /**
     * Compiles {@code sources} into {@code out}, emptied first so that no class of an earlier attempt survives; the
     * errors, in file and line order, or none.
     */
    static List<CompileError> compile(List<Path> sources, String classPath, Path out) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("the kata compiles your code with the JDK's compiler, and this Java ("
                    + System.getProperty("java.home") + ") has none: run Maven with a JDK 17 or later");
        }
        empty(out);
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
            List<String> options = List.of("-d", out.toString(), "-classpath", classPath, "--release", "17",
                    "-encoding", "UTF-8", "-proc:none", "-implicit:none", "-Xlint:none", "-nowarn");
            javac.getTask(null, files, diagnostics, options, null, files.getJavaFileObjectsFromPaths(sources)).call();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<CompileError> errors = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() != Diagnostic.Kind.ERROR) {
                continue;
            }
            Path file = d.getSource() == null ? null : Path.of(d.getSource().toUri());
            errors.add(new CompileError(file, d.getLineNumber(), d.getColumnNumber(), d.getMessage(Locale.ROOT),
                    line(file, d.getLineNumber())));
        }
        return List.copyOf(errors);
    }

    private static String line(Path file, long number) {
        if (file == null || number < 1) {
            return null;
        }
        try (Stream<String> lines = Files.lines(file)) {
            return lines.skip(number - 1).findFirst().orElse(null);
        } catch (IOException | UncheckedIOException e) {
            return null;
        }
    }

    private static void empty(Path folder) {
        ScratchFolder.deleteTree(folder);
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The class path this code runs on: under {@code mvn exec:java}, the project's loader, not Maven's launcher. */
    static String currentClassPath() {
        ClassLoader loader = WorkspaceCompiler.class.getClassLoader();
        if (loader instanceof java.net.URLClassLoader urls && urls.getURLs().length > 0) {
            List<String> entries = new ArrayList<>();
            for (java.net.URL url : urls.getURLs()) {
                try {
                    entries.add(Path.of(url.toURI()).toString());
                } catch (java.net.URISyntaxException e) {
                    throw new IllegalStateException("class path entry " + url + " is not a file", e);
                }
            }
            return String.join(File.pathSeparator, entries);
        }
        return System.getProperty("java.class.path");
    }
}
