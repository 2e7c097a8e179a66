package io.github.statefullstm.rnn.reference;

/**
 * What the forward pass of one batch leaves for the backward pass: every row's h and c before and after each step
 * (index 0 is the incoming state), the gate values, and the final logits. Grown, never shrunk, so a model that
 * keeps seeing batches of one shape allocates nothing after its first call.
 */
final class Tape {

    final int units;
    int rows;
    int steps;
    double[] h = new double[0];
    double[] c = new double[0];
    double[] gates = new double[0];
    double[] logits = new double[0];
    /** The masked steps of the batch, {@code [row][step]}, or null when it has none. */
    private boolean[][] skipped;

    Tape(int units) {
        this.units = units;
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
        if (gates.length < rows * steps * 4 * units) {
            gates = new double[rows * steps * 4 * units];
        }
        if (logits.length < rows) {
            logits = new double[rows];
        }
    }

    /** Offset of h and c of {@code row} after {@code step} steps (0: the incoming state). */
    int stateAt(int row, int step) {
        return (row * (steps + 1) + step) * units;
    }

    /** Offset of the gates i, f, c, o of {@code row} at {@code step}. */
    int gatesAt(int row, int step) {
        return (row * steps + step) * 4 * units;
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

    void setIncoming(int row, double[] hRow, double[] cRow) {
        System.arraycopy(hRow, 0, h, stateAt(row, 0), units);
        System.arraycopy(cRow, 0, c, stateAt(row, 0), units);
    }

    /** Copies the state after the last step of {@code row} out. */
    void copyFinal(int row, double[] hRow, double[] cRow) {
        System.arraycopy(h, stateAt(row, steps), hRow, 0, units);
        System.arraycopy(c, stateAt(row, steps), cRow, 0, units);
    }
}
