package io.github.statefullstm.experiment;

import io.github.statefullstm.training.Score;

/**
 * One epoch of an experiment.
 *
 * @param onTheFly   Keras' running figures over the epoch, while the weights moved (what the post's logs show)
 * @param training   the frozen model at the end of the epoch, on the training split; null where the run scores its
 *                   last epoch only ({@link Experiment.FrozenScores#LAST_EPOCH})
 * @param validation the frozen model at the end of the epoch, on the validation split; null likewise
 * @param seconds    wall time of the epoch's training alone, without the evaluations
 * @param kerasValidation for a layout the post ran through Keras' {@code fit()}: Keras' own validation pass, which
 *                   continues from the state training left and leaves its own (the post's {@code val_acc}); else null
 */
public record EpochRecord(int epoch, Score onTheFly, Score training, Score validation, double seconds,
                          Score kerasValidation) {

    /** Whether the frozen model was scored after this epoch. */
    public boolean frozenScored() {
        return training != null;
    }

    EpochRecord withFrozen(Score frozenTraining, Score frozenValidation) {
        return new EpochRecord(epoch, onTheFly, frozenTraining, frozenValidation, seconds, kerasValidation);
    }
}
