package io.github.statefullstm.rnn;

import io.github.statefullstm.refusal.Refusal;
import java.util.Arrays;

/**
 * The recurrent state as a value: the hidden output {@code h} and the cell {@code c} of every row,
 * each {@code [rows][units]}. Immutable: arrays are copied in and out.
 */
public final class LstmState {

    private final double[][] h;
    private final double[][] c;

    public LstmState(double[][] h, double[][] c) {
        Refusal.require(h != null && c != null, "state", null, "h and c must be given");
        // Each message is built only for a refusal: a state is made for every batch, and a message built for every
        // row of every one would be paid on every batch of a training run.
        if (h.length != c.length) {
            throw Refusal.refused("state rows", h.length + " and " + c.length,
                    "h and c must have the same number of rows");
        }
        for (int row = 0; row < h.length; row++) {
            if (h[row].length != c[row].length || h[row].length != h[0].length) {
                throw Refusal.refused("state row " + row, h[row].length + " and " + c[row].length,
                        "every row of h and c must have the same width");
            }
        }
        this.h = deepCopy(h);
        this.c = deepCopy(c);
    }

    public static LstmState zeros(int rows, int units) {
        return new LstmState(new double[rows][units], new double[rows][units]);
    }

    public int rows() {
        return h.length;
    }

    public int units() {
        return h.length == 0 ? 0 : h[0].length;
    }

    public double[] h(int row) {
        return h[row].clone();
    }

    public double[] c(int row) {
        return c[row].clone();
    }

    public double[][] h() {
        return deepCopy(h);
    }

    public double[][] c() {
        return deepCopy(c);
    }

    /** Row {@code row} alone, as the state of a batch of one: what a model of batch size 1 continues from. */
    public LstmState row(int row) {
        Refusal.require(row >= 0 && row < rows(), "row", row, "must be in [0, " + rows() + "), a row of this state");
        return new LstmState(new double[][] {h[row]}, new double[][] {c[row]});
    }

    /** This state with row {@code row} replaced by {@code other}'s row {@code otherRow}. */
    public LstmState withRow(int row, LstmState other, int otherRow) {
        double[][] newH = deepCopy(h);
        double[][] newC = deepCopy(c);
        newH[row] = other.h[otherRow].clone();
        newC[row] = other.c[otherRow].clone();
        return new LstmState(newH, newC);
    }

    /** True when every row is exactly zero, as after {@code resetStates()}. */
    public boolean isZero() {
        for (int row = 0; row < h.length; row++) {
            for (int unit = 0; unit < h[row].length; unit++) {
                if (h[row][unit] != 0 || c[row][unit] != 0) {
                    return false;
                }
            }
        }
        return true;
    }

    static double[][] deepCopy(double[][] a) {
        double[][] copy = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            copy[i] = a[i].clone();
        }
        return copy;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LstmState other && Arrays.deepEquals(h, other.h) && Arrays.deepEquals(c, other.c);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.deepHashCode(h) + Arrays.deepHashCode(c);
    }

    @Override
    public String toString() {
        return "LstmState{h=" + Arrays.deepToString(h) + ", c=" + Arrays.deepToString(c) + "}";
    }
}
