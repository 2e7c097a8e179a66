package io.github.statefullstm.report;

import io.github.statefullstm.experiment.EpochRecord;
import io.github.statefullstm.experiment.ExperimentResult;
import io.github.statefullstm.experiment.Layout;
import io.github.statefullstm.experiment.LayoutSpec;
import io.github.statefullstm.experiment.PostProtocols;
import io.github.statefullstm.experiment.Protocol;
import io.github.statefullstm.experiment.Sweep;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code reports/README.md}: the post's figures beside ours, then one chart per experiment and per sweep. */
final class MarkdownReport {

    /** The chart of every experiment's last validation accuracy; drawn only when an experiment finished. */
    static final String OVERVIEW = "overview";

    private MarkdownReport() {
    }

    static String render(RunReport report, String chartsFolder) {
        StringBuilder md = new StringBuilder();
        md.append("# The post's experiments, reproduced\n\n");
        md.append("Produced by `").append(report.command()).append("` on ").append(report.environment().java())
                .append(", ").append(report.environment().os()).append(", ").append(report.environment().cores())
                .append(" cores, DL4J ").append(report.environment().dl4jVersion()).append(", in ")
                .append(seconds(report.seconds())).append(" s. Every figure below is in `results.json` ")
                .append("(layout: `results.schema.json`).\n\n");
        md.append(table(report)).append('\n');
        md.append("*Frozen*: the model as it stands at the end of the last epoch, scored on the whole split. ")
                .append("*On the fly*: Keras' running average over the last epoch while the weights moved, which ")
                .append("is what the post's logs print. *Ceiling*: the best accuracy any model can reach with what ")
                .append("the layout lets it see (see `specs/information-ceiling.md`); a frozen model cannot beat it, ")
                .append("a running average can.\n\n");
        if (!report.experiments().isEmpty()) {
            md.append("![every experiment](").append(chartsFolder).append('/').append(OVERVIEW).append(".svg)\n\n");
        }
        md.append(timeToLearn(report));
        md.append(perRowResets(report));
        md.append(targetsAtIntervals(report));
        for (ExperimentResult result : report.experiments()) {
            Protocol protocol = result.protocol();
            md.append("## ").append(protocol.id()).append(". ").append(protocol.title()).append("\n\n");
            md.append("Setup: ").append(protocol.setup()).append(".\n\n");
            md.append("The post: ").append(protocol.postColumn()).append(".\n\n");
            md.append(kerasFigures(result));
            md.append("![").append(protocol.id()).append("](").append(chartsFolder).append('/')
                    .append(chartName(result)).append(".svg)\n\n");
        }
        for (Sweep sweep : report.sweeps()) {
            md.append("## ").append(sweep.title()).append("\n\n");
            md.append("| ").append(sweep.parameter()).append(" | validation, trained | ceiling, validation | ")
                    .append("training, trained | ceiling, training | seconds |\n|---|---|---|---|---|---|\n");
            for (Sweep.Point point : sweep.points()) {
                md.append(String.format(Locale.ROOT, "| %d | %.4f | %.4f | %.4f | %.4f | %s |%n", point.value(),
                        point.validationAccuracy(), point.validationCeiling(), point.trainingAccuracy(),
                        point.trainingCeiling(), seconds(point.seconds())));
            }
            md.append("\n![").append(sweep.id()).append("](").append(chartsFolder).append('/').append(sweep.id())
                    .append(".svg)\n\n");
        }
        return md.toString();
    }

    /** The summary table: each experiment's last epoch beside the post's figure, its ceilings and its time. */
    static String table(RunReport report) {
        StringBuilder md = new StringBuilder();
        md.append("| | run | the post | validation, frozen | training, frozen | training, on the fly | ")
                .append("ceiling (validation / training) | epochs | seconds |\n");
        md.append("|---|---|---|---|---|---|---|---|---|\n");
        for (ExperimentResult result : report.experiments()) {
            EpochRecord last = result.last();
            md.append(String.format(Locale.ROOT, "| %s | %s, %s | %s | %.4f | %.4f | %.4f | %.4f / %.4f | %d%s | %s |%n",
                    result.protocol().id(), result.protocol().title(), result.engine(), result.protocol().postColumn(),
                    last.validation().accuracy(), last.training().accuracy(), last.onTheFly().accuracy(),
                    result.validationCeiling().value(), result.trainingCeiling().value(), last.epoch(),
                    result.complete() ? "" : " (stopped)", seconds(result.seconds())));
        }
        return md.toString();
    }

    private static final double LEARNED = PostProtocols.LEARNED;

    /**
     * How long the runs that learn took to reach {@link #LEARNED}, and, for a layout run both one sequence at a time
     * and several side by side, what batching sequences bought.
     */
    static String timeToLearn(RunReport report) {
        StringBuilder md = new StringBuilder();
        List<ExperimentResult> learned = report.experiments().stream()
                .filter(result -> result.firstEpochReaching(LEARNED) > 0).toList();
        if (learned.isEmpty()) {
            return "";
        }
        md.append("### Time to ").append(LEARNED).append(" validation accuracy\n\n")
                .append("| | run | first epoch at or above | training seconds until then |\n|---|---|---|---|\n");
        for (ExperimentResult result : learned) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %d | %s |%n", result.protocol().id(),
                    result.protocol().title(), result.firstEpochReaching(LEARNED),
                    seconds(result.trainingSecondsToReach(LEARNED))));
        }
        for (ExperimentResult single : learned) {
            for (ExperimentResult batched : learned) {
                if (single.protocol().layout().batchSize() == 1 && batched.protocol().layout().batchSize() > 1
                        && single.protocol().layout().kind() == batched.protocol().layout().kind()
                        && single.protocol().task().seed() == batched.protocol().task().seed()) {
                    md.append(String.format(Locale.ROOT, "%n%s (%s) reaches it in %.2f of the time of %s (%s): "
                            + "\"Batching sequences is only to speed up the computations\".%n",
                            batched.protocol().id(), batched.protocol().title(),
                            batched.trainingSecondsToReach(LEARNED) / single.trainingSecondsToReach(LEARNED),
                            single.protocol().id(), single.protocol().title()));
                }
            }
        }
        return md.append('\n').toString();
    }

    /**
     * For session-parallel runs with and without per-row resets on the same seed: what the reset buys, in the ceiling
     * of the layout and in the trained model, side by side.
     */
    static String perRowResets(RunReport report) {
        StringBuilder md = new StringBuilder();
        for (Pair pair : pairs(report, Layout.SESSION_PARALLEL, Layout.SESSION_PARALLEL_WITHOUT_ROW_RESETS)) {
            ExperimentResult with = pair.with();
            ExperimentResult without = pair.without();
            double ceiling = without.validationCeiling().value();
            double accuracy = without.last().validation().accuracy();
            md.append(String.format(Locale.ROOT, "### Per-row resets, seed %d%n%nWith them (%s) the frozen "
                    + "model reaches %.4f on validation, against a ceiling of %.4f. Without them (%s) the "
                    + "ceiling of the layout is %.4f and the frozen model reaches %.4f, %.4f below that "
                    + "ceiling.%n%n", with.protocol().task().seed(), with.protocol().id(),
                    with.last().validation().accuracy(), with.validationCeiling().value(),
                    without.protocol().id(), ceiling, accuracy, ceiling - accuracy));
        }
        return md.toString();
    }

    /**
     * For runs with a target every period on the same chunks, kept on their rows and stateless: what the state buys,
     * answer by answer. Every figure counts answers, one per target, not chunks.
     */
    static String targetsAtIntervals(RunReport report) {
        StringBuilder md = new StringBuilder();
        for (Pair pair : pairs(report, Layout.SEQUENCE_PRESERVING, Layout.CHUNKS_STATELESS)) {
            ExperimentResult kept = pair.with();
            ExperimentResult cut = pair.without();
            Protocol protocol = kept.protocol();
            if (protocol.layout().targetPeriod().isEmpty()) {
                continue;
            }
            md.append(String.format(Locale.ROOT, "### A target every %d steps, seed %d%n%nOn chunks of %d with each "
                    + "sequence kept on its row (%s), every answer reads its sequence from step 0: the frozen model "
                    + "answers %.4f of the %d validation targets right, against a ceiling of %.4f. With every chunk "
                    + "from zero state (%s), an answer after a sequence's first chunk reads zeros only: the ceiling is "
                    + "%.4f and the frozen model reaches %.4f.%n%n", protocol.layout().targetPeriod().getAsInt(),
                    protocol.task().seed(), protocol.layout().window(), protocol.id(),
                    kept.last().validation().accuracy(), kept.validationCeiling().samples(),
                    kept.validationCeiling().value(), cut.protocol().id(), cut.validationCeiling().value(),
                    cut.last().validation().accuracy()));
        }
        return md.toString();
    }

    /** Two runs whose settings differ in their layout's kind alone. */
    private record Pair(ExperimentResult with, ExperimentResult without) {
    }

    /** Every pair of runs, one of each layout, that agree on the task, the window or chunk and the target period. */
    private static List<Pair> pairs(RunReport report, Layout withKind, Layout withoutKind) {
        List<Pair> pairs = new ArrayList<>();
        for (ExperimentResult with : report.experiments()) {
            for (ExperimentResult without : report.experiments()) {
                LayoutSpec a = with.protocol().layout();
                LayoutSpec b = without.protocol().layout();
                if (a.kind() == withKind && b.kind() == withoutKind
                        && with.protocol().task().equals(without.protocol().task()) && a.window() == b.window()
                        && a.targetPeriod().equals(b.targetPeriod())) {
                    pairs.add(new Pair(with, without));
                }
            }
        }
        return pairs;
    }

    static String chartName(ExperimentResult result) {
        return "experiment-" + result.protocol().id() + "-seed-" + result.protocol().task().seed();
    }

    private static String seconds(double seconds) {
        return String.format(Locale.ROOT, "%.1f", seconds);
    }

    /**
     * For a layout the post ran through Keras' fit(): the figures Keras itself computes, with the state carried through
     * training, validation and the final evaluate(), beside the frozen figures, which start each split from zeros.
     */
    private static String kerasFigures(ExperimentResult result) {
        if (result.last().kerasValidation() == null) {
            return "";
        }
        String line = String.format(Locale.ROOT, "As Keras' `fit()` computes it, with the state carried from epoch to"
                + " epoch and through each validation pass: validation accuracy %.4f after epoch %d",
                result.last().kerasValidation().accuracy(), result.last().epoch());
        if (result.kerasEvaluation() != null) {
            line += String.format(Locale.ROOT, "; the final `evaluate()`, continuing from there: %.4f",
                    result.kerasEvaluation().accuracy());
        }
        return line + ". The frozen figures above start each split from zero state.\n\n";
    }
}
