package io.github.statefullstm.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.statefullstm.experiment.PostProtocols;
import io.github.statefullstm.experiment.Protocol;
import io.github.statefullstm.spec.Claim;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code results.json} holds every figure of a hand-made run as it was recorded, null where the post shows none, and
 * says how a setup differs from the post's.
 */
class ResultsJsonTest {

    private static final Environment HERE = HandMadeRun.HERE;
    private static final RunReport RUN = HandMadeRun.report();

    @Test
    void resultsJsonListsHowASetupDiffersFromThePostsAndWhetherItCompares() throws IOException {
        Protocol c = PostProtocols.perStepStateful();
        Protocol longer = c.withEpochs(3).withTask(c.task().withFraction(0.25));
        RunReport report = new RunReport("x", HERE, List.of(HandMadeRun.result(c, true,
                new double[] {0.995}, 1), HandMadeRun.result(longer, true, new double[] {0.995}, 1)), List.of(), 1);
        JsonNode experiments = new ObjectMapper().readTree(ResultsJson.render(report)).get("experiments");
        assertTrue(experiments.get(0).get("comparableToThePost").asBoolean(), "the post's own setup compares");
        assertEquals(0, experiments.get(0).get("differencesFromThePost").size());
        assertFalse(experiments.get(1).get("comparableToThePost").asBoolean());
        List<String> listed = new ArrayList<>();
        experiments.get(1).get("differencesFromThePost").forEach(d -> listed.add(d.asText()));
        assertEquals(List.of("fraction of ones = 0.25, not 0.5", "epochs = 3, not 2"), listed);
        assertEquals(longer.differencesFromThePost(), listed, "as the protocol states them");
    }

    @Test
    @Claim("REPORT-1")
    void resultsJsonHoldsEveryRecordedFigureAndNullWhereThePostShowsNone() throws IOException {
        JsonNode json = new ObjectMapper().readTree(ResultsJson.render(RUN));
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
        assertEquals(protocol.task().shortest(), settings.get("shortest").asInt());
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
    @Claim("EXP-12")
    void fsRunsCarryTheirLengthsLayoutsCeilingsAndThePostsWordThatItNeverRanThem() throws IOException {
        JsonNode experiments = new ObjectMapper().readTree(ResultsJson.render(MarkdownReportTest
                .sessionParallelRun())).get("experiments");
        List<Protocol> protocols = List.of(PostProtocols.sessionParallel(),
                PostProtocols.sessionParallelWithoutRowResets());
        for (int i = 0; i < protocols.size(); i++) {
            Protocol protocol = protocols.get(i);
            JsonNode f = experiments.get(i);
            assertEquals(protocol.id(), f.get("id").asText());
            assertEquals(protocol.post().figure(), f.get("postFigure").asText());
            assertTrue(f.get("postValidationAccuracy").isNull(), "the post shows no figure for " + protocol.id());
            JsonNode settings = f.get("settings");
            assertEquals(10, settings.get("shortest").asInt(), "F's sequences have 10 to 30 steps");
            assertEquals(30, settings.get("length").asInt());
            assertEquals(protocol.layout().kind().name(), settings.get("layout").asText());
            assertEquals(10, settings.get("batchSize").asInt());
        }
        assertEquals("SESSION_PARALLEL_WITHOUT_ROW_RESETS", experiments.get(1).get("settings").get("layout").asText());
        JsonNode leak = experiments.get(1).get("ceiling");
        assertEquals(2997, leak.get("training").get("reachable").asLong());
        assertEquals(0.999, leak.get("training").get("value").asDouble(), 0);
        assertEquals(597, leak.get("validation").get("reachable").asLong());
        assertEquals(600, leak.get("validation").get("samples").asLong());
        assertEquals(0.995, leak.get("validation").get("value").asDouble(), 0);
        assertEquals(1.0, experiments.get(0).get("ceiling").get("validation").get("value").asDouble(), 0);
    }

    @Test
    @Claim("EXP-13")
    void gsRunsCarryTheirTargetPeriodCeilingsOverAnswersAndThePostsSentence() throws IOException {
        JsonNode experiments = new ObjectMapper().readTree(ResultsJson.render(MarkdownReportTest
                .targetsAtIntervalsRun())).get("experiments");
        List<Protocol> protocols = List.of(PostProtocols.targetsAtIntervals(),
                PostProtocols.targetsAtIntervalsStateless());
        for (int i = 0; i < protocols.size(); i++) {
            Protocol protocol = protocols.get(i);
            JsonNode g = experiments.get(i);
            assertEquals(protocol.id(), g.get("id").asText());
            assertEquals(protocol.post().figure(), g.get("postFigure").asText());
            assertTrue(g.get("postValidationAccuracy").isNull(), "the post shows no figure for " + protocol.id());
            JsonNode settings = g.get("settings");
            assertEquals(10, settings.get("targetPeriod").asInt(), "a target every 10 steps");
            assertEquals(10, settings.get("window").asInt(), "chunks of 10");
            assertEquals(protocol.layout().kind().name(), settings.get("layout").asText());
        }
        assertEquals("CHUNKS_STATELESS", experiments.get(1).get("settings").get("layout").asText());
        JsonNode cut = experiments.get(1).get("ceiling");
        assertEquals(302, cut.get("validation").get("reachable").asLong());
        assertEquals(400, cut.get("validation").get("samples").asLong(), "two answers for each of 200 sequences");
        assertEquals(0.755, cut.get("validation").get("value").asDouble(), 0);
        JsonNode others = new ObjectMapper().readTree(ResultsJson.render(RUN)).get("experiments");
        others.forEach(e -> assertFalse(e.get("settings").has("targetPeriod"),
                "a run answering at each sample's last step sets no period: " + e.get("id")));
    }

    @Test
    void aProtocolThePostNeverRanQuotesNothingOfThePost() throws IOException {
        Protocol c = PostProtocols.perStepStateful();
        Protocol ours = new Protocol("X", c.task(), c.layout(), c.model(), c.epochs());
        RunReport report = new RunReport("x", HERE, List.of(HandMadeRun.result(ours, true,
                new double[] {0.995}, 1)), List.of(), 1);
        JsonNode x = new ObjectMapper().readTree(ResultsJson.render(report)).get("experiments").get(0);
        assertEquals("", x.get("postFigure").asText());
        assertTrue(x.get("postValidationAccuracy").isNull(), "no figure of the post: null");
        assertFalse(x.get("comparableToThePost").asBoolean());
    }
}
