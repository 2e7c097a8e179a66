package io.github.statefullstm.rnn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Rearranging batches and states row by row or step by step, without touching the arrays given. */
public final class Batches {

    private Batches() {
    }

    /** Row {@code row} of {@code batch} alone, as a batch of one. */
    public static double[][][] row(double[][][] batch, int row) {
        return new double[][][] {copy(batch[row])};
    }

    /** {@code batch} with every row except {@code kept} taken from {@code others}. */
    static double[][][] keepOnlyRow(double[][][] batch, int kept, double[][][] others) {
        double[][][] mixed = new double[batch.length][][];
        for (int row = 0; row < batch.length; row++) {
            mixed[row] = copy(row == kept ? batch[row] : others[row]);
        }
        return mixed;
    }

    /** Row {@code r} of the result is row {@code order[r]} of {@code batch}. */
    static double[][][] permute(double[][][] batch, int[] order) {
        double[][][] permuted = new double[batch.length][][];
        for (int row = 0; row < batch.length; row++) {
            permuted[row] = copy(batch[order[row]]);
        }
        return permuted;
    }

    /** Row {@code r} of the result is row {@code order[r]} of {@code state}. */
    static LstmState permute(LstmState state, int[] order) {
        double[][] h = new double[order.length][];
        double[][] c = new double[order.length][];
        for (int row = 0; row < order.length; row++) {
            h[row] = state.h(order[row]);
            c[row] = state.c(order[row]);
        }
        return LstmState.ofRows(state.layers(), h, c);
    }

    /** Row {@code row} of {@code state} alone, as the state of a batch of one. */
    static LstmState row(LstmState state, int row) {
        return LstmState.ofRows(state.layers(), new double[][] {state.h(row)}, new double[][] {state.c(row)});
    }

    /** Steps {@code from} (inclusive) to {@code to} (exclusive) of every row. */
    static double[][][] steps(double[][][] batch, int from, int to) {
        double[][][] slice = new double[batch.length][][];
        for (int row = 0; row < batch.length; row++) {
            slice[row] = copy(Arrays.copyOfRange(batch[row], from, to));
        }
        return slice;
    }

    /** The batches' steps one after the other, row by row: the stream a stateful model reads across them. */
    public static double[][][] concatenate(List<double[][][]> batches) {
        int rows = batches.get(0).length;
        double[][][] stream = new double[rows][][];
        for (int row = 0; row < rows; row++) {
            List<double[]> steps = new ArrayList<>();
            for (double[][][] batch : batches) {
                for (double[] step : batch[row]) {
                    steps.add(step.clone());
                }
            }
            stream[row] = steps.toArray(double[][]::new);
        }
        return stream;
    }

    static double[][][] copy(double[][][] batch) {
        double[][][] copy = new double[batch.length][][];
        for (int row = 0; row < batch.length; row++) {
            copy[row] = copy(batch[row]);
        }
        return copy;
    }

    private static double[][] copy(double[][] steps) {
        double[][] copy = new double[steps.length][];
        for (int step = 0; step < steps.length; step++) {
            copy[step] = steps[step].clone();
        }
        return copy;
    }
}
