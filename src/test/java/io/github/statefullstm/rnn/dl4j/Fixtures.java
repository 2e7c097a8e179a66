package io.github.statefullstm.rnn.dl4j;

import io.github.statefullstm.rnn.LstmState;
import io.github.statefullstm.rnn.LstmWeights;

import java.util.Random;

/** Seeded random weights, batches and states for the DL4J engine's examples. */
final class Fixtures {

    /** Weights of this size keep gates away from saturation, so every parameter matters to the output. */
    static final double WEIGHT_SCALE = 0.8;

    private Fixtures() {
    }

    static LstmWeights weights(int features, int units, long seed) {
        Random random = new Random(seed);
        double[] flat = new double[LstmWeights.zeros(features, units).parameterCount()];
        for (int i = 0; i < flat.length; i++) {
            flat[i] = WEIGHT_SCALE * (2 * random.nextDouble() - 1);
        }
        return LstmWeights.unflatten(features, units, flat);
    }

    static double[][][] batch(int rows, int steps, int features, long seed) {
        Random random = new Random(seed);
        double[][][] batch = new double[rows][steps][features];
        for (double[][] row : batch) {
            for (double[] step : row) {
                for (int f = 0; f < features; f++) {
                    step[f] = random.nextGaussian();
                }
            }
        }
        return batch;
    }

    static double[] targets(int rows, long seed) {
        Random random = new Random(seed);
        double[] targets = new double[rows];
        for (int row = 0; row < rows; row++) {
            targets[row] = random.nextBoolean() ? 1 : 0;
        }
        return targets;
    }

    static LstmState state(int rows, int units, long seed) {
        Random random = new Random(seed);
        double[][] h = new double[rows][units];
        double[][] c = new double[rows][units];
        for (int row = 0; row < rows; row++) {
            for (int j = 0; j < units; j++) {
                h[row][j] = 2 * random.nextDouble() - 1;
                c[row][j] = 2 * random.nextGaussian();
            }
        }
        return new LstmState(h, c);
    }
}
