package io.github.statefullstm.rnn;

/**
 * The activation of the input, forget and output gates. The cell candidate and the cell output always use tanh.
 * Keras 1.x (the post's version) defaulted to hard sigmoid; later Keras defaults to sigmoid.
 */
public enum GateActivation {
    /** {@code 1 / (1 + exp(-x))}. */
    SIGMOID,
    /** Keras and DL4J's piecewise-linear approximation: {@code clip(0.2 x + 0.5, 0, 1)}. */
    HARD_SIGMOID
}
