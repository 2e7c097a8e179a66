package io.github.statefullstm.kata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.statefullstm.spec.Claim;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A step's time limit is far above what the step takes: read from the step-times benchmark's report, measured on a
 * quiet machine, not timed here, where another build sharing the machine would make a correct step look slow.
 */
@DisplayName("The kata's step limits against the measured step times")
class KataStepTimesReportTest {

    /** A row of the report's table: the step's label and title, its limit, its slowest round, their ratio. */
    private static final Pattern ROW = Pattern.compile(
            "^\\| (step \\d+ of \\d+) (.+) \\| (\\d+) s \\| ([0-9.]+) s \\| \\d+ \\|$");

    private record Row(String label, String title, long limitSeconds, double slowestSeconds) {
    }

    @Test
    @Claim("KATA-9")
    void theReportNamesEveryStepWithTheLimitTheKataGivesIt() throws IOException {
        List<String> expected = new ArrayList<>();
        for (KataPath.Step step : KataPath.steps()) {
            expected.add(step.label() + " " + step.title() + ", limit " + step.limit().toSeconds() + " s");
        }
        List<String> reported = rows().stream()
                .map(row -> row.label() + " " + row.title() + ", limit " + row.limitSeconds() + " s").toList();
        assertEquals(expected, reported, KataStepTimesBenchmark.REPORT + " is out of step with the kata's path:"
                + " rerun io.github.statefullstm.kata.KataStepTimesBenchmark");
    }

    @Test
    @Claim("KATA-9")
    void everyStepsLimitIsAtLeastFiveTimesItsSlowestMeasuredRun() throws IOException {
        List<Row> rows = rows();
        assertTrue(!rows.isEmpty(), "no step in " + KataStepTimesBenchmark.REPORT);
        for (Row row : rows) {
            assertTrue(row.slowestSeconds() * KataPath.LIMIT_MARGIN <= row.limitSeconds(), String.format(Locale.ROOT,
                    "%s took %.2f s at its slowest, over a fifth of its %d s limit: a slow machine's correct step could"
                            + " be stopped as a runaway", row.label(), row.slowestSeconds(), row.limitSeconds()));
        }
    }

    private static List<Row> rows() throws IOException {
        List<Row> rows = new ArrayList<>();
        for (String line : Files.readAllLines(KataStepTimesBenchmark.REPORT)) {
            Matcher row = ROW.matcher(line);
            if (row.matches()) {
                rows.add(new Row(row.group(1), row.group(2), Long.parseLong(row.group(3)),
                        Double.parseDouble(row.group(4))));
            }
        }
        return rows;
    }
}
