package io.github.statefullstm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.statefullstm.cli.MainInThisJvm.Outcome;
import io.github.statefullstm.experiment.Layout;
import io.github.statefullstm.experiment.PostProtocols;
import io.github.statefullstm.experiment.Protocol;
import io.github.statefullstm.sequence.InformationCeiling;
import io.github.statefullstm.spec.Claim;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("The main job's command line")
class MainTest {

    /** picocli's exit code for a usage error; the README and --help promise it. */
    private static final int BAD_OPTION = 2;

    private static Outcome run(String... args) {
        return MainInThisJvm.run(args);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "--epochs      | 0      | --epochs = 0: must be >= 1",
        "--length      | 0      | --length = 0: must be >= 1",
        "--window      | 0      | --window = 0: must be in [1, T = 20]",
        "--window      | 21     | --window = 21: must be in [1, T = 20]",
        "--batch-size  | 0      | --batch-size = 0: must be >= 1",
        "--jobs        | 0      | --jobs = 0: must be >= 1",
        "--batch-size  | 7      | sample count = 11000: must be a multiple of the batch size 7",
        "--experiments | H      | --experiments = H: each must be one of [A, B, C, C10, D, E, F, FLEAK, G, GCUT]",
        "--engine      | keras  | --engine = keras: must be one of [dl4j, reference]",
        "--seeds       | x      | Invalid value for option '--seeds'",
        "--epochs      | many   | Invalid value for option '--epochs'",
        "--sequences   | 1      | --sequences = 1: must be >= 2",
        "--sequences   | 900    | --sequences = 900: must be more than the 1000 training sequences",
        "--training    | 1300   | --training = 1300: must be in [1, sequences - 1 = 1199]",
        "--fraction    | 1.5    | --fraction = 1.5: must be in (0, 1)",
        "--fraction    | 0.001  | zeros; each split must hold both targets",
        "--units       | 0      | --units = 0: must be >= 1",
        "--cell        | elman  | --cell = elman: must be one of [lstm, gru]",
        "--layers      | 0      | --layers = 0: must be >= 1",
        "--length      | 2147483647 | more than this JVM can get"})
    @Claim("CLI-1")
    void aBadOptionExitsWithTwoAndNamesTheOptionTheValueAndTheRule(String option, String value, String message) {
        Outcome outcome = run(option, value, "--no-sweeps");
        assertEquals(BAD_OPTION, outcome.exitCode(), outcome.err());
        assertTrue(outcome.err().contains(message), () -> "message should contain \"" + message + "\": " + outcome.err());
    }

    @Test
    @Claim("CLI-1")
    void aWindowIsCheckedEvenWhenNoChosenExperimentCutsWindows() {
        Outcome outcome = run("--experiments", "C,D", "--window", "21", "--no-sweeps");
        assertEquals(BAD_OPTION, outcome.exitCode(), outcome.err());
        assertTrue(outcome.err().contains("--window = 21: must be in [1, T = 20]"), outcome.err());
    }

    @Test
    @Claim("CLI-1")
    void anOutputFolderThatCannotBeWrittenIsRefusedBeforeAnyWork(@TempDir Path folder) throws Exception {
        Path file = Files.writeString(folder.resolve("a-file"), "not a folder");
        long started = System.nanoTime();
        Outcome outcome = run("--engine", "reference", "--output", file.toString());
        assertEquals(BAD_OPTION, outcome.exitCode(), outcome.err());
        assertTrue(outcome.err().contains("--output = " + file + ": must be a folder this run can write"),
                outcome.err());
        assertTrue(outcome.out().isEmpty(), "nothing ran: " + outcome.out());
        assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(EXIT_WITHIN_SECONDS), "refused at once");
    }

    @Test
    @Claim("CLI-1")
    void anUnknownOptionExitsWithTwo() {
        Outcome outcome = run("--speed", "fast");
        assertEquals(BAD_OPTION, outcome.exitCode());
        assertTrue(outcome.err().contains("Unknown option") && outcome.err().contains("'--speed'"), outcome.err());
    }

    @Test
    @Claim("CLI-2")
    void helpListsEveryOptionAndTheExitCodes() {
        Outcome outcome = run("--help");
        assertEquals(0, outcome.exitCode());
        for (String option : new String[] {"--experiments", "--epochs", "--seeds", "--length", "--window",
            "--batch-size", "--cell", "--layers", "--engine", "--output", "--jobs", "--[no-]sweeps", "Exit codes:"}) {
            assertTrue(outcome.out().contains(option), () -> option + " missing from --help:\n" + outcome.out());
        }
    }

    @Test
    @Claim({"CLI-3", "REPORT-1"})
    void aRunWritesTheReportTheChartsAndJsonThatFollowsTheSchema(@TempDir Path folder) throws Exception {
        Outcome outcome = run("--engine", "reference", "--experiments", "C,D", "--epochs", "1", "--no-sweeps",
                "--output", folder.toString());
        assertEquals(0, outcome.exitCode(), outcome.err());
        for (String file : new String[] {"README.md", "results.json", "results.schema.json", "charts/overview.svg",
            "charts/overview.png", "charts/experiment-C-seed-42.svg", "charts/experiment-D-seed-42.png"}) {
            assertTrue(Files.size(folder.resolve(file)) > 0, file + " was not written");
        }
        ObjectMapper json = new ObjectMapper();
        JsonNode results = json.readTree(folder.resolve("results.json").toFile());
        JsonNode schema = json.readTree(folder.resolve("results.schema.json").toFile());
        assertEquals(schema.get("properties").get("schema").get("const").asText(), results.get("schema").asText());
        schema.get("required").forEach(field -> assertTrue(results.has(field.asText()), "results.json lacks " + field));
        JsonNode experiment = results.get("experiments").get(0);
        schema.get("$defs").get("experiment").get("required").forEach(field ->
                assertTrue(experiment.has(field.asText()), "an experiment lacks " + field));
        assertEquals(2, results.get("experiments").size());
        String readme = Files.readString(folder.resolve("README.md"));
        assertTrue(readme.contains("| C | one step at a time, stateful"), readme);
        assertTrue(Files.list(folder).noneMatch(f -> f.getFileName().toString().endsWith(".partial")),
                "no temporary file is left behind");
    }

    @Test
    @Claim({"CLI-3", "SHAPE-5"})
    void aRunOfStackedGruLayersSaysSoInItsReportAndItsJson(@TempDir Path folder) throws Exception {
        Outcome outcome = run("--engine", "reference", "--experiments", "C", "--cell", "GRU", "--layers", "2",
                "--sequences", "120", "--training", "100", "--epochs", "1", "--no-sweeps", "--output", folder.toString());
        assertEquals(0, outcome.exitCode(), outcome.err());
        JsonNode settings = new ObjectMapper().readTree(folder.resolve("results.json").toFile()).get("experiments")
                .get(0).get("settings");
        assertEquals("gru", settings.get("cell").asText());
        assertEquals(2, settings.get("layers").asInt());
        String readme = Files.readString(folder.resolve("README.md"));
        assertTrue(readme.contains("GRU(10) -> GRU(10) -> Dense(1, sigmoid)"), readme);
        assertTrue(readme.contains("cell = gru, not lstm") && readme.contains("layers = 2, not 1"), readme);
    }

    @Test
    @Claim({"CLI-3", "EXP-12"})
    void fWithAndWithoutPerRowResetsRunsAndReportsTheExactCeilingOfEachLayout(@TempDir Path folder) throws Exception {
        Outcome outcome = run("--engine", "reference", "--experiments", "f,fleak", "--sequences", "120", "--training",
                "100", "--epochs", "1", "--no-sweeps", "--output", folder.toString());
        assertEquals(0, outcome.exitCode(), outcome.err());
        JsonNode experiments = new ObjectMapper().readTree(folder.resolve("results.json").toFile()).get("experiments");
        assertEquals(2, experiments.size());
        String readme = Files.readString(folder.resolve("README.md"));
        int i = 0;
        for (Protocol post : List.of(PostProtocols.sessionParallel(), PostProtocols.sessionParallelWithoutRowResets())) {
            Protocol run = post.withTask(post.task().withSize(120, post.task().length(), 100));
            Layout.Splits splits = run.layout().prepare(run.task());
            JsonNode experiment = experiments.get(i++);
            assertEquals(post.id(), experiment.get("id").asText());
            assertEquals(InformationCeiling.of(splits.training().samples(), splits.training().training()).value(),
                    experiment.get("ceiling").get("training").get("value").asDouble(), 0, post.id());
            assertEquals(InformationCeiling.of(splits.validation().samples(), splits.validation().training()).value(),
                    experiment.get("ceiling").get("validation").get("value").asDouble(), 0, post.id());
            assertTrue(readme.contains("| " + post.id() + " | " + post.title() + ", reference |"), readme);
            assertTrue(Files.size(folder.resolve("charts/experiment-" + post.id() + "-seed-42.svg")) > 0, post.id());
        }
    }

    @Test
    @Claim({"CLI-3", "EXP-13"})
    void gWithAndWithoutItsStateRunsAndReportsTheCeilingOfItsAnswersEveryPeriod(@TempDir Path folder)
            throws Exception {
        Outcome outcome = run("--engine", "reference", "--experiments", "g,gcut", "--sequences", "120", "--training",
                "100", "--epochs", "1", "--target-period", "5", "--no-sweeps", "--output", folder.toString());
        assertEquals(0, outcome.exitCode(), outcome.err());
        JsonNode experiments = new ObjectMapper().readTree(folder.resolve("results.json").toFile()).get("experiments");
        assertEquals(2, experiments.size());
        String readme = Files.readString(folder.resolve("README.md"));
        int i = 0;
        for (Protocol post : List.of(PostProtocols.targetsAtIntervals(), PostProtocols.targetsAtIntervalsStateless())) {
            Protocol run = post.withTask(post.task().withSize(120, post.task().length(), 100))
                    .withLayout(post.layout().withTargetPeriod(5));
            Layout.Splits splits = run.layout().prepare(run.task());
            JsonNode experiment = experiments.get(i++);
            assertEquals(post.id(), experiment.get("id").asText());
            assertEquals(5, experiment.get("settings").get("targetPeriod").asInt());
            InformationCeiling.Ceiling validation = InformationCeiling.of(splits.validation().samples(),
                    splits.validation().training());
            assertEquals(20 * 4, validation.samples(), "four answers for each of 20 validation sequences");
            assertEquals(validation.value(), experiment.get("ceiling").get("validation").get("value").asDouble(), 0,
                    post.id());
            assertEquals(validation.samples(), experiment.get("epochs").get(0).get("validation").get("samples")
                    .asLong(), "the frozen score counts the answers the ceiling counts");
            assertTrue(readme.contains("| " + post.id() + " | " + run.title() + ", reference |"), readme);
            assertTrue(run.title().endsWith("a target every 5 steps"), run.title());
            assertTrue(Files.size(folder.resolve("charts/experiment-" + post.id() + "-seed-42.svg")) > 0, post.id());
        }
        assertTrue(readme.contains("### A target every 5 steps, seed 42"), readme);
    }

    @Test
    @Claim({"CLI-1", "EXP-13"})
    void aTargetPeriodThatDoesNotDivideTIsRefusedBeforeAnyWork() {
        Outcome outcome = run("--experiments", "G", "--target-period", "7", "--no-sweeps");
        assertEquals(BAD_OPTION, outcome.exitCode(), outcome.err());
        assertTrue(outcome.err().contains("--target-period = 7: must be >= 1 and divide T = 20"), outcome.err());
        assertTrue(outcome.out().isEmpty(), "nothing ran: " + outcome.out());
    }

    @Test
    @Claim({"CLI-1", "EXP-12"})
    void fWithMoreRowsThanItsValidationSequencesIsRefusedBeforeAnyWork() {
        Outcome outcome = run("--experiments", "F", "--batch-size", "300", "--no-sweeps");
        assertEquals(BAD_OPTION, outcome.exitCode(), outcome.err());
        assertTrue(outcome.err().contains("experiment F with the task options as given: sequences = 200: must be at "
                + "least the batch size 300: every row starts with a sequence of its own"), outcome.err());
        assertTrue(outcome.out().isEmpty(), "nothing ran: " + outcome.out());
    }

    /**
     * A hang guard, not a speed check: the bound is far above the second or two the JVM needs, and far below the
     * hook's 60 s wait that the claim rules out.
     */
    private static final long EXIT_WITHIN_SECONDS = 30;

    @Test
    @Claim("CLI-4")
    void theProcessEndsAsSoonAsTheRunDoes() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "--help").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        boolean ended = process.waitFor(EXIT_WITHIN_SECONDS, TimeUnit.SECONDS);
        process.destroyForcibly();
        assertTrue(ended, "Main --help was still running after " + EXIT_WITHIN_SECONDS + " s");
        assertEquals(0, process.exitValue());
    }
}
