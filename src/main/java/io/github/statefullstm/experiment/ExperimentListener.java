package io.github.statefullstm.experiment;

import io.github.statefullstm.training.Score;

/** Hears an experiment's progress: for progress bars, and to stop it between batches. */
public interface ExperimentListener {

    ExperimentListener SILENT = new ExperimentListener() {
    };

    default void epochStarted(Protocol protocol, int epoch, int batches) {
    }

    default void batchDone(Protocol protocol, int epoch, int batch, int batches, Score running) {
    }

    default void epochDone(Protocol protocol, EpochRecord record) {
    }

    /** Asked after each epoch but the last: true ends the run there, keeping what it finished. */
    default boolean stopRequested() {
        return false;
    }
}
