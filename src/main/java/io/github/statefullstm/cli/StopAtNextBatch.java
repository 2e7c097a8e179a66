package io.github.statefullstm.cli;

import io.github.statefullstm.experiment.EpochRecord;
import io.github.statefullstm.experiment.ExperimentListener;
import io.github.statefullstm.experiment.Protocol;
import io.github.statefullstm.training.Score;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Passes progress on, and ends the run at the next batch once a stop is asked for: an epoch of one-step batches
 * lasts seconds, too long to wait for after Ctrl-C. The unfinished experiment is dropped; finished ones are kept.
 * Not {@link ExperimentListener#stopRequested()}, which is asked between epochs only and keeps the run as an
 * incomplete result: after Ctrl-C neither the wait nor a run cut short belongs in the report.
 */
final class StopAtNextBatch implements ExperimentListener {

    /** Thrown out of the training loop to abandon the experiment in progress. */
    static final class Stopped extends RuntimeException {
        Stopped() {
            super("stopped on request", null, false, false);
        }
    }

    private final ExperimentListener display;
    private final AtomicBoolean stop;

    StopAtNextBatch(ExperimentListener display, AtomicBoolean stop) {
        this.display = display;
        this.stop = stop;
    }

    @Override
    public void epochStarted(Protocol protocol, int epoch, int batches) {
        display.epochStarted(protocol, epoch, batches);
    }

    @Override
    public void batchDone(Protocol protocol, int epoch, int batch, int batches, Score running) {
        if (stop.get()) {
            throw new Stopped();
        }
        display.batchDone(protocol, epoch, batch, batches, running);
    }

    @Override
    public void epochDone(Protocol protocol, EpochRecord record) {
        display.epochDone(protocol, record);
    }
}
