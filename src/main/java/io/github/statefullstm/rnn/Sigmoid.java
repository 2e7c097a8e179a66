package io.github.statefullstm.rnn;

/** The logistic function, as both engines and Keras compute it: {@code 1 / (1 + exp(-x))}. */
public final class Sigmoid {

    private Sigmoid() {
    }

    public static double of(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}
