package io.github.statefullstm.rnn;

import io.github.statefullstm.refusal.Refusal;
import java.util.Arrays;

/**
 * The recurrent state as a value: for every row, the hidden output {@code h} of every layer and, for an LSTM, the
 * cell {@code c} of every layer. A row's state is one vector per kind, its layers side by side, layer 0 first, each
 * {@code units} wide: {@link #h(int)} of a two-layer state is layer 0's h followed by layer 1's. So whatever compares,
 * copies or zeroes a row's state covers every layer at once, which is what a stateful stack needs: Keras'
 * {@code reset_states()} on the model zeroes every layer, and row i of each layer goes to row i of the same layer.
 * A GRU's state is h alone: its c has no units ({@link #hasCell()} is false). Immutable: arrays are copied in and out.
 */
public final class LstmState {

    private final int layers;
    private final double[][] h;
    private final double[][] c;

    /** One layer's state: h and c, each {@code [rows][units]}; a c of rows without units is a GRU's (h alone). */
    public LstmState(double[][] h, double[][] c) {
        this(1, h, c);
    }

    private LstmState(int layers, double[][] h, double[][] c) {
        Refusal.require(h != null && c != null, "state", null, "h and c must be given");
        // Each message is built only for a refusal: a state is made for every batch, and a message built for every
        // row of every one would be paid on every batch of a training run.
        if (h.length != c.length) {
            throw Refusal.refused("state rows", h.length + " and " + c.length,
                    "h and c must have the same number of rows");
        }
        boolean cell = h.length == 0 || c[0].length != 0;
        for (int row = 0; row < h.length; row++) {
            if (h[row].length != h[0].length || c[row].length != (cell ? h[row].length : 0)) {
                throw Refusal.refused("state row " + row, h[row].length + " and " + c[row].length,
                        "every row of h must have the same width, and c the width of h, or none (a GRU's)");
            }
        }
        if (h.length > 0 && h[0].length % layers != 0) {
            throw Refusal.refused("state width", h[0].length, "must hold " + layers + " layers of equal units");
        }
        this.layers = layers;
        this.h = deepCopy(h);
        this.c = deepCopy(c);
    }

    /**
     * A state of {@code h.length} layers: {@code h[layer][row][unit]}, and {@code c} alike, or null for a GRU's state,
     * which is h alone.
     */
    public static LstmState ofLayers(double[][][] h, double[][][] c) {
        Refusal.require(h != null && h.length > 0, "state layers", h == null ? null : 0, "must be >= 1");
        Refusal.require(c == null || c.length == h.length, "state c layers", c == null ? null : c.length,
                "must equal h's layers = " + h.length);
        int rows = h[0].length;
        for (int layer = 0; layer < h.length; layer++) {
            Refusal.require(h[layer].length == rows && (c == null || c[layer].length == rows),
                    "state rows of layer " + layer, h[layer].length, "must equal layer 0's rows = " + rows);
        }
        int units = rows == 0 ? 0 : h[0][0].length;
        double[][] joinedH = new double[rows][];
        double[][] joinedC = new double[rows][];
        for (int row = 0; row < rows; row++) {
            joinedH[row] = join(h, row, units);
            joinedC[row] = c == null ? new double[0] : join(c, row, units);
        }
        return new LstmState(h.length, joinedH, joinedC);
    }

    private static double[] join(double[][][] perLayer, int row, int units) {
        double[] joined = new double[perLayer.length * units];
        for (int layer = 0; layer < perLayer.length; layer++) {
            Refusal.require(perLayer[layer][row].length == units, "state units of layer " + layer + ", row " + row,
                    perLayer[layer][row].length, "must equal layer 0's units = " + units);
            System.arraycopy(perLayer[layer][row], 0, joined, layer * units, units);
        }
        return joined;
    }

    /**
     * A state of {@code layers} layers from each row's vectors, its layers side by side as {@link #h(int)} gives them:
     * {@code h} is {@code [rows][layers * units]}, and {@code c} alike, or {@code [rows][0]} for a GRU's state.
     */
    public static LstmState ofRows(int layers, double[][] h, double[][] c) {
        Refusal.require(layers >= 1, "state layers", layers, "must be >= 1");
        return new LstmState(layers, h, c);
    }

    /** One LSTM layer's zero state. */
    public static LstmState zeros(int rows, int units) {
        return new LstmState(new double[rows][units], new double[rows][units]);
    }

    /** The zero state of a model of architecture {@code spec}, {@code rows} rows: every layer, c only if it has one. */
    public static LstmState zeros(LstmSpec spec, int rows) {
        int width = spec.layers() * spec.units();
        return new LstmState(spec.layers(), new double[rows][width],
                new double[rows][spec.cell().carriesCell() ? width : 0]);
    }

    public int rows() {
        return h.length;
    }

    public int layers() {
        return layers;
    }

    /** Units of each layer. */
    public int units() {
        return h.length == 0 ? 0 : h[0].length / layers;
    }

    /** Whether the state has a cell c beside h: an LSTM's has, a GRU's is h alone. */
    public boolean hasCell() {
        return h.length == 0 || c[0].length != 0;
    }

    /** Whether a model of architecture {@code spec} carries a state of this shape (any number of rows). */
    public boolean fits(LstmSpec spec) {
        return layers == spec.layers() && (h.length == 0 || units() == spec.units()
                && hasCell() == spec.cell().carriesCell());
    }

    /** Row {@code row}'s h of every layer, side by side, layer 0 first. */
    public double[] h(int row) {
        return h[row].clone();
    }

    /** Row {@code row}'s c of every layer, side by side, layer 0 first; empty for a GRU's state. */
    public double[] c(int row) {
        return c[row].clone();
    }

    /** Every row's {@link #h(int)}. */
    public double[][] h() {
        return deepCopy(h);
    }

    /** Every row's {@link #c(int)}. */
    public double[][] c() {
        return deepCopy(c);
    }

    /** Layer {@code layer}'s state alone, every row, as a one-layer state. */
    public LstmState layer(int layer) {
        Refusal.require(layer >= 0 && layer < layers, "layer", layer, "must be in [0, " + layers + ")");
        int units = units();
        double[][] layerH = new double[h.length][];
        double[][] layerC = new double[h.length][];
        for (int row = 0; row < h.length; row++) {
            layerH[row] = Arrays.copyOfRange(h[row], layer * units, (layer + 1) * units);
            layerC[row] = hasCell() ? Arrays.copyOfRange(c[row], layer * units, (layer + 1) * units) : new double[0];
        }
        return new LstmState(layerH, layerC);
    }

    /** Row {@code row} alone, as the state of a batch of one: what a model of batch size 1 continues from. */
    public LstmState row(int row) {
        Refusal.require(row >= 0 && row < rows(), "row", row, "must be in [0, " + rows() + "), a row of this state");
        return new LstmState(layers, new double[][] {h[row]}, new double[][] {c[row]});
    }

    /** This state with row {@code row} replaced by {@code other}'s row {@code otherRow}, every layer of it. */
    public LstmState withRow(int row, LstmState other, int otherRow) {
        double[][] newH = deepCopy(h);
        double[][] newC = deepCopy(c);
        newH[row] = other.h[otherRow].clone();
        newC[row] = other.c[otherRow].clone();
        return new LstmState(layers, newH, newC);
    }

    /** True when every row is exactly zero, as after {@code resetStates()}. */
    public boolean isZero() {
        return allZero(h) && allZero(c);
    }

    private static boolean allZero(double[][] a) {
        for (double[] row : a) {
            for (double value : row) {
                if (value != 0) {
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
        return o instanceof LstmState other && layers == other.layers && Arrays.deepEquals(h, other.h)
                && Arrays.deepEquals(c, other.c);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * layers + Arrays.deepHashCode(h)) + Arrays.deepHashCode(c);
    }

    @Override
    public String toString() {
        return "LstmState{" + (layers == 1 ? "" : "layers=" + layers + ", ") + "h=" + Arrays.deepToString(h)
                + (hasCell() ? ", c=" + Arrays.deepToString(c) : "") + "}";
    }
}
