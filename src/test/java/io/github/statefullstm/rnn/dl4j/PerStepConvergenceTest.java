package io.github.statefullstm.rnn.dl4j;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.statefullstm.experiment.EpochRecord;
import io.github.statefullstm.experiment.Experiment;
import io.github.statefullstm.experiment.ExperimentResult;
import io.github.statefullstm.experiment.PostProtocols;
import io.github.statefullstm.experiment.Protocol;
import io.github.statefullstm.experiment.StopAtAccuracy;
import io.github.statefullstm.spec.Claim;
import org.junit.jupiter.api.Test;

/**
 * The post's per-step stateful protocol (C) on the DL4J engine, through the main job's own experiment code: one
 * step per trainOnBatch, a reset after every sequence, Adam 0.001. The main job's report gives the times to the
 * target of both runs and their ratio.
 */
class PerStepConvergenceTest {

    private static final long SEED = 2016;
    /** The post reports 1.0 after one epoch; the project's threshold for "learned" leaves room for two mistakes. */
    private static final double TARGET_ACCURACY = io.github.statefullstm.experiment.PostProtocols.LEARNED;
    /** The post reached 1.0 in its first epoch; two epochs is the allowance. */
    private static final int BATCH_ONE_EPOCHS = 2;
    /** Ten sequences side by side make ten times fewer updates per epoch, so more epochs are allowed. */
    private static final int BATCHED_EPOCHS = 15;

    @Test
    @Claim("DL4J-6")
    void batchOfOneReachesTheTargetWithinTwoEpochs() {
        assertReachesTarget(PostProtocols.perStepStateful().withEpochs(BATCH_ONE_EPOCHS));
    }

    @Test
    @Claim("DL4J-7")
    void tenSequencesSideBySideReachTheTargetToo() {
        assertReachesTarget(PostProtocols.perStepStatefulBatched().withEpochs(BATCHED_EPOCHS));
    }

    private static void assertReachesTarget(Protocol protocol) {
        ExperimentResult result = Experiment.run(protocol.withSeed(SEED), new Dl4jEngine(),
                new StopAtAccuracy(TARGET_ACCURACY));
        EpochRecord last = result.last();
        System.out.printf("%s, batch %d: epoch %d, validation accuracy %.4f, %.1f s%n", protocol.id(),
                protocol.layout().batchSize(), last.epoch(), last.validation().accuracy(), result.seconds());
        assertTrue(last.validation().accuracy() >= TARGET_ACCURACY, protocol.id() + ", batch "
                + protocol.layout().batchSize() + ": validation accuracy " + last.validation() + " after "
                + last.epoch() + " epochs");
    }
}
