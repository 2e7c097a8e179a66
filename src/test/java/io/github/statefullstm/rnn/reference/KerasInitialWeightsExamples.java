package io.github.statefullstm.rnn.reference;

import io.github.statefullstm.rnn.LstmSpec;
import io.github.statefullstm.rnn.LstmWeights;
import io.github.statefullstm.rnn.ModelConfig;
import io.github.statefullstm.spec.Claim;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A fresh reference model starts from Keras 1's initialisation, the same for the same seed. */
class KerasInitialWeightsExamples {

    private static final LstmSpec TWO_FEATURES_FIVE_UNITS =
            new LstmSpec(2, 5, io.github.statefullstm.rnn.GateActivation.SIGMOID);
    private static final long SEED = 42;
    private static final long OTHER_SEED = 43;
    /** Gram-Schmidt in double precision on a 5 x 5 matrix: orthonormal to well within 1e-12. */
    private static final double ORTHONORMAL = 1e-12;
    private static final int FORGET = LstmWeights.Gate.FORGET.ordinal();

    private LstmWeights initial(long seed) {
        return new ReferenceEngine().build(ModelConfig.stateless(TWO_FEATURES_FIVE_UNITS, seed)).getWeights();
    }

    @Test
    @Claim("REF-5")
    void theSameSeedGivesTheSameWeightsAndAnotherSeedOthers() {
        assertEquals(initial(SEED), initial(SEED));
        assertNotEquals(initial(SEED), initial(OTHER_SEED));
    }

    @Test
    @Claim("REF-5")
    void eachGatesRecurrentBlockIsOrthogonal() {
        double[][] u = initial(SEED).recurrentKernel();
        int units = TWO_FEATURES_FIVE_UNITS.units();
        for (int gate = 0; gate < 4; gate++) {
            for (int a = 0; a < units; a++) {
                for (int b = 0; b < units; b++) {
                    double dot = 0;
                    for (int row = 0; row < units; row++) {
                        dot += u[row][gate * units + a] * u[row][gate * units + b];
                    }
                    assertEquals(a == b ? 1 : 0, dot, ORTHONORMAL, "gate " + gate + ", columns " + a + " and " + b);
                }
            }
        }
    }

    @Test
    @Claim("REF-5")
    void biasIsZeroExceptOneOnTheForgetGateAndKernelsAreWithinGlorotLimits() {
        LstmWeights w = initial(SEED);
        int units = TWO_FEATURES_FIVE_UNITS.units();
        double[] bias = w.bias();
        for (int col = 0; col < bias.length; col++) {
            assertEquals(col / units == FORGET ? 1 : 0, bias[col], 0, "bias[" + col + "]");
        }
        double kernelLimit = Math.sqrt(6.0 / (TWO_FEATURES_FIVE_UNITS.features() + units));
        for (double[] row : w.kernel()) {
            for (double value : row) {
                assertTrue(Math.abs(value) <= kernelLimit, "kernel weight " + value + " beyond ±" + kernelLimit);
            }
        }
        double denseLimit = Math.sqrt(6.0 / (units + 1));
        for (double value : w.denseKernel()) {
            assertTrue(Math.abs(value) <= denseLimit, "dense weight " + value + " beyond ±" + denseLimit);
        }
        assertEquals(0, w.denseBias(), 0);
    }
}
