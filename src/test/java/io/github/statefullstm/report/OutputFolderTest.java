package io.github.statefullstm.report;

import io.github.statefullstm.spec.Claim;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The output folder is proven writable before any work, and a folder that is not says why. */
class OutputFolderTest {

    @Test
    @Claim("CLI-1")
    void aWritableFolderPassesAndKeepsNoProbe(@TempDir Path folder) throws Exception {
        Path output = folder.resolve("reports");
        assertEquals(Optional.empty(), ReportWriter.whyNotWritable(output));
        try (Stream<Path> files = Files.walk(output)) {
            assertEquals(2, files.count(), "the folder and its charts folder, and nothing in them");
        }
    }

    @Test
    @Claim("CLI-1")
    void aFileWhereTheFolderShouldBeIsNamed(@TempDir Path folder) throws Exception {
        Path file = Files.writeString(folder.resolve("a-file"), "");
        String reason = ReportWriter.whyNotWritable(file).orElseThrow();
        assertEquals(file + " exists and is not a folder", reason);
    }

    @Test
    @Claim("CLI-1")
    void aFolderTheSystemWillNotCreateIsNamed() {
        Path nowhere = Path.of("/proc/no-such-folder");
        String reason = ReportWriter.whyNotWritable(nowhere).orElseThrow();
        assertTrue(reason.startsWith(nowhere.toString()), reason);
    }

    /*
     * The failures below cannot all be met for real here: a process with every permission is never denied access. So
     * the wording is checked on each kind of failure directly; the examples above show it is what the probe reports.
     */

    @Test
    void aDeniedAccessNamesTheFolderAndSaysSo() {
        assertEquals("access to /srv/reports is denied",
                ReportWriter.describe(new AccessDeniedException("/srv/reports")));
    }

    @Test
    void aFileSystemErrorNamesTheFolderAndTheSystemsReasonWhenItGivesOne() {
        assertEquals("/srv/reports: Read-only file system",
                ReportWriter.describe(new FileSystemException("/srv/reports", null, "Read-only file system")));
        assertEquals("/srv/reports cannot be written", ReportWriter.describe(new FileSystemException("/srv/reports")));
    }

    @Test
    void anyOtherFailureIsNamedByItsKindAndItsMessageWhenItHasOne() {
        assertEquals("IOException: disk on fire", ReportWriter.describe(new IOException("disk on fire")));
        assertEquals("IOException", ReportWriter.describe(new IOException()));
        assertEquals("UncheckedIOException: no space",
                ReportWriter.describe(new UncheckedIOException("no space", new IOException())));
    }
}
