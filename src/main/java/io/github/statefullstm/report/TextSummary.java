package io.github.statefullstm.report;

import io.github.statefullstm.experiment.EpochRecord;
import io.github.statefullstm.experiment.ExperimentResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The run's results as a plain text table with aligned columns, for the end of the main job: a Markdown table with
 * long cells wraps into an unreadable block on a terminal. The long text (the run's title) comes last.
 */
final class TextSummary {

    private static final List<String> HEADER = List.of("", "validation", "training", "on the fly",
            "ceiling val / train", "epochs", "seconds", "run");
    private static final String GAP = "  ";

    private TextSummary() {
    }

    static String table(RunReport report) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADER);
        for (ExperimentResult result : report.experiments()) {
            EpochRecord last = result.last();
            rows.add(List.of(result.protocol().id(), accuracy(last.validation().accuracy()),
                    accuracy(last.training().accuracy()), accuracy(last.onTheFly().accuracy()),
                    accuracy(result.validationCeiling().value()) + " / " + accuracy(result.trainingCeiling().value()),
                    last.epoch() + (result.complete() ? "" : " (stopped)"),
                    String.format(Locale.ROOT, "%.1f", result.seconds()),
                    result.protocol().title() + ", seed " + result.protocol().task().seed() + ", " + result.engine()));
        }
        int[] widths = new int[HEADER.size()];
        for (List<String> row : rows) {
            for (int c = 0; c < row.size(); c++) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        StringBuilder text = new StringBuilder();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < row.size(); c++) {
                boolean lastColumn = c == row.size() - 1;
                String cell = row.get(c);
                line.append(lastColumn ? cell : pad(cell, widths[c], c > 0)).append(lastColumn ? "" : GAP);
            }
            text.append(line.toString().stripTrailing()).append('\n');
        }
        text.append("validation, training: the frozen model at the last epoch; on the fly: Keras' running average.\n");
        return text.toString();
    }

    private static String accuracy(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }

    /** Figures align right, the ID left. */
    private static String pad(String cell, int width, boolean right) {
        String fill = " ".repeat(width - cell.length());
        return right ? fill + cell : cell + fill;
    }
}
