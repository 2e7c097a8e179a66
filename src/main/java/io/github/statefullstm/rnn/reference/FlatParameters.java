package io.github.statefullstm.rnn.reference;

import io.github.statefullstm.rnn.Cell;
import io.github.statefullstm.rnn.LstmSpec;

/**
 * Where each weight sits in the reference engine's one flat parameter vector. The order is exactly
 * {@link io.github.statefullstm.rnn.LstmWeights#flatten()}'s, so weights, gradients and Adam's moments are all
 * plain {@code double[]}s that convert to the canonical layout by one {@code unflatten}: layer by layer its kernel,
 * recurrent kernel and bias, then the dense head.
 */
record FlatParameters(LstmSpec spec) {

    int units() {
        return spec.units();
    }

    int layers() {
        return spec.layers();
    }

    Cell cell() {
        return spec.cell();
    }

    /** Width of a layer's stacked gate blocks: i, f, c, o for an LSTM, z, r, h for a GRU. */
    int gates() {
        return spec.cell().gates() * spec.units();
    }

    /** How many inputs layer {@code layer} reads at each step. */
    int inputsOf(int layer) {
        return spec.inputsOf(layer);
    }

    /** Offset of layer {@code layer}'s {@code kernel[input][0]}. */
    int kernel(int layer, int input) {
        return layerStart(layer) + input * gates();
    }

    /** Offset of layer {@code layer}'s {@code recurrentKernel[unit][0]}. */
    int recurrent(int layer, int unit) {
        return layerStart(layer) + (inputsOf(layer) + unit) * gates();
    }

    /** Offset of layer {@code layer}'s {@code bias[0]}. */
    int bias(int layer) {
        return layerStart(layer) + (inputsOf(layer) + units()) * gates();
    }

    /** Offset of {@code denseKernel[0]}. */
    int dense() {
        return layerStart(layers());
    }

    int denseBias() {
        return dense() + units();
    }

    int size() {
        return denseBias() + 1;
    }

    /** Where layer {@code layer}'s weights begin: after every layer below it. */
    private int layerStart(int layer) {
        int at = 0;
        for (int below = 0; below < layer; below++) {
            at += (inputsOf(below) + units() + 1) * gates();
        }
        return at;
    }
}
