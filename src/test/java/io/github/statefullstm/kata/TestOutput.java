package io.github.statefullstm.kata;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.logging.StreamHandler;

/**
 * What the tests print while the kata runs them (jqwik's notes and logging, a test's own output) goes to a log file,
 * not to the learner's screen, which shows the kata's feedback alone; the file is there for whoever wants it.
 */
final class TestOutput implements AutoCloseable {

    /** jqwik reports through java.util.logging as well as on the standard streams. */
    private static final String JQWIK = "net.jqwik";

    private final PrintStream log;
    private final Handler handler;

    private TestOutput(PrintStream log) {
        this.log = log;
        this.handler = new StreamHandler(log, new SimpleFormatter());
        Logger jqwik = Logger.getLogger(JQWIK);
        jqwik.setUseParentHandlers(false);
        jqwik.addHandler(handler);
    }

    static TestOutput to(Path file) {
        try {
            Files.createDirectories(file.getParent());
            OutputStream out = Files.newOutputStream(file);
            return new TestOutput(new PrintStream(out, true, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code work} with the standard streams going to the log, and puts them back. */
    synchronized <T> T during(Supplier<T> work) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        System.setOut(log);
        System.setErr(log);
        try {
            return work.get();
        } finally {
            handler.flush();
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Override
    public void close() {
        Logger.getLogger(JQWIK).removeHandler(handler);
        handler.close();
        log.close();
    }
}
