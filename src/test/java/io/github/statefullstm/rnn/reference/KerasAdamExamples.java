package io.github.statefullstm.rnn.reference;

import io.github.statefullstm.rnn.Adam;
import io.github.statefullstm.rnn.LstmModel;
import io.github.statefullstm.rnn.LstmSpec;
import io.github.statefullstm.rnn.ModelConfig;
import io.github.statefullstm.spec.Claim;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Adam's first updates on a tiny model, computed by hand from Keras 1's formulas and compared weight by weight. */
class KerasAdamExamples {

    /** LSTM(1) on one feature, one row, one step: 4 + 4 + 4 + 1 + 1 = 14 weights, small enough to reason about. */
    private static final LstmSpec TINY = new LstmSpec(1, 1, io.github.statefullstm.rnn.GateActivation.SIGMOID);
    private static final long SEED = 7;
    private static final double[][][] ONE_STEP_OF_ONE = {{{1.0}}};
    private static final double[] TARGET_ONE = {1.0};
    /** The same arithmetic in another order: only rounding, a few ulps of weights of order 1. */
    private static final double ROUNDING = 1e-15;
    /**
     * Away from epsilon, Adam's first step is exactly the learning rate against the gradient's sign, because
     * m / sqrt(v) = g / |g| once both are bias-corrected. Epsilon 1e-8 over |g| sqrt(1 - b2) >= 1e-5 changes it
     * by at most 1e-3 relative.
     */
    private static final double FIRST_STEP_IS_THE_LEARNING_RATE = 1e-3;
    /**
     * From the zero state h = 0 and c = 0: the 4 recurrent weights see h = 0 and the forget gate's kernel and bias
     * see c = 0, so those 6 get no gradient; the other 8 all do.
     */
    private static final int TINY_WEIGHTS_WITH_A_GRADIENT_FROM_ZERO_STATE = 8;
    private static final double GRADIENT_FAR_FROM_EPSILON = 1e-5 / Math.sqrt(1 - Adam.KERAS.beta2());

    @Test
    @Claim("REF-2")
    void theFirstTwoUpdatesAreKeras1sAdamWithBiasCorrectionInTheStepSize() {
        Adam adam = Adam.KERAS;
        LstmModel model = new ReferenceEngine().build(new ModelConfig(TINY, false, 1, adam, SEED));
        double[] w0 = model.getWeights().flatten();
        double[] g1 = model.gradientOnBatch(ONE_STEP_OF_ONE, TARGET_ONE).flatten();
        model.trainOnBatch(ONE_STEP_OF_ONE, TARGET_ONE);
        double[] w1 = model.getWeights().flatten();
        double[] g2 = model.gradientOnBatch(ONE_STEP_OF_ONE, TARGET_ONE).flatten();
        model.trainOnBatch(ONE_STEP_OF_ONE, TARGET_ONE);
        double[] w2 = model.getWeights().flatten();

        double b1 = adam.beta1();
        double b2 = adam.beta2();
        double lr1 = adam.learningRate() * Math.sqrt(1 - b2) / (1 - b1);
        double lr2 = adam.learningRate() * Math.sqrt(1 - b2 * b2) / (1 - b1 * b1);
        for (int k = 0; k < w0.length; k++) {
            double m1 = (1 - b1) * g1[k];
            double v1 = (1 - b2) * g1[k] * g1[k];
            assertEquals(w0[k] - lr1 * m1 / (Math.sqrt(v1) + adam.epsilon()), w1[k], ROUNDING, "update 1, weight " + k);
            double m2 = b1 * m1 + (1 - b1) * g2[k];
            double v2 = b2 * v1 + (1 - b2) * g2[k] * g2[k];
            assertEquals(w1[k] - lr2 * m2 / (Math.sqrt(v2) + adam.epsilon()), w2[k], ROUNDING, "update 2, weight " + k);
        }
    }

    @Test
    @Claim("REF-2")
    void theFirstUpdateMovesEveryWeightByTheLearningRateAgainstItsGradient() {
        LstmModel model = new ReferenceEngine().build(ModelConfig.stateless(TINY, SEED));
        double[] w0 = model.getWeights().flatten();
        double[] g = model.gradientOnBatch(ONE_STEP_OF_ONE, TARGET_ONE).flatten();
        model.trainOnBatch(ONE_STEP_OF_ONE, TARGET_ONE);
        double[] w1 = model.getWeights().flatten();
        int moved = 0;
        for (int k = 0; k < w0.length; k++) {
            if (g[k] == 0) {
                assertEquals(w0[k], w1[k], 0, "weight " + k + " has no gradient, so m = 0 and it must not move");
                continue;
            }
            assertTrue(Math.abs(g[k]) > GRADIENT_FAR_FROM_EPSILON, "weight " + k + ": gradient " + g[k]
                    + " too close to epsilon for this example; pick another seed");
            double expected = -Math.signum(g[k]) * Adam.KERAS.learningRate();
            assertEquals(expected, w1[k] - w0[k], FIRST_STEP_IS_THE_LEARNING_RATE * Adam.KERAS.learningRate(),
                    "weight " + k + " with gradient " + g[k]);
            moved++;
        }
        assertEquals(TINY_WEIGHTS_WITH_A_GRADIENT_FROM_ZERO_STATE, moved, "weights that moved");
    }
}
