package io.github.statefullstm.report;

import io.github.statefullstm.spec.Claim;
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
}
