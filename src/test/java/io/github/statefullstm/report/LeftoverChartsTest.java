package io.github.statefullstm.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

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
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A report folder holds its own run's charts only: a chart an earlier run drew that the new README does not name is
 * removed, so it cannot pass for this run's, and nothing the report writer does not make is touched.
 */
class LeftoverChartsTest {

    private static final Environment HERE = new Environment("Java 17", "Linux amd64", 2, "1.0.0-M2.1");

    /** One epoch of the experiment with the seed; the figures do not matter here, only which charts are drawn. */
    private static ExperimentResult result(Protocol protocol, long seed) {
        Score score = new Score(0.5, 0.75, 10);
        return new ExperimentResult(protocol.withSeed(seed), "reference", new InformationCeiling.Ceiling(9, 10),
                new InformationCeiling.Ceiling(9, 10), List.of(new EpochRecord(1, score, score, score, 1, null)), 1,
                true, null);
    }

    /** The issue's earlier run: C and D with seed 1, and a sweep. */
    private static RunReport earlierRun() {
        Sweep sweep = new Sweep("window-length", "stateless windows: accuracy against window length", "window length",
                List.of(new Sweep.Point(10, 0.5455, 0.5375, 0.5125, 0.5, 12.5)));
        return new RunReport("earlier", HERE, List.of(result(PostProtocols.perStepStateful(), 1),
                result(PostProtocols.perStepStateless(), 1)), List.of(sweep), 2);
    }

    /** The run after it, with other settings: C alone with seed 2, no sweep. */
    private static RunReport laterRun() {
        return new RunReport("later", HERE, List.of(result(PostProtocols.perStepStateful(), 2)), List.of(), 1);
    }

    private static final Pattern CHART_LINK = Pattern.compile("\\]\\(" + ReportWriter.CHARTS + "/([^)]+)\\.svg\\)");

    @Test
    @Claim("REPORT-4")
    void aNewRunLeavesOnlyTheChartsItsReadmeNames(@TempDir Path folder) throws IOException {
        ReportWriter.write(earlierRun(), folder);
        ReportWriter.write(laterRun(), folder);
        Set<String> named = chartsNamedIn(Files.readString(folder.resolve("README.md")));
        assertEquals(Set.of(MarkdownReport.OVERVIEW, "experiment-C-seed-2"), named, "what the README names");
        Set<String> drawn = named.stream().flatMap(name -> Stream.of(name + ".svg", name + ".png"))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(drawn, namesIn(folder.resolve(ReportWriter.CHARTS)), "the charts folder holds those, each "
                + "as SVG and PNG, and no chart of the earlier run");
        assertEquals(Set.of("README.md", "results.json", "results.schema.json", ReportWriter.CHARTS), namesIn(folder));
        assertEquals(ResultsJson.render(laterRun()), Files.readString(folder.resolve("results.json")));
    }

    @Test
    @Claim("REPORT-4")
    void whatTheWriterDoesNotMakeIsKept(@TempDir Path folder) throws IOException {
        ReportWriter.write(earlierRun(), folder);
        Map<String, String> others = Map.of("notes.md", "the reader's notes", "main-job.log", "the job's log",
                ".main-job.lock", "pid=1", "charts/notes.txt", "beside the charts", "charts/drafts/sketch.svg",
                "<svg/>", "charts/sketch.svg.txt", "not a chart");
        for (Map.Entry<String, String> file : others.entrySet()) {
            Files.createDirectories(folder.resolve(file.getKey()).getParent());
            Files.writeString(folder.resolve(file.getKey()), file.getValue());
        }
        ReportWriter.write(laterRun(), folder);
        for (Map.Entry<String, String> file : others.entrySet()) {
            assertEquals(file.getValue(), Files.readString(folder.resolve(file.getKey())), file.getKey());
        }
        assertFalse(Files.exists(folder.resolve("charts/experiment-D-seed-1.svg")), "the earlier run's chart");
    }

    @Test
    @Claim("REPORT-4")
    void aReportOfNoFinishedExperimentNamesNoChartAndKeepsNone(@TempDir Path folder) throws IOException {
        ReportWriter.write(earlierRun(), folder);
        ReportWriter.write(new RunReport("stopped at once", HERE, List.of(), List.of(), 0.5), folder);
        assertEquals(Set.of(), chartsNamedIn(Files.readString(folder.resolve("README.md"))), "no overview of nothing");
        assertEquals(Set.of(), namesIn(folder.resolve(ReportWriter.CHARTS)));
    }

    private static Set<String> chartsNamedIn(String readme) {
        Set<String> names = new TreeSet<>();
        Matcher link = CHART_LINK.matcher(readme);
        while (link.find()) {
            names.add(link.group(1));
        }
        return names;
    }

    private static Set<String> namesIn(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }
}
