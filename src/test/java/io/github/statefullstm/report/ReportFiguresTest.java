package io.github.statefullstm.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.statefullstm.experiment.EpochRecord;
import io.github.statefullstm.experiment.ExperimentResult;
import io.github.statefullstm.experiment.PostProtocols;
import io.github.statefullstm.experiment.Protocol;
import io.github.statefullstm.experiment.Sweep;
import io.github.statefullstm.sequence.InformationCeiling;
import io.github.statefullstm.spec.Claim;
import io.github.statefullstm.training.Score;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report says what the experiments produced: every figure of a hand-made run, each a different number, must
 * appear in the table and in {@code results.json} as it was recorded, and a figure that does not exist as null.
 */
class ReportFiguresTest {

    private static final Environment HERE = new Environment("Java 17", "Linux amd64", 2, "1.0.0-M2.1");

    /** C learns in its second epoch, C10 in its first, D never: the time-to-learn section has two rows. */
    private static RunReport run() {
        ExperimentResult c = result(PostProtocols.perStepStateful(), true, new double[] {0.75, 0.995}, 3.0);
        ExperimentResult c10 = result(PostProtocols.perStepStatefulBatched(), true, new double[] {0.9925}, 0.5);
        ExperimentResult e = result(PostProtocols.sequencePreserving(), false, new double[] {0.625}, 1.25);
        Sweep sweep = new Sweep("window-length", "stateless windows: accuracy against window length",
                "window length", List.of(new Sweep.Point(10, 0.5455, 0.5375, 0.5125, 0.5, 12.5)));
        return new RunReport("mvn exec:java -Dexec.args=--help", HERE, List.of(c, c10, e), List.of(sweep), 42.25);
    }

    /** Epoch k's figures: validation as given, training 0.01 below it, on the fly 0.02 below, losses apart. */
    private static ExperimentResult result(Protocol protocol, boolean complete, double[] validation,
                                           double secondsPerEpoch) {
        List<EpochRecord> epochs = new java.util.ArrayList<>();
        for (int k = 0; k < validation.length; k++) {
            epochs.add(new EpochRecord(k + 1, new Score(0.375, validation[k] - 0.02, 1000),
                    new Score(0.25, validation[k] - 0.01, 1000), new Score(0.125, validation[k], 200),
                    secondsPerEpoch, null));
        }
        return new ExperimentResult(protocol, "reference", new InformationCeiling.Ceiling(999, 1000),
                new InformationCeiling.Ceiling(199, 200), epochs, secondsPerEpoch * validation.length + 1, complete,
                null);
    }

    @Test
    @Claim("REPORT-1")
    void theTableShowsEachExperimentsLastEpochCeilingsAndTime() {
        String table = MarkdownReport.table(run());
        assertTrue(table.startsWith("| | run | the post | validation, frozen |"), table);
        assertTrue(table.contains("| C | one step at a time, stateful, batch 1, reset after each sequence, reference | "
                + PostProtocols.perStepStateful().post().figure() + " | 0.9950 | 0.9850 | 0.9750 | 0.9950 / 0.9990 | 2 | 7.0 |"),
                table);
        assertTrue(table.contains("| E | ") && table.contains("| 0.6250 | 0.6150 | 0.6050 | 0.9950 / 0.9990 | 1 (stopped) | 2.3 |"),
                table);
    }

    @Test
    @Claim("CLI-6")
    void theClosingSummaryIsATextTableWhoseColumnsAlign() {
        List<String> lines = ReportWriter.summaryTable(run()).lines().toList();
        List<String> rows = lines.subList(0, run().experiments().size() + 1);
        int runColumn = rows.get(0).indexOf("run");
        for (String row : rows.subList(1, rows.size())) {
            String id = row.substring(0, row.indexOf(' '));
            String title = run().experiments().stream().filter(r -> r.protocol().id().equals(id)).findFirst()
                    .orElseThrow().protocol().title();
            assertEquals(runColumn, row.indexOf(title), "the run's title starts under \"run\": " + row);
            assertEquals(rows.get(0).indexOf("validation") + "validation".length(),
                    row.indexOf(' ', row.indexOf('.') - 1), "the validation figure ends under its heading: " + row);
        }
        assertFalse(String.join("\n", lines).contains("|"), "no Markdown on the terminal");
        assertTrue(rows.stream().anyMatch(r -> r.startsWith("E ") && r.contains("1 (stopped)")),
                "a stopped run says so beside its epochs: " + rows);
        assertTrue(rows.stream().noneMatch(r -> r.startsWith("C ") && r.contains("stopped")), rows::toString);
    }

    @Test
    void theClosingSummaryKeepsEveryColumnTwoSpacesApartFromTheNext() {
        List<String> lines = ReportWriter.summaryTable(run()).lines().toList();
        assertEquals(List.of("validation", "training", "on the fly", "ceiling val / train", "epochs", "seconds", "run"),
                List.of(lines.get(0).strip().split(" {2,}")), "the headings, each apart: " + lines.get(0));
        for (String row : lines.subList(1, run().experiments().size() + 1)) {
            assertEquals(8, row.split(" {2,}").length, "an ID and seven cells, each apart: " + row);
        }
    }

    @Test
    @Claim("EXP-10")
    void kerasOwnFiguresStandBesideTheFrozenOnesWhereThePostRanFit() {
        Score frozen = new Score(0.5, 0.5, 100);
        ExperimentResult b = new ExperimentResult(PostProtocols.windowsStateful(), "reference",
                new InformationCeiling.Ceiling(6, 10), new InformationCeiling.Ceiling(6, 10), List.of(
                new EpochRecord(1, frozen, frozen, frozen, 1, new Score(0.7, 0.5125, 100))), 2, true,
                new Score(0.7, 0.5250, 100));
        String md = MarkdownReport.render(new RunReport("x", HERE, List.of(b), List.of(), 2), "charts");
        assertTrue(md.contains("As Keras' `fit()` computes it, with the state carried from epoch to epoch and through "
                + "each validation pass: validation accuracy 0.5125 after epoch 1; the final `evaluate()`, continuing "
                + "from there: 0.5250."), md);
        String withoutKeras = MarkdownReport.render(run(), "charts");
        assertFalse(withoutKeras.contains("As Keras' `fit()`"), "no Keras figures where the post did not run fit()");
    }

    @Test
    @Claim("REPORT-1")
    void theMarkdownNamesTheCommandTheEnvironmentTheTimeToLearnAndEverySweepPoint() {
        String md = MarkdownReport.render(run(), "charts");
        for (String expected : List.of("Produced by `mvn exec:java -Dexec.args=--help` on Java 17, Linux amd64, 2 cores,"
                + " DL4J 1.0.0-M2.1, in 42.3 s.", "![all five](charts/overview.svg)",
                "### Time to 0.99 validation accuracy",
                "| C | one step at a time, stateful, batch 1, reset after each sequence | 2 | 6.0 |",
                "| C10 | " + PostProtocols.perStepStatefulBatched().title() + " | 1 | 0.5 |",
                "C10 (" + PostProtocols.perStepStatefulBatched().title() + ") reaches it in 0.08 of the time of C ("
                        + PostProtocols.perStepStateful().title() + ")",
                "## C. one step at a time", "The post: " + PostProtocols.perStepStateful().post().figure() + ".",
                "![C](charts/experiment-C-seed-42.svg)", "## stateless windows: accuracy against window length",
                "| 10 | 0.5000 | 0.5375 | 0.5125 | 0.5455 | 12.5 |", "![window-length](charts/window-length.svg)")) {
            assertTrue(md.contains(expected), () -> "README.md lacks \"" + expected + "\":\n" + md);
        }
        String timeToLearn = md.substring(md.indexOf("### Time to"), md.indexOf("## C."));
        assertFalse(timeToLearn.contains("| E |"), "E never learned, so it has no time-to-learn row:\n" + timeToLearn);
        RunReport neverLearned = new RunReport("x", HERE, List.of(run().experiments().get(2)), List.of(), 1);
        assertFalse(MarkdownReport.render(neverLearned, "charts").contains("Time to"),
                "no run learned: no time-to-learn section");
    }

    @Test
    void aBatchOneRunIsComparedWithBatchedRunsOnlyNeverWithItself() {
        ExperimentResult c = run().experiments().get(0);
        String alone = MarkdownReport.render(new RunReport("x", HERE, List.of(c), List.of(), 1), "charts");
        assertTrue(alone.contains("| C | " + c.protocol().title() + " | 2 |"),
                "C learned, so it has its row:\n" + alone);
        assertFalse(alone.contains("reaches it in"), "no batched run beside C: nothing to compare\n" + alone);
    }

    @Test
    void resultsJsonListsHowASetupDiffersFromThePostsAndWhetherItCompares() throws IOException {
        Protocol c = PostProtocols.perStepStateful();
        Protocol longer = c.withEpochs(3).withTask(c.task().withFraction(0.25));
        RunReport report = new RunReport("x", HERE, List.of(result(c, true,
                new double[] {0.995}, 1), result(longer, true, new double[] {0.995}, 1)), List.of(), 1);
        JsonNode experiments = new ObjectMapper().readTree(ResultsJson.render(report)).get("experiments");
        assertTrue(experiments.get(0).get("comparableToThePost").asBoolean(), "the post's own setup compares");
        assertEquals(0, experiments.get(0).get("differencesFromThePost").size());
        assertFalse(experiments.get(1).get("comparableToThePost").asBoolean());
        List<String> listed = new java.util.ArrayList<>();
        experiments.get(1).get("differencesFromThePost").forEach(d -> listed.add(d.asText()));
        assertEquals(List.of("fraction of ones = 0.25, not 0.5", "epochs = 3, not 2"), listed);
        assertEquals(longer.differencesFromThePost(), listed, "as the protocol states them");
    }

    @Test
    @Claim("REPORT-1")
    void resultsJsonHoldsEveryRecordedFigureAndNullWhereThePostShowsNone() throws IOException {
        JsonNode json = new ObjectMapper().readTree(ResultsJson.render(run()));
        assertEquals(ResultsJson.SCHEMA, json.get("schema").asText());
        assertEquals("mvn exec:java -Dexec.args=--help", json.get("command").asText());
        assertEquals(42.25, json.get("seconds").asDouble(), 0);
        assertEquals("Java 17", json.get("environment").get("java").asText());
        assertEquals("Linux amd64", json.get("environment").get("os").asText());
        assertEquals(2, json.get("environment").get("cores").asInt());
        assertEquals("1.0.0-M2.1", json.get("environment").get("dl4j").asText());
        JsonNode c = json.get("experiments").get(0);
        Protocol protocol = PostProtocols.perStepStateful();
        assertEquals("C", c.get("id").asText());
        assertEquals(protocol.title(), c.get("title").asText());
        assertEquals("reference", c.get("engine").asText());
        assertEquals(protocol.post().figure(), c.get("postFigure").asText());
        assertEquals(1.0, c.get("postValidationAccuracy").asDouble(), 0);
        JsonNode settings = c.get("settings");
        assertEquals(protocol.task().sequences(), settings.get("sequences").asInt());
        assertEquals(protocol.task().length(), settings.get("length").asInt());
        assertEquals(protocol.task().trainingSequences(), settings.get("trainingSequences").asInt());
        assertEquals(protocol.task().fraction(), settings.get("fractionOfOnes").asDouble(), 0);
        assertEquals(protocol.task().seed(), settings.get("seed").asLong());
        assertEquals("PER_STEP_STATEFUL", settings.get("layout").asText());
        assertEquals(protocol.layout().window(), settings.get("window").asInt());
        assertEquals(protocol.layout().stride(), settings.get("stride").asInt());
        assertEquals(protocol.layout().batchSize(), settings.get("batchSize").asInt());
        assertEquals(protocol.model().lstm().units(), settings.get("units").asInt());
        assertEquals("SIGMOID", settings.get("gateActivation").asText());
        assertEquals(protocol.model().adam().learningRate(), settings.get("learningRate").asDouble(), 0);
        assertEquals(protocol.epochs(), settings.get("epochs").asInt());
        assertEquals(999, c.get("ceiling").get("training").get("reachable").asLong());
        assertEquals(1000, c.get("ceiling").get("training").get("samples").asLong());
        assertEquals(0.999, c.get("ceiling").get("training").get("value").asDouble(), 0);
        assertEquals(0.995, c.get("ceiling").get("validation").get("value").asDouble(), 0);
        JsonNode second = c.get("epochs").get(1);
        assertEquals(2, second.get("epoch").asInt());
        assertEquals(0.375, second.get("onTheFly").get("loss").asDouble(), 0);
        assertEquals(0.975, second.get("onTheFly").get("accuracy").asDouble(), 0);
        assertEquals(1000, second.get("onTheFly").get("samples").asLong());
        assertEquals(0.25, second.get("training").get("loss").asDouble(), 0);
        assertEquals(0.995, second.get("validation").get("accuracy").asDouble(), 0);
        assertEquals(200, second.get("validation").get("samples").asLong());
        assertEquals(3.0, second.get("trainingSeconds").asDouble(), 0);
        assertEquals(7.0, c.get("seconds").asDouble(), 0);
        assertTrue(c.get("complete").asBoolean());
        JsonNode e = json.get("experiments").get(2);
        assertTrue(e.get("postValidationAccuracy").isNull(), "the post shows no figure for E: null, not NaN");
        assertFalse(e.get("complete").asBoolean());
        JsonNode point = json.get("sweeps").get(0);
        assertEquals("window-length", point.get("id").asText());
        assertEquals("stateless windows: accuracy against window length", point.get("title").asText());
        assertEquals("window length", point.get("parameter").asText());
        JsonNode p = point.get("points").get(0);
        assertEquals(10, p.get("value").asInt());
        assertEquals(0.5455, p.get("trainingCeiling").asDouble(), 0);
        assertEquals(0.5375, p.get("validationCeiling").asDouble(), 0);
        assertEquals(0.5125, p.get("trainingAccuracy").asDouble(), 0);
        assertEquals(0.5, p.get("validationAccuracy").asDouble(), 0);
        assertEquals(12.5, p.get("seconds").asDouble(), 0);
    }

    @Test
    @Claim("REPORT-1")
    void theFolderHoldsEveryFileAndNoTemporaryOne(@TempDir Path folder) throws IOException {
        ReportWriter.write(run(), folder);
        for (String file : List.of("README.md", "results.json", "results.schema.json", "charts/overview.svg",
                "charts/overview.png", "charts/experiment-C-seed-42.svg", "charts/experiment-C10-seed-42.png",
                "charts/experiment-E-seed-42.svg", "charts/window-length.svg", "charts/window-length.png")) {
            assertTrue(Files.size(folder.resolve(file)) > 0, file + " was not written");
        }
        assertEquals(ResultsJson.render(run()), Files.readString(folder.resolve("results.json")));
        assertEquals(MarkdownReport.render(run(), ReportWriter.CHARTS), Files.readString(folder.resolve("README.md")));
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
        ReportWriter.write(run(), folder);
        assertFalse(ImageIO.getUseCache(), "PNG output is cached in memory, not in a temporary file");
    }

    @Test
    @Claim("REPORT-1")
    void aWriteThatFailsHalfWayLeavesThePreviousFileAndNoTemporaryOne(@TempDir Path folder) throws IOException {
        Path target = folder.resolve("results.json");
        ReportFiles.writeString(target, "previous");
        assertThrows(IOException.class, () -> ReportFiles.write(target, out -> {
            out.write("half".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            throw new IOException("stopped half-way");
        }));
        assertEquals("previous", Files.readString(target));
        try (var files = Files.list(folder)) {
            assertEquals(List.of(target), files.toList(), "only the target is left");
        }
    }
}
