package io.github.statefullstm.rnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.statefullstm.spec.Claim;
import org.junit.jupiter.api.Test;

/**
 * Keras' clip is {@code [epsilon, 1 - epsilon]} as its float32 graph holds it, closed: a probability exactly at an edge
 * is inside, keeps its gradient {@code p - y} and its plain loss; the next float32 outside is clipped and has none.
 */
class KerasCrossEntropyExamples {

    /**
     * The edges written out again (the check must not borrow the values it checks): 1e-7 as a float, and
     * 1 - 1e-7, which rounds to 1 - 2^-23 in float32.
     */
    private static final float LOW_EDGE = 1e-7f;
    private static final float HIGH_EDGE = 1 - 0x1p-23f;

    @Test
    @Claim("REF-7")
    void aProbabilityExactlyAtAnEdgeIsNotClippedAndTheNextOneOutsideIs() {
        assertFalse(KerasCrossEntropy.clipped(LOW_EDGE), "p = epsilon lies inside the closed clip");
        assertFalse(KerasCrossEntropy.clipped(HIGH_EDGE), "p = 1 - epsilon lies inside the closed clip");
        assertTrue(KerasCrossEntropy.clipped(Math.nextDown(LOW_EDGE)), "just below epsilon is clipped");
        assertTrue(KerasCrossEntropy.clipped(Math.nextUp(HIGH_EDGE)), "just above 1 - epsilon is clipped");
        assertEquals((double) LOW_EDGE - 1, KerasCrossEntropy.logitGradient(LOW_EDGE, 1), 0,
                "gradient p - y at p = epsilon");
        assertEquals(HIGH_EDGE, KerasCrossEntropy.logitGradient(HIGH_EDGE, 0), 0, "gradient p - y at 1 - epsilon");
        assertEquals(0, KerasCrossEntropy.logitGradient(Math.nextDown(LOW_EDGE), 1), 0, "no gradient once clipped");
        assertEquals(-Math.log(LOW_EDGE), KerasCrossEntropy.loss(Math.nextDown(LOW_EDGE), 1), 0,
                "the loss below the clip is capped at -ln(epsilon)");
        assertEquals(-Math.log(1 - (double) HIGH_EDGE), KerasCrossEntropy.loss(Math.nextUp(HIGH_EDGE), 0), 0,
                "the loss above the clip is capped at -ln(2^-23), not -ln(1e-7)");
    }
}
