package io.github.statefullstm.experiment;

import io.github.statefullstm.sequence.InformationCeiling;
import io.github.statefullstm.spec.Claim;
import io.github.statefullstm.training.Score;
import java.util.List;
import net.jqwik.api.Example;
import net.jqwik.api.Label;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When a run counts as having learned, how long it took, and when an early stop is asked for. */
@Label("Reaching the learned threshold")
class ExperimentResultExamples {

    private static ExperimentResult withValidation(double... accuracies) {
        List<EpochRecord> epochs = new java.util.ArrayList<>();
        for (int k = 0; k < accuracies.length; k++) {
            Score score = new Score(0.5, accuracies[k], 10);
            epochs.add(new EpochRecord(k + 1, score, score, score, 2.0, null));
        }
        return new ExperimentResult(PostProtocols.perStepStateful(), "none", new InformationCeiling.Ceiling(1, 1),
                new InformationCeiling.Ceiling(1, 1), epochs, 10, true, null);
    }

    @Example
    @Claim("EXP-4")
    void anEpochExactlyAtTheThresholdHasLearned() {
        ExperimentResult result = withValidation(0.5, PostProtocols.LEARNED, 1.0);
        assertEquals(2, result.firstEpochReaching(PostProtocols.LEARNED));
        assertEquals(4.0, result.trainingSecondsToReach(PostProtocols.LEARNED), 0, "two epochs of 2 s");
    }

    @Example
    @Claim("EXP-4")
    void aRunThatNeverReachesItHasNoTimeToIt() {
        ExperimentResult result = withValidation(0.5, 0.6);
        assertEquals(0, result.firstEpochReaching(PostProtocols.LEARNED));
        assertTrue(Double.isNaN(result.trainingSecondsToReach(PostProtocols.LEARNED)));
    }

    @Example
    @Claim("EXP-4")
    void theEarlyStopIsAskedForOnceAnEpochReachesTheThresholdAndNotBefore() {
        StopAtAccuracy stop = new StopAtAccuracy(PostProtocols.LEARNED);
        assertFalse(stop.stopRequested(), "before any epoch");
        stop.epochDone(PostProtocols.perStepStateful(), withValidation(0.98).last());
        assertFalse(stop.stopRequested(), "below the threshold");
        stop.epochDone(PostProtocols.perStepStateful(), withValidation(PostProtocols.LEARNED).last());
        assertTrue(stop.stopRequested(), "at the threshold");
    }
}
