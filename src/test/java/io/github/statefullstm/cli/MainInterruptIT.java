package io.github.statefullstm.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.statefullstm.spec.Claim;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * Ctrl-C, as a person gives it: the main job runs as a process of its own, gets SIGINT once its first experiment is
 * done and the second has started, and must end with 130 and a whole report of the first experiment alone.
 */
class MainInterruptIT {

    /** Ctrl-C's signal number. */
    private static final int SIGINT = 2;
    /** A hang guard, far above the seconds these small runs take and the hook's grace period. */
    private static final long RUN_LIMIT_SECONDS = 120;

    /**
     * Tasks big enough that the second experiment is still running when the signal lands, small enough to be quick:
     * DL4J's update costs about ten times the reference's, so it gets a smaller task.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"reference, 400, 300", "dl4j, 200, 150"})
    @Claim({"CLI-5", "CLI-6"})
    void ctrlCAfterTheFirstExperimentExitsWith130AndReportsItWhole(String engine, String sequences, String training,
                                                                   @TempDir Path folder) throws Exception {
        assumeFalse(ignoresCtrlC(), "this JVM was started with SIGINT ignored (as a shell without job control starts"
                + " a background job), and the main job would inherit that: no Ctrl-C could reach it");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "--engine", engine, "--experiments", "C,D", "--epochs", "20", "--sequences",
                sequences, "--training", training, "--no-sweeps", "--output", folder.toString());
        Process main = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(main.getInputStream(),
                StandardCharsets.UTF_8))) {
            boolean signalled = false;
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                lines.add(line);
                if (!signalled && line.startsWith("D. ")) {
                    new ProcessBuilder("kill", "-INT", Long.toString(main.pid())).start().waitFor();
                    signalled = true;
                }
            }
            assertTrue(signalled, "the second experiment never started:\n" + String.join("\n", lines));
        }
        assertTrue(main.waitFor(RUN_LIMIT_SECONDS, TimeUnit.SECONDS), "still running:\n" + String.join("\n", lines));
        assertEquals(Main.STOPPED, main.exitValue(), String.join("\n", lines));
        JsonNode results = new ObjectMapper().readTree(folder.resolve("results.json").toFile());
        assertEquals(1, results.get("experiments").size(), "only the finished experiment is reported");
        assertEquals("C", results.get("experiments").get(0).get("id").asText());
        String readme = Files.readString(folder.resolve("README.md"));
        assertTrue(readme.contains("| C | one step at a time, stateful"), readme);
        assertFalse(readme.contains("| D |"), "the stopped experiment is not reported");
        assertTrue(Files.size(folder.resolve("charts/experiment-C-seed-42.png")) > 0, "C's chart");
        assertTrue(lines.stream().noneMatch(l -> l.contains("Exception") || l.startsWith("\tat ")),
                "no stack trace:\n" + String.join("\n", lines));
        assertTrue(lines.stream().noneMatch(l -> l.contains("org.nd4j") || l.contains("org.deeplearning4j")),
                "the engines' logging stays off the console:\n" + String.join("\n", lines));
        if (engine.equals("dl4j")) {
            assertTrue(Files.readString(folder.resolve(Main.LOG)).contains("org.nd4j"), "it goes to " + Main.LOG);
        }
    }

    /** Whether this process ignores SIGINT (signal 2: bit 1 of the SigIgn mask Linux reports); elsewhere, no. */
    private static boolean ignoresCtrlC() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return false;
        }
        return Files.readAllLines(status).stream().filter(line -> line.startsWith("SigIgn:"))
                .map(line -> new BigInteger(line.substring("SigIgn:".length()).trim(), 16))
                .anyMatch(mask -> mask.testBit(SIGINT - 1));
    }
}
