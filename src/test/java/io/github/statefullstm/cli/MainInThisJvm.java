package io.github.statefullstm.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.CommandLine;

/** The main job run inside the test's JVM, as {@code Main.main} runs it but without exiting, its console kept. */
final class MainInThisJvm {

    /** What a run left: its exit code, and what it printed on each stream. */
    record Outcome(int exitCode, String out, String err) {
    }

    private MainInThisJvm() {
    }

    static Outcome run(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        StringWriter err = new StringWriter();
        CommandLine commandLine = Main.commandLine(new Main(out));
        commandLine.setErr(new PrintWriter(err, true));
        commandLine.setOut(new PrintWriter(out, true));
        int exit = commandLine.execute(args);
        return new Outcome(exit, bytes.toString(StandardCharsets.UTF_8), err.toString());
    }

    /** The cheapest whole run: the reference engine, one experiment, one epoch, a task of 20 sequences. */
    static Outcome cheapestRunOn(Path folder) {
        return run("--engine", "reference", "--experiments", "C", "--epochs", "1", "--sequences", "20", "--training",
                "10", "--no-sweeps", "--output", folder.toString());
    }
}
