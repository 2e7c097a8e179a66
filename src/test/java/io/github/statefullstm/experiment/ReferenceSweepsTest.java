package io.github.statefullstm.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.statefullstm.rnn.reference.ReferenceEngine;
import io.github.statefullstm.sequence.InformationCeiling;
import io.github.statefullstm.spec.Claim;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The two sweeps that show the mechanism, trained on the reference engine with the post's task. */
class ReferenceSweepsTest {

    /** Window lengths with something to show: the floor, the post's 10, one short of the sequence, and all of it. */
    private static final List<Integer> WINDOWS = List.of(1, 10, 19, 20);
    /** A window holding the whole sequence is an ordinary stateless sequence classifier, which learns the task. */
    private static final double LEARNED = PostProtocols.LEARNED;

    private final ReferenceEngine engine = new ReferenceEngine();

    @Test
    @Claim("EXP-8")
    void theWindowCeilingReachesOneOnlyWhenAWindowHoldsTheWholeSequenceAndTrainingFollowsIt() {
        Protocol base = PostProtocols.windowsStateless().withEpochs(Sweeps.WINDOW_SWEEP_EPOCHS).withSeed(7);
        Sweep sweep = Sweeps.windowLengths(base, WINDOWS, engine, ExperimentListener.SILENT);
        int length = base.task().length();
        for (Sweep.Point point : sweep.points()) {
            int m = length - point.value() + 1;
            boolean wholeSequence = point.value() == length;
            assertEquals(wholeSequence, point.validationCeiling() == 1.0, "ceiling at w = " + point.value());
            assertTrue(point.validationAccuracy() <= point.validationCeiling(), "w = " + point.value() + ": " + point);
            assertTrue(point.trainingAccuracy() <= point.trainingCeiling(), "w = " + point.value() + ": " + point);
            System.out.printf("w = %d (m = %d): validation %.4f, ceiling %.4f%n", point.value(), m,
                    point.validationAccuracy(), point.validationCeiling());
        }
        Sweep.Point whole = sweep.points().get(sweep.points().size() - 1);
        assertTrue(whole.validationAccuracy() >= LEARNED, "w = T: " + whole);
    }

    @Test
    @Claim("EXP-8")
    void theWindowCeilingGrowsAsFewerWindowsMissStepZero() {
        double previous = 0;
        for (int w = 1; w <= 20; w++) {
            double ceiling = InformationCeiling.windowedStateless(100, 100, 20, w, 1).value();
            assertTrue(ceiling > previous, "w = " + w + ": " + ceiling + " after " + previous);
            previous = ceiling;
        }
    }

    @Test
    @Claim("EXP-9")
    void everyChunkLengthLearnsTheTaskWhenSequencesKeepTheirRows() {
        Sweep sweep = Sweeps.chunkLengths(PostProtocols.sequencePreserving().withSeed(7), engine,
                ExperimentListener.SILENT);
        assertEquals(List.of(1, 2, 4, 5, 10, 20), sweep.points().stream().map(Sweep.Point::value).toList());
        for (Sweep.Point point : sweep.points()) {
            assertEquals(1.0, point.validationCeiling(), "ceiling for chunks of " + point.value());
            assertTrue(point.validationAccuracy() >= LEARNED, "chunks of " + point.value() + ": " + point);
        }
    }
}
