package io.github.statefullstm.rnn.reference;

import io.github.statefullstm.rnn.Adam;

/** Adam's running moments and step count, updating parameters exactly as Keras 1.x's {@code Adam.get_updates}. */
final class AdamMoments {

    private final Adam adam;
    private final double[] m;
    private final double[] v;
    private long step;

    AdamMoments(Adam adam, int size) {
        this.adam = adam;
        this.m = new double[size];
        this.v = new double[size];
    }

    /**
     * One update of {@code p} from {@code g}: the bias corrections of both moments are folded into the step size
     * {@code lr_t = lr * sqrt(1 - b2^t) / (1 - b1^t)}, and epsilon is added to sqrt(v) uncorrected, as Keras does.
     */
    void update(double[] p, double[] g) {
        step++;
        double b1 = adam.beta1();
        double b2 = adam.beta2();
        double lrT = adam.learningRate() * Math.sqrt(1 - Math.pow(b2, step)) / (1 - Math.pow(b1, step));
        for (int k = 0; k < p.length; k++) {
            m[k] = b1 * m[k] + (1 - b1) * g[k];
            v[k] = b2 * v[k] + (1 - b2) * g[k] * g[k];
            p[k] -= lrT * m[k] / (Math.sqrt(v[k]) + adam.epsilon());
        }
    }
}
