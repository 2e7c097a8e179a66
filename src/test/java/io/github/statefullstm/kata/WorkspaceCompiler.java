package io.github.statefullstm.kata;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles the learner's files against the project's own classes, in this JVM and into memory, so that an error
 * reaches the learner as the compiler's file, line and message and nothing else, and the classes go straight to the
 * run's class loader. The compiler and its file manager stay open between compilations: a watch recompiles in a
 * fraction of the first compilation's time, because the libraries' jars are read once.
 */
final class WorkspaceCompiler implements AutoCloseable {

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

    /** The errors, in file and line order, or else the classes by binary name. */
    record Result(List<CompileError> errors, Map<String, byte[]> classes) {
        boolean compiled() {
            return errors.isEmpty();
        }
    }

    private final JavaCompiler javac;
    private final StandardJavaFileManager files;
    private final List<String> options;

    WorkspaceCompiler(String classPath) {
        this.javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("the kata compiles your code with the JDK's compiler, and this Java ("
                    + System.getProperty("java.home") + ") has none: run it with a JDK 17 or later");
        }
        this.files = javac.getStandardFileManager(null, Locale.ROOT, null);
        // -g: the learner's frames in a stuck step's stack name their lines
        this.options = List.of("-classpath", classPath, "--release", "17", "-encoding", "UTF-8", "-proc:none",
                "-implicit:none", "-Xlint:none", "-nowarn", "-g");
    }

    /** Compiles {@code sources}; nothing is written to disk. */
    Result compile(List<Path> sources) {
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Map<String, ByteArrayOutputStream> outputs = new HashMap<>();
        JavaFileManager inMemory = new ForwardingJavaFileManager<>(files) {
            @Override
            public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                                                       FileObject sibling) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                outputs.put(className, bytes);
                return new SimpleJavaFileObject(URI.create("memory:///" + className.replace('.', '/')
                        + kind.extension), kind) {
                    @Override
                    public OutputStream openOutputStream() {
                        return bytes;
                    }
                };
            }
        };
        javac.getTask(null, inMemory, diagnostics, options, null, files.getJavaFileObjectsFromPaths(sources)).call();
        List<CompileError> errors = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() != Diagnostic.Kind.ERROR) {
                continue;
            }
            Path file = d.getSource() == null ? null : Path.of(d.getSource().toUri());
            errors.add(new CompileError(file, d.getLineNumber(), d.getColumnNumber(), d.getMessage(Locale.ROOT),
                    line(file, d.getLineNumber())));
        }
        Map<String, byte[]> classes = new HashMap<>();
        if (errors.isEmpty()) {
            outputs.forEach((name, bytes) -> classes.put(name, bytes.toByteArray()));
        }
        return new Result(List.copyOf(errors), Map.copyOf(classes));
    }

    @Override
    public void close() {
        try {
            files.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

    /** The class path this code runs on: under {@code exec:java}, the project's loader, not Maven's launcher. */
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
