package io.github.statefullstm.kata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.statefullstm.spec.Claim;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A learner's watch: a save runs the steps again, from the first that needs it, in the same JVM. */
class KataWatchIT {

    private static final KataPath.Step FIRST = KataPath.steps().get(0);
    private static final KataPath.Step SECOND = KataPath.steps().get(1);
    /** Not a speed claim (the benchmark measures that): only how long this test waits before it gives up. */
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Test
    @Claim("KATA-12")
    void aSaveRunsAgainFromTheFirstStepThatNeedsIt() throws Exception {
        try (ScratchFolder scratch = ScratchFolder.create()) {
            Path root = scratch.path();
            Console console = Console.capturing();
            Kata.Options options = Kata.Options.from(Map.of("kata.workspace", root.toString())::get);
            try (KataSession session = new KataSession(options, console)) {
                assertEquals(Kata.Ending.STEP_FAILED, session.runAll());
                KataSession.Watcher watcher = session.watcher();
                CompletableFuture<Kata.Ending> watching = CompletableFuture.supplyAsync(() ->
                        watcher.watch(() -> !console.text().contains("FAILED  " + SECOND.label())));
                MarkedSource.MarkedFile windows = MarkedSource.scan(MarkedSource.PRODUCTION).stream()
                        .filter(f -> f.steps().contains(FIRST.id())).findFirst().orElseThrow();
                Workspace.write(root.resolve("src").resolve(windows.path()), windows.render(Set.of()));
                assertEquals(Kata.Ending.STEP_FAILED, watching.get(PATIENCE.toSeconds(), TimeUnit.SECONDS));
            }
            String text = console.text();
            int watch = text.indexOf("Watching ");
            assertTrue(watch > 0, text);
            String after = text.substring(watch);
            assertTrue(after.contains("running from " + FIRST.label()), "the changed step's file: " + after);
            assertTrue(after.contains("passed  " + FIRST.label()), after);
            assertTrue(after.contains("FAILED  " + SECOND.label()), after);
        }
    }

    @Test
    @Claim("KATA-12")
    void outputToAFileHoldsLinesOnly() {
        try (ScratchFolder scratch = ScratchFolder.create()) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            PrintStream file = new PrintStream(bytes, true, StandardCharsets.UTF_8);
            Kata.run(Map.of("kata.workspace", scratch.path().toString(), "kata.step", "1")::get,
                    Console.of(file, false));
            String written = bytes.toString(StandardCharsets.UTF_8);
            assertTrue(written.contains("FAILED  " + FIRST.label()), written);
            assertFalse(written.contains("\u001b") || written.contains("\r"), "no escape or carriage return");
            assertFalse(written.contains("running " + FIRST.label()), "no status line: " + written);
        }
    }
}
