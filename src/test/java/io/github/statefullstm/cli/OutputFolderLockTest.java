package io.github.statefullstm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.statefullstm.cli.MainInThisJvm.Outcome;
import io.github.statefullstm.spec.Claim;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run takes its output folder for itself: a second run on a folder in use is refused at once, whoever holds it,
 * names the holder and touches nothing there, and a run that ends lets the folder go.
 */
class OutputFolderLockTest {

    /** The exit code of a refused option; a folder in use is refused the same way. */
    private static final int REFUSED = 2;

    @Test
    @Claim("CLI-7")
    void aSecondRunOnAFolderAnotherProcessHoldsIsRefusedNamingItsPidAndChangesNothing(@TempDir Path folder)
            throws Exception {
        anEarlierReportIn(folder);
        try (FolderHoldingJvm holder = FolderHoldingJvm.start(folder)) {
            Map<String, String> before = everyFileIn(folder);
            Outcome outcome = MainInThisJvm.cheapestRunOn(folder);
            assertEquals(REFUSED, outcome.exitCode(), outcome.err());
            String expected = "--output = " + folder + ": in use by the main job with pid " + holder.pid() + " since ";
            assertTrue(outcome.err().startsWith(expected), () -> "should start \"" + expected + "\": " + outcome.err());
            assertTrue(outcome.err().strip().endsWith("; wait for it to end or choose another --output"),
                    outcome.err());
            assertEquals(1, outcome.err().lines().count(), "one line, no usage help and no stack trace: "
                    + outcome.err());
            assertEquals("", outcome.out(), "nothing ran");
            assertEquals(before, everyFileIn(folder), "the refused run changed the folder");
        }
    }

    @Test
    @Claim("CLI-7")
    void aSecondRunInThisProcessIsRefusedAndTheFirstKeepsItsHold(@TempDir Path folder) throws Exception {
        long pid = ProcessHandle.current().pid();
        try (OutputFolderLock first = OutputFolderLock.take(folder)) {
            Outcome outcome = MainInThisJvm.cheapestRunOn(folder);
            assertEquals(REFUSED, outcome.exitCode(), outcome.err());
            assertTrue(outcome.err().startsWith("--output = " + folder + ": in use by another run in this process "
                    + "(pid " + pid + ") since "), outcome.err());
            // A refused attempt that opened the lock file here, and closed it, would have dropped the first's lock.
            IllegalStateException other = assertThrows(IllegalStateException.class,
                    () -> FolderHoldingJvm.start(folder).close(), "another process took a folder this one holds");
            assertTrue(other.getMessage().startsWith("the main job with pid " + pid + " since "), other.getMessage());
        }
    }

    @Test
    @Claim("CLI-7")
    void aRunThatEndsLetsTheFolderGo(@TempDir Path folder) throws Exception {
        Outcome finished = MainInThisJvm.cheapestRunOn(folder);
        assertEquals(0, finished.exitCode(), finished.err());
        assertFalse(Files.exists(folder.resolve(OutputFolderLock.FILE)), "the lock file is removed");
        Path refused = folder.resolve("refused");
        Files.createDirectories(refused);
        Files.writeString(refused.resolve("charts"), "a file where the charts folder goes");
        Outcome failed = MainInThisJvm.cheapestRunOn(refused);
        assertEquals(REFUSED, failed.exitCode(), "refused after taking the folder: " + failed.err());
        assertFalse(Files.exists(refused.resolve(OutputFolderLock.FILE)), "the lock file is removed");
        try (FolderHoldingJvm next = FolderHoldingJvm.start(folder)) {
            assertTrue(next.pid() > 0, "the next run takes the folder");
        }
    }

    private static void anEarlierReportIn(Path folder) throws IOException {
        Files.createDirectories(folder.resolve("charts"));
        Files.writeString(folder.resolve("README.md"), "the holder's report");
        Files.writeString(folder.resolve("results.json"), "{}");
        Files.writeString(folder.resolve(Main.LOG), "the holder's log");
        Files.writeString(folder.resolve("charts/experiment-C-seed-1.svg"), "<svg/>");
    }

    /** Every file and folder under the folder, with its content and its time of last change. */
    private static Map<String, String> everyFileIn(Path folder) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(folder)) {
            for (Path path : all.toList()) {
                String content = Files.isRegularFile(path) ? Arrays.toString(Files.readAllBytes(path)) : "folder";
                files.put(folder.relativize(path).toString(), content + " changed " + Files.getLastModifiedTime(path));
            }
        }
        return files;
    }
}
