package io.github.statefullstm.rnn.reference;

/**
 * What the forward pass of one batch through one layer leaves for the backward pass: every row's h and c before and
 * after each step (index 0 is the incoming state), the gate values, the errors the backward pass sends to the layer's
 * inputs, and, on the top layer, the final logits. Grown, never shrunk, so a model that keeps seeing batches of one
 * shape allocates nothing after its first call. A GRU's tape leaves c unused: its state is h alone.
 */
final class Tape {

    final int units;
    /** Width of one step's gate values: 4 units for an LSTM, 3 for a GRU. */
    private final int gateWidth;
    int rows;
    int steps;
    double[] h = new double[0];
    double[] c = new double[0];
    double[] gates = new double[0];
    double[] logits = new double[0];
    /** dLoss/dInput of every row at every step: what a layer above sends down to the h of the layer below. */
    double[] inputErrors = new double[0];
    /** The masked steps of the batch, {@code [row][step]}, or null when it has none. */
    private boolean[][] skipped;

    Tape(int units, int gatesPerUnit) {
        this.units = units;
        this.gateWidth = gatesPerUnit * units;
    }

    /**
     * Makes room for a batch of this shape, whose masked steps are {@code skipped} (null for none); the contents are
     * left as they are until the next forward pass.
     */
    void resize(int rows, int steps, boolean[][] skipped) {
        this.rows = rows;
        this.steps = steps;
        this.skipped = skipped;
        int states = rows * (steps + 1) * units;
        if (h.length < states) {
            h = new double[states];
            c = new double[states];
        }
        if (gates.length < rows * steps * gateWidth) {
            gates = new double[rows * steps * gateWidth];
        }
        if (logits.length < rows) {
            logits = new double[rows];
        }
    }

    /** Offset of h and c of {@code row} after {@code step} steps (0: the incoming state). */
    int stateAt(int row, int step) {
        return (row * (steps + 1) + step) * units;
    }

    /** Offset of the gate values of {@code row} at {@code step}. */
    int gatesAt(int row, int step) {
        return (row * steps + step) * gateWidth;
    }

    /** Offset of the errors at the inputs of {@code row} at {@code step}, {@code width} of them per step. */
    int inputErrorsAt(int row, int step, int width) {
        return (row * steps + step) * width;
    }

    /** Zeroed room for the errors at {@code width} inputs of every row and step. */
    void clearInputErrors(int width) {
        int size = rows * steps * width;
        if (inputErrors.length < size) {
            inputErrors = new double[size];
        } else {
            java.util.Arrays.fill(inputErrors, 0, size, 0);
        }
    }

    /** Whether {@code step} of {@code row} is masked: the state goes through it unchanged. */
    boolean skips(int row, int step) {
        return skipped != null && skipped[row][step];
    }

    /** A masked step: the state after it is the state before it. */
    void carryThrough(int row, int step) {
        System.arraycopy(h, stateAt(row, step), h, stateAt(row, step + 1), units);
        System.arraycopy(c, stateAt(row, step), c, stateAt(row, step + 1), units);
    }

    /** Row {@code row}'s incoming state: {@code units} values of each from {@code from}; a GRU's c is empty. */
    void setIncoming(int row, double[] hRow, double[] cRow, int from) {
        System.arraycopy(hRow, from, h, stateAt(row, 0), units);
        if (cRow.length > 0) {
            System.arraycopy(cRow, from, c, stateAt(row, 0), units);
        }
    }

    /** Copies the state after the last step of {@code row} out, to {@code from} on; a GRU's c is empty. */
    void copyFinal(int row, double[] hRow, double[] cRow, int from) {
        System.arraycopy(h, stateAt(row, steps), hRow, from, units);
        if (cRow.length > 0) {
            System.arraycopy(c, stateAt(row, steps), cRow, from, units);
        }
    }
}
