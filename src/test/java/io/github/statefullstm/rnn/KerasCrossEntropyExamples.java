package io.github.statefullstm.rnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.statefullstm.spec.Claim;
import org.junit.jupiter.api.Test;

/**
 * Keras' clip is {@code [epsilon, 1 - epsilon]}, closed: a probability exactly at an edge is inside, keeps its
 * gradient {@code p - y} and its plain loss; the next double outside is clipped and has none.
 */
class KerasCrossEntropyExamples {

    /** Keras' epsilon, written out again: the check must not borrow the value it checks. */
    private static final double KERAS_EPSILON = 1e-7;
    private static final double LOW_EDGE = KERAS_EPSILON;
    private static final double HIGH_EDGE = 1 - KERAS_EPSILON;

    @Test
    @Claim("REF-7")
    void aProbabilityExactlyAtAnEdgeIsNotClippedAndTheNextOneOutsideIs() {
        assertFalse(KerasCrossEntropy.clipped(LOW_EDGE), "p = epsilon lies inside the closed clip");
        assertFalse(KerasCrossEntropy.clipped(HIGH_EDGE), "p = 1 - epsilon lies inside the closed clip");
        assertTrue(KerasCrossEntropy.clipped(Math.nextDown(LOW_EDGE)), "just below epsilon is clipped");
        assertTrue(KerasCrossEntropy.clipped(Math.nextUp(HIGH_EDGE)), "just above 1 - epsilon is clipped");
        assertEquals(LOW_EDGE - 1, KerasCrossEntropy.logitGradient(LOW_EDGE, 1), 0, "gradient p - y at p = epsilon");
        assertEquals(HIGH_EDGE, KerasCrossEntropy.logitGradient(HIGH_EDGE, 0), 0, "gradient p - y at 1 - epsilon");
        assertEquals(0, KerasCrossEntropy.logitGradient(Math.nextDown(LOW_EDGE), 1), 0, "no gradient once clipped");
        assertEquals(-Math.log(LOW_EDGE), KerasCrossEntropy.loss(Math.nextDown(LOW_EDGE), 1), 0,
                "the loss below the clip is capped at -ln(epsilon)");
    }
}
