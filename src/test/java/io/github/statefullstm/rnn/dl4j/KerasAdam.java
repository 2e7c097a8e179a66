package io.github.statefullstm.rnn.dl4j;

import io.github.statefullstm.rnn.Adam;
import io.github.statefullstm.rnn.LstmWeights;

/**
 * Keras 1.x's Adam written out: {@code m = b1 m + (1 - b1) g}, {@code v = b2 v + (1 - b2) g²},
 * {@code w -= lr sqrt(1 - b2^t) / (1 - b1^t) · m / (sqrt(v) + eps)}, with t counting updates from 1.
 */
final class KerasAdam {

    private final Adam hyper;
    private double[] m;
    private double[] v;
    private int t;

    KerasAdam(Adam hyper) {
        this.hyper = hyper;
    }

    LstmWeights step(LstmWeights weights, LstmWeights gradient) {
        double[] w = weights.flatten();
        double[] g = gradient.flatten();
        if (m == null) {
            m = new double[w.length];
            v = new double[w.length];
        }
        t++;
        double rate = hyper.learningRate() * Math.sqrt(1 - Math.pow(hyper.beta2(), t))
                / (1 - Math.pow(hyper.beta1(), t));
        for (int i = 0; i < w.length; i++) {
            m[i] = hyper.beta1() * m[i] + (1 - hyper.beta1()) * g[i];
            v[i] = hyper.beta2() * v[i] + (1 - hyper.beta2()) * g[i] * g[i];
            w[i] -= rate * m[i] / (Math.sqrt(v[i]) + hyper.epsilon());
        }
        return LstmWeights.unflatten(weights.features(), weights.units(), w);
    }
}
