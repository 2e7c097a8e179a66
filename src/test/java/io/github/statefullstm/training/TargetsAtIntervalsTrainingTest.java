package io.github.statefullstm.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.statefullstm.experiment.EpochRecord;
import io.github.statefullstm.experiment.Experiment;
import io.github.statefullstm.experiment.ExperimentListener;
import io.github.statefullstm.experiment.ExperimentResult;
import io.github.statefullstm.experiment.PostProtocols;
import io.github.statefullstm.experiment.Protocol;
import io.github.statefullstm.rnn.reference.ReferenceEngine;
import io.github.statefullstm.spec.Claim;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Experiment G, the post's task with a target every 10 steps of each sequence, trained on chunks of 10 with the calls
 * that take targets at chosen steps, run on the reference engine for real with fixed seeds (EXP-13): kept on their
 * rows, the model learns to answer at both targets of a sequence; stateless, its frozen model never beats the ceiling
 * of what a chunk from zeros can read. G's settings are read from their one home, {@link PostProtocols}, and it runs as
 * the main job runs it, scoring the frozen model after its last epoch.
 */
class TargetsAtIntervalsTrainingTest {

    /** "Very close to 1", as for C and E. */
    private static final double LEARNED = PostProtocols.LEARNED;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    @Claim("EXP-13")
    void keptOnTheirRowsTheModelLearnsToAnswerAtEveryTarget(long seed) {
        ExperimentResult result = ReferenceRuns.trained(PostProtocols.targetsAtIntervals(), seed);
        assertEquals(1.0, result.validationCeiling().value(), "the ceiling kept on their rows");
        assertEquals(result.validationCeiling().samples(), result.last().validation().samples(),
                "the frozen score counts every target, as the ceiling does");
        assertTrue(result.last().validation().accuracy() >= LEARNED, "validation accuracy "
                + result.last().validation());
    }

    /**
     * With its period equal to its chunk, G answers where E does, at each chunk's last step with the sequence's target;
     * through the calls with targets at chosen steps it trains as E through the one-output calls, to the bit (OUT-3).
     * The post's suggestion, at its own example's period, is what E already runs.
     */
    @Test
    @Claim("EXP-13")
    void withItsPeriodEqualToItsChunkGTrainsAsEToTheBit() {
        Protocol g = PostProtocols.targetsAtIntervals();
        assertEquals(g.layout().window(), g.layout().targetPeriod().orElseThrow(), "G's period is its chunk");
        // two epochs show it as well as five: the second starts from the weights the first left
        ExperimentResult many = Experiment.run(g.withSeed(1).withEpochs(2), new ReferenceEngine(),
                ExperimentListener.SILENT);
        ExperimentResult one = Experiment.run(PostProtocols.sequencePreserving().withSeed(1).withEpochs(2),
                new ReferenceEngine(), ExperimentListener.SILENT);
        assertEquals(one.trainingCeiling(), many.trainingCeiling());
        assertEquals(one.validationCeiling(), many.validationCeiling());
        assertEquals(one.epochs().size(), many.epochs().size());
        for (int k = 0; k < one.epochs().size(); k++) {
            EpochRecord e = one.epochs().get(k);
            EpochRecord gs = many.epochs().get(k);
            assertEquals(List.of(e.onTheFly(), e.training(), e.validation()),
                    List.of(gs.onTheFly(), gs.training(), gs.validation()), "epoch " + e.epoch());
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    @Claim("EXP-13")
    void statelessTheFrozenModelStaysAtOrUnderItsCeiling(long seed) {
        ExperimentResult result = ReferenceRuns.trained(PostProtocols.targetsAtIntervalsStateless(), seed);
        ReferenceRuns.assertAtOrUnderItsCeiling(result);
        double ceiling = result.validationCeiling().value();
        assertTrue(ceiling < LEARNED, "a ceiling of " + ceiling + " leaves the task unlearnable");
    }
}
