package io.github.statefullstm.rnn.reference;

import io.github.statefullstm.rnn.Cell;
import java.util.SplittableRandom;

/**
 * The weights a fresh Keras 1.x model starts from, drawn deterministically from a seed. Keras 1 kept one matrix per
 * gate, so each gate block is initialised on its own: Glorot-uniform kernel (fan in = the layer's inputs, fan out =
 * units), orthogonal recurrent kernel, zero bias except, for an LSTM, 1 on the forget gate
 * ({@code forget_bias_init='one'}; Keras' GRU has none), then a Glorot-uniform Dense kernel and a zero Dense bias.
 *
 * <p>Draw order, so another implementation can reproduce it: layer by layer, layer 0 first, for each gate (i, f, c, o
 * or z, r, h) its kernel block (row by row) then its recurrent block (Gaussian matrix, column by column); then the
 * Dense kernel.
 */
final class KerasInitialWeights {

    private static final int FORGET_GATE = 1;
    /** Keras' {@code forget_bias_init='one'}: the cell starts out keeping what it holds. */
    private static final double FORGET_BIAS = 1.0;

    private KerasInitialWeights() {
    }

    static double[] draw(FlatParameters layout, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int u = layout.units();
        double[] p = new double[layout.size()];
        for (int layer = 0; layer < layout.layers(); layer++) {
            int inputs = layout.inputsOf(layer);
            double kernelLimit = glorotLimit(inputs, u);
            for (int gate = 0; gate < layout.cell().gates(); gate++) {
                for (int input = 0; input < inputs; input++) {
                    for (int j = 0; j < u; j++) {
                        p[layout.kernel(layer, input) + gate * u + j] = random.nextDouble(-kernelLimit, kernelLimit);
                    }
                }
                double[][] q = orthogonal(u, random);
                for (int row = 0; row < u; row++) {
                    System.arraycopy(q[row], 0, p, layout.recurrent(layer, row) + gate * u, u);
                }
            }
            if (layout.cell() == Cell.LSTM) {
                for (int j = 0; j < u; j++) {
                    p[layout.bias(layer) + FORGET_GATE * u + j] = FORGET_BIAS;
                }
            }
        }
        double denseLimit = glorotLimit(u, 1);
        for (int j = 0; j < u; j++) {
            p[layout.dense() + j] = random.nextDouble(-denseLimit, denseLimit);
        }
        return p;
    }

    /** Glorot and Bengio (2010): uniform on ±sqrt(6 / (fanIn + fanOut)) keeps activations' variance steady. */
    private static double glorotLimit(int fanIn, int fanOut) {
        return Math.sqrt(6.0 / (fanIn + fanOut));
    }

    /**
     * A random n x n orthogonal matrix: modified Gram-Schmidt on the columns of a Gaussian matrix (the Q of its QR
     * decomposition). Orthogonal recurrent weights neither blow up nor shrink h as it goes round the loop.
     */
    static double[][] orthogonal(int n, SplittableRandom random) {
        double[][] q = new double[n][n];
        for (int col = 0; col < n; col++) {
            for (int row = 0; row < n; row++) {
                q[row][col] = random.nextGaussian();
            }
        }
        for (int col = 0; col < n; col++) {
            for (int earlier = 0; earlier < col; earlier++) {
                double dot = 0;
                for (int row = 0; row < n; row++) {
                    dot += q[row][col] * q[row][earlier];
                }
                for (int row = 0; row < n; row++) {
                    q[row][col] -= dot * q[row][earlier];
                }
            }
            double norm = 0;
            for (int row = 0; row < n; row++) {
                norm += q[row][col] * q[row][col];
            }
            norm = Math.sqrt(norm);
            for (int row = 0; row < n; row++) {
                q[row][col] /= norm;
            }
        }
        return q;
    }
}
