package io.github.statefullstm.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.statefullstm.rnn.reference.ReferenceEngine;
import io.github.statefullstm.spec.Claim;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Example;
import net.jqwik.api.Label;

/**
 * A sweep reads the frozen model's scores after a point's last epoch only, so its points score nothing else; the
 * figures it reads must be the very ones a run scored after every epoch ends with.
 */
@Label("A sweep's points score their frozen model after the last epoch only")
class FrozenScoresExamples {

    /** Small runs of both kinds of evaluation: stateless windows, and B's Keras fit, whose state scoring puts back. */
    private static final Protocol SMALL_A = small(PostProtocols.windowsStateless(),
            PostProtocols.windowsStateless().layout().batchSize());
    private static final Protocol SMALL_B = small(PostProtocols.windowsStateful(), 4);

    /** 16 training and 8 validation sequences of 6 steps, windows of 3, three epochs. */
    private static Protocol small(Protocol post, int batchSize) {
        return new Protocol(post.id(), post.task().withSize(24, 6, 16),
                post.layout().withWindow(3).withBatchSize(batchSize), post.model(), 3);
    }

    @Example
    @Claim("EXP-11")
    void scoringTheLastEpochOnlyEndsWithTheFiguresOfScoringEveryEpoch() {
        for (Protocol protocol : new Protocol[] {SMALL_A, SMALL_B}) {
            ExperimentResult everyEpoch = Experiment.run(protocol, new ReferenceEngine(), ExperimentListener.SILENT);
            ExperimentResult lastOnly = Experiment.run(protocol, new ReferenceEngine(), ExperimentListener.SILENT,
                    Experiment.FrozenScores.LAST_EPOCH);
            assertEquals(everyEpoch.last().training(), lastOnly.last().training(), protocol.id() + ", training");
            assertEquals(everyEpoch.last().validation(), lastOnly.last().validation(), protocol.id() + ", validation");
            for (int k = 0; k < protocol.epochs(); k++) {
                assertEquals(everyEpoch.epochs().get(k).onTheFly(), lastOnly.epochs().get(k).onTheFly(),
                        protocol.id() + ", epoch " + (k + 1) + " trained the same");
                assertEquals(k == protocol.epochs() - 1, lastOnly.epochs().get(k).frozenScored(),
                        protocol.id() + ", epoch " + (k + 1) + " scored only if it is the last");
            }
            assertEquals(everyEpoch.kerasEvaluation(), lastOnly.kerasEvaluation(), protocol.id() + ", evaluate()");
        }
    }

    @Example
    @Claim("EXP-11")
    void aRunStoppedEarlyScoresTheEpochItStoppedAfter() {
        ExperimentListener stopAfterTheFirst = new ExperimentListener() {
            @Override
            public boolean stopRequested() {
                return true;
            }
        };
        ExperimentResult stopped = Experiment.run(SMALL_A, new ReferenceEngine(), stopAfterTheFirst,
                Experiment.FrozenScores.LAST_EPOCH);
        assertFalse(stopped.complete());
        assertEquals(1, stopped.epochs().size());
        assertTrue(stopped.last().frozenScored(), "the epoch it stopped after is its last, and scored");
    }

    @Example
    @Claim("EXP-11")
    void aSweepPointScoresItsLastEpochOnly() {
        List<EpochRecord> epochs = new ArrayList<>();
        ExperimentListener recording = new ExperimentListener() {
            @Override
            public void epochDone(Protocol protocol, EpochRecord record) {
                epochs.add(record);
            }
        };
        Sweeps.windowLengths(SMALL_A, List.of(3), new ReferenceEngine(), recording);
        assertEquals(SMALL_A.epochs(), epochs.size(), "the point trained every epoch");
        assertTrue(epochs.get(epochs.size() - 1).frozenScored());
        assertTrue(epochs.subList(0, epochs.size() - 1).stream().noneMatch(EpochRecord::frozenScored));
    }
}
