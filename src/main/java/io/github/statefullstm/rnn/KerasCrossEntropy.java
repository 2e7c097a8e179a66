package io.github.statefullstm.rnn;

/**
 * Keras' binary cross-entropy on a sigmoid output, as both engines must compute it: the probability is clipped to
 * {@code [epsilon, 1 - epsilon]} before the log (Keras 1: {@code K.clip(output, K.epsilon(), 1 - K.epsilon())}), so a
 * row's loss is capped, and a row whose probability is clipped contributes no gradient: the clip is flat there. In
 * Keras a confidently wrong, saturated row stops learning; so it does here.
 *
 * <p>Keras runs that graph in float32, where the bounds are not 1e-7 and 1 - 1e-7: 1 - 1e-7 rounds to 1 - 2^-23, so
 * the cap at the top is -ln(2^-23) = 15.94, not -ln(1e-7) = 16.12; and whether a row is clipped is decided on the
 * float32 probability. Both are done here as Keras does them, on the engines' double probability rounded to float32.
 * Where Keras does not clip, the loss is computed in double, from the probability, as Keras computes it.
 */
public final class KerasCrossEntropy {

    /** Keras' backend epsilon, {@code K.epsilon()}. */
    public static final double EPSILON = 1e-7;
    /** The clip's bounds as Keras' float32 graph holds them. */
    public static final float LOWER = (float) EPSILON;
    public static final float UPPER = (float) (1 - EPSILON);

    private KerasCrossEntropy() {
    }

    /** Whether Keras clips this probability, so that its row's loss is capped and its gradient zero. */
    public static boolean clipped(double probability) {
        float p = (float) probability;
        return p < LOWER || p > UPPER;
    }

    /** The loss of one row from its probability of class 1. */
    public static double loss(double probability, double target) {
        double p = clipped(probability) ? Math.min(UPPER, Math.max(LOWER, (float) probability)) : probability;
        return -(target * Math.log(p) + (1 - target) * Math.log(1 - p));
    }

    /** d(loss)/d(logit) of one row: {@code p - target} where Keras does not clip, 0 where it does. */
    public static double logitGradient(double probability, double target) {
        return clipped(probability) ? 0 : probability - target;
    }

}
