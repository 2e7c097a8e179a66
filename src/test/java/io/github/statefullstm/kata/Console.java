package io.github.statefullstm.kata;

import java.io.PrintStream;

/**
 * Where the kata writes what the learner reads, as it happens: lines, and on a terminal one status line (the step
 * and test running) that the next line replaces. Written to a file or a pipe, there is no status line and not one
 * escape or carriage-return character: a log holds lines only.
 */
final class Console {

    private final PrintStream out;
    private final boolean terminal;
    private final StringBuilder written = new StringBuilder();
    /** Length of the status line on screen, to be blanked by the next write. */
    private int status;

    private Console(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    /** Writes to {@code out}; {@code terminal}: whether a person watches it (status lines are shown then only). */
    static Console of(PrintStream out, boolean terminal) {
        return new Console(out, terminal);
    }

    /** Keeps what is written, as a file would: for reading back. */
    static Console capturing() {
        return new Console(null, false);
    }

    synchronized Console line(String text) {
        clearStatus();
        written.append(text).append('\n');
        if (out != null) {
            out.println(text);
            out.flush();
        }
        return this;
    }

    /** Shows {@code text} in place of the previous status line, on a terminal; nothing otherwise. */
    synchronized void status(String text) {
        if (!terminal || out == null) {
            return;
        }
        clearStatus();
        out.print(text);
        out.flush();
        status = text.length();
    }

    /** Everything written so far, status lines excepted. */
    synchronized String text() {
        return written.toString();
    }

    private void clearStatus() {
        if (status > 0) {
            out.print("\r" + " ".repeat(status) + "\r");
            status = 0;
        }
    }
}
