package io.github.statefullstm.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.statefullstm.spec.Claim;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report folder is written whole: every file of the report and no temporary one, each file whole or not at all,
 * even by a JVM that is shutting down.
 */
class ReportFolderTest {

    private static final RunReport RUN = HandMadeRun.report();

    @Test
    @Claim("REPORT-1")
    void theFolderHoldsEveryFileAndNoTemporaryOne(@TempDir Path folder) throws IOException {
        ReportWriter.write(RUN, folder);
        for (String file : List.of("README.md", "results.json", "results.schema.json", "charts/overview.svg",
                "charts/overview.png", "charts/experiment-C-seed-42.svg", "charts/experiment-C10-seed-42.png",
                "charts/experiment-E-seed-42.svg", "charts/window-length.svg", "charts/window-length.png")) {
            assertTrue(Files.size(folder.resolve(file)) > 0, file + " was not written");
        }
        assertEquals(ResultsJson.render(RUN), Files.readString(folder.resolve("results.json")));
        assertEquals(MarkdownReport.render(RUN, ReportWriter.CHARTS), Files.readString(folder.resolve("README.md")));
        try (var files = Files.walk(folder)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".partial")),
                    "no temporary file is left behind");
        }
    }

    /**
     * ImageIO's disk cache would leave a temporary file whose clean-up is a shutdown hook; a JVM stopping after
     * Ctrl-C can no longer register one, and writing the report of the finished experiments would fail there.
     */
    @Test
    void chartsAreEncodedInMemorySoAJvmThatIsShuttingDownCanStillWriteTheReport(@TempDir Path folder)
            throws IOException {
        ImageIO.setUseCache(true); // as in a fresh JVM: an earlier write in this one would have turned it off
        ReportWriter.write(RUN, folder);
        assertFalse(ImageIO.getUseCache(), "PNG output is cached in memory, not in a temporary file");
    }

    @Test
    @Claim("REPORT-1")
    void aWriteThatFailsHalfWayLeavesThePreviousFileAndNoTemporaryOne(@TempDir Path folder) throws IOException {
        Path target = folder.resolve("results.json");
        ReportFiles.writeString(target, "previous");
        assertThrows(IOException.class, () -> ReportFiles.write(target, out -> {
            out.write("half".getBytes(StandardCharsets.UTF_8));
            throw new IOException("stopped half-way");
        }));
        assertEquals("previous", Files.readString(target));
        try (var files = Files.list(folder)) {
            assertEquals(List.of(target), files.toList(), "only the target is left");
        }
    }
}
