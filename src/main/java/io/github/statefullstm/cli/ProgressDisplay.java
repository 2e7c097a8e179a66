package io.github.statefullstm.cli;

import io.github.statefullstm.experiment.EpochRecord;
import io.github.statefullstm.experiment.ExperimentListener;
import io.github.statefullstm.experiment.Protocol;
import io.github.statefullstm.training.Score;
import java.io.PrintStream;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows each epoch's progress with the live loss and accuracy: a progress bar on a terminal, one plain line per
 * epoch otherwise (CI logs, or several experiments at once, whose bars would overwrite each other). Experiments that
 * run at once report from their own threads, so each report is drawn whole before the next.
 */
final class ProgressDisplay implements ExperimentListener {

    /** A bar redrawn on every one of 20000 one-step batches would cost more than the batches; a tenth of a second is smooth enough. */
    private static final int REDRAW_MILLIS = 100;

    private final PrintStream out;
    private final boolean terminal;
    private ProgressBar bar;

    ProgressDisplay(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    @Override
    public synchronized void epochStarted(Protocol protocol, int epoch, int batches) {
        if (terminal) {
            bar = new ProgressBarBuilder().setTaskName(protocol.id() + " epoch " + epoch + "/" + protocol.epochs())
                    .setInitialMax(batches).setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(REDRAW_MILLIS)
                    .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(out)).build();
        }
    }

    @Override
    public synchronized void batchDone(Protocol protocol, int epoch, int batch, int batches, Score running) {
        if (bar != null) {
            bar.stepTo(batch + 1L);
            bar.setExtraMessage(String.format(Locale.ROOT, "loss %.4f acc %.4f", running.loss(), running.accuracy()));
        }
    }

    @Override
    public synchronized void epochDone(Protocol protocol, EpochRecord record) {
        if (bar != null) {
            bar.close();
            bar = null;
        }
        String frozen = record.frozenScored() ? String.format(Locale.ROOT, "frozen: train %.4f val %.4f",
                record.training().accuracy(), record.validation().accuracy()) : "frozen: scored after the last epoch";
        out.printf(Locale.ROOT, "%s epoch %d/%d: loss %.4f acc %.4f (on the fly) | %s | %.1f s%n", protocol.id(),
                record.epoch(), protocol.epochs(), record.onTheFly().loss(), record.onTheFly().accuracy(), frozen,
                record.seconds());
    }
}
