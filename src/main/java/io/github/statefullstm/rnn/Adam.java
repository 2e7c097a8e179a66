package io.github.statefullstm.rnn;

import io.github.statefullstm.refusal.Refusal;

/**
 * Adam's hyper-parameters. {@link #KERAS} are the defaults of Keras 1.x, which the post used
 * ({@code optimizer='adam'}): learning rate 0.001, beta1 0.9, beta2 0.999, epsilon 1e-8.
 */
public record Adam(double learningRate, double beta1, double beta2, double epsilon) {

    public static final Adam KERAS = new Adam(0.001, 0.9, 0.999, 1e-8);

    public Adam {
        Refusal.require(learningRate > 0 && Double.isFinite(learningRate), "learningRate", learningRate,
                "must be finite and > 0");
        Refusal.require(beta1 >= 0 && beta1 < 1, "beta1", beta1, "must be in [0, 1)");
        Refusal.require(beta2 >= 0 && beta2 < 1, "beta2", beta2, "must be in [0, 1)");
        Refusal.require(epsilon > 0 && Double.isFinite(epsilon), "epsilon", epsilon, "must be finite and > 0");
    }
}
