package io.github.statefullstm.experiment;

import io.github.statefullstm.sequence.InformationCeiling;
import io.github.statefullstm.training.Score;
import java.util.List;

/**
 * What an experiment produced: every epoch, the information ceilings of both splits under the protocol's layout,
 * and the wall time of the whole run (training and evaluation).
 *
 * @param complete false when the run was stopped before its last epoch; the epochs it finished are kept
 * @param kerasEvaluation for a layout the post ran through Keras' {@code fit()}: the post's final
 *                 {@code evaluate()} on the validation split, continuing from the last validation pass; else null
 */
public record ExperimentResult(Protocol protocol, String engine, InformationCeiling.Ceiling trainingCeiling,
                               InformationCeiling.Ceiling validationCeiling, List<EpochRecord> epochs,
                               double seconds, boolean complete, Score kerasEvaluation) {

    public ExperimentResult {
        epochs = List.copyOf(epochs);
    }

    public EpochRecord last() {
        return epochs.get(epochs.size() - 1);
    }

    /** The first epoch (1-based) whose frozen validation accuracy reaches {@code accuracy}, or 0 if none does. */
    public int firstEpochReaching(double accuracy) {
        return epochs.stream().filter(e -> e.validation().accuracy() >= accuracy).mapToInt(EpochRecord::epoch)
                .findFirst().orElse(0);
    }

    /** Seconds of training until the end of {@link #firstEpochReaching}, or NaN if never reached. */
    public double trainingSecondsToReach(double accuracy) {
        double sum = 0;
        for (EpochRecord epoch : epochs) {
            sum += epoch.seconds();
            if (epoch.validation().accuracy() >= accuracy) {
                return sum;
            }
        }
        return Double.NaN;
    }
}
