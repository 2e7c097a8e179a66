package io.github.statefullstm.rnn;

/**
 * Keras' binary cross-entropy on a sigmoid output, as both engines must compute it: the probability is clipped to
 * {@code [EPSILON, 1 - EPSILON]} before the log (Keras 1: {@code K.clip(output, K.epsilon(), 1 - K.epsilon())}), so
 * the loss of a row is capped at {@code -ln(EPSILON)}, and a row whose probability is clipped contributes no gradient:
 * the clip is flat there. In Keras a confidently wrong, saturated row stops learning; so it does here.
 */
public final class KerasCrossEntropy {

    /** Keras' backend epsilon, {@code K.epsilon()}: 1e-7. */
    public static final double EPSILON = 1e-7;

    private KerasCrossEntropy() {
    }

    /** Whether Keras clips this probability, so that its row's loss is capped and its gradient zero. */
    public static boolean clipped(double probability) {
        return probability < EPSILON || probability > 1 - EPSILON;
    }

    /** The loss of one row from its probability of class 1. */
    public static double loss(double probability, double target) {
        double p = Math.min(1 - EPSILON, Math.max(EPSILON, probability));
        return -(target * Math.log(p) + (1 - target) * Math.log(1 - p));
    }

    /**
     * The loss of one row from its logit: where Keras does not clip, the same value computed from the logit, which
     * keeps every digit where {@code 1 - p} would cancel (finite-difference checks need them); where it clips, the
     * capped loss.
     */
    public static double lossOfLogit(double logit, double target) {
        double probability = sigmoid(logit);
        if (clipped(probability)) {
            return loss(probability, target);
        }
        return Math.max(logit, 0) - logit * target + Math.log1p(Math.exp(-Math.abs(logit)));
    }

    /** d(loss)/d(logit) of one row: {@code p - target} where Keras does not clip, 0 where it does. */
    public static double logitGradient(double probability, double target) {
        return clipped(probability) ? 0 : probability - target;
    }

    public static double sigmoid(double logit) {
        return 1 / (1 + Math.exp(-logit));
    }
}
