package io.github.statefullstm.experiment;

import io.github.statefullstm.training.Score;

/**
 * Hears an experiment's progress: for progress bars, and to end a run early.
 *
 * <p>A run can end early in one way of its own, {@link #stopRequested()}: between epochs, keeping the finished
 * epochs as an incomplete result (a time-to-accuracy run that has learned, a sweep point whose sweep should end). A
 * caller that must abandon a run at once, within the epoch and with nothing to keep (the main job on Ctrl-C, where an
 * epoch of one-step batches is too long to wait for), throws from {@link #batchDone} instead: the exception leaves
 * {@link Experiment#run} and no result is made.
 */
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
