package io.github.statefullstm.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.statefullstm.spec.Claim;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The closing summary on the terminal: a plain text table whose columns align, the run's title last. */
class ClosingSummaryTest {

    private static final RunReport RUN = HandMadeRun.report();

    @Test
    @Claim("CLI-6")
    void theClosingSummaryIsATextTableWhoseColumnsAlign() {
        List<String> lines = ReportWriter.summaryTable(RUN).lines().toList();
        List<String> rows = lines.subList(0, RUN.experiments().size() + 1);
        int runColumn = rows.get(0).indexOf("run");
        for (String row : rows.subList(1, rows.size())) {
            String id = row.substring(0, row.indexOf(' '));
            String title = RUN.experiments().stream().filter(r -> r.protocol().id().equals(id)).findFirst()
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
        List<String> lines = ReportWriter.summaryTable(RUN).lines().toList();
        assertEquals(List.of("validation", "training", "on the fly", "ceiling val / train", "epochs", "seconds", "run"),
                List.of(lines.get(0).strip().split(" {2,}")), "the headings, each apart: " + lines.get(0));
        for (String row : lines.subList(1, RUN.experiments().size() + 1)) {
            assertEquals(8, row.split(" {2,}").length, "an ID and seven cells, each apart: " + row);
        }
    }
}
