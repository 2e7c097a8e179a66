package io.github.statefullstm.rnn.reference;

/**
 * Where each weight sits in the reference engine's one flat parameter vector. The order is exactly
 * {@link io.github.statefullstm.rnn.LstmWeights#flatten()}'s, so weights, gradients and Adam's moments are all
 * plain {@code double[]}s that convert to the canonical layout by one {@code unflatten}.
 */
record FlatParameters(int features, int units) {

    /** Width of the four stacked gate blocks i, f, c, o. */
    int gates() {
        return 4 * units;
    }

    /** Offset of {@code kernel[feature][0]}. */
    int kernel(int feature) {
        return feature * gates();
    }

    /** Offset of {@code recurrentKernel[unit][0]}. */
    int recurrent(int unit) {
        return (features + unit) * gates();
    }

    /** Offset of {@code bias[0]}. */
    int bias() {
        return (features + units) * gates();
    }

    /** Offset of {@code denseKernel[0]}. */
    int dense() {
        return bias() + gates();
    }

    int denseBias() {
        return dense() + units;
    }

    int size() {
        return denseBias() + 1;
    }
}
