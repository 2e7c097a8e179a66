package io.github.statefullstm.rnn.reference;

import io.github.statefullstm.rnn.GateActivation;
import io.github.statefullstm.rnn.Sigmoid;

/**
 * The arithmetic of LSTM(units) -> Dense(1, sigmoid), forward and backward from the errors at the logits, on plain
 * {@code double[]}s: the kata's central exercise. Every row is computed on its own with the same sequence of
 * operations, so a row's numbers never depend on the other rows of its batch, to the last bit.
 *
 * <p>The forward pass records what the backward pass needs in a {@link Tape}; the backward pass runs
 * back-propagation through every step of the batch and stops at the incoming state, which it treats as a
 * constant (Keras' stateful {@code train_on_batch}: the state crosses the batch boundary, the gradient does not).
 */
final class LstmCore {

    /** Keras' and DL4J's hard sigmoid is {@code clip(SLOPE * z + 0.5, 0, 1)}. */
    private static final double HARD_SIGMOID_SLOPE = 0.2;

    private final FlatParameters layout;
    private final boolean hardGates;
    /** Scratch: pre-activations on the way forward, their gradients on the way back. */
    private final double[] z;
    private final double[] dh;
    private final double[] dc;

    LstmCore(FlatParameters layout, GateActivation gateActivation) {
        this.layout = layout;
        this.hardGates = gateActivation == GateActivation.HARD_SIGMOID;
        this.z = new double[layout.gates()];
        this.dh = new double[layout.units()];
        this.dc = new double[layout.units()];
    }

    /**
     * Runs every row through every step from the state already in {@code tape} at step 0; fills the tape. A step the
     * tape says is masked leaves the row's state as it was.
     */
    void forward(double[] p, double[][][] inputs, Tape tape) {
        for (int row = 0; row < tape.rows; row++) {
            for (int step = 0; step < tape.steps; step++) {
                if (tape.skips(row, step)) {
                    tape.carryThrough(row, step);
                    continue;
                }
                preActivations(p, inputs[row][step], tape.h, tape.stateAt(row, step));
                cell(tape, tape.gatesAt(row, step), tape.stateAt(row, step), tape.stateAt(row, step + 1));
            }
            tape.logits[row] = logitAfter(p, tape, row, tape.steps);
        }
    }

    /** The dense head's logit from row's h after {@code steps} steps of the tape's batch (0: the incoming h). */
    double logitAfter(double[] p, Tape tape, int row, int steps) {
        double logit = p[layout.denseBias()];
        int at = tape.stateAt(row, steps);
        for (int j = 0; j < layout.units(); j++) {
            logit += p[layout.dense() + j] * tape.h[at + j];
        }
        return logit;
    }

    /**
     * One step of the cell, from the pre-activations in {@link #z} (blocks i, f, c, o of {@code units} each) and the
     * state at {@code prev}: records the four gate values at {@code g} and the new h and c at {@code next}.
     */
    private void cell(Tape tape, int g, int prev, int next) {
        // kata:begin cell
        int u = layout.units();
        for (int j = 0; j < u; j++) {
            double in = gate(z[j]);
            double forget = gate(z[u + j]);
            double candidate = Math.tanh(z[2 * u + j]);
            double out = gate(z[3 * u + j]);
            double c = forget * tape.c[prev + j] + in * candidate;
            tape.gates[g + j] = in;
            tape.gates[g + u + j] = forget;
            tape.gates[g + 2 * u + j] = candidate;
            tape.gates[g + 3 * u + j] = out;
            tape.c[next + j] = c;
            tape.h[next + j] = out * Math.tanh(c);
        }
        // kata:end
    }

    /** z = bias + x · kernel + h · recurrentKernel, into the scratch {@link #z}. */
    private void preActivations(double[] p, double[] x, double[] h, int hAt) {
        int width = layout.gates();
        System.arraycopy(p, layout.bias(), z, 0, width);
        for (int f = 0; f < x.length; f++) {
            axpy(x[f], p, layout.kernel(f), z, 0, width);
        }
        for (int j = 0; j < layout.units(); j++) {
            axpy(h[hAt + j], p, layout.recurrent(j), z, 0, width);
        }
    }

    /** into[intoAt + k] += a * from[fromAt + k] for k below length: the one inner loop of both passes. */
    private static void axpy(double a, double[] from, int fromAt, double[] into, int intoAt, int length) {
        for (int k = 0; k < length; k++) {
            into[intoAt + k] += a * from[fromAt + k];
        }
    }

    /**
     * Adds to {@code grad} the gradient of the loss whose error at each row's logit after each step is
     * {@code logitErrors[row][step]} (0 where that answer counts for nothing). The tape must hold the forward pass of
     * these inputs with these parameters.
     */
    void backward(double[] p, double[][][] inputs, double[][] logitErrors, Tape tape, double[] grad) {
        int u = layout.units();
        for (int row = 0; row < tape.rows; row++) {
            double dLogit = logitErrors[row][tape.steps - 1];
            int last = tape.stateAt(row, tape.steps);
            grad[layout.denseBias()] += dLogit;
            for (int j = 0; j < u; j++) {
                grad[layout.dense() + j] += dLogit * tape.h[last + j];
                dh[j] = dLogit * p[layout.dense() + j];
                dc[j] = 0;
            }
            for (int step = tape.steps - 1; step >= 0; step--) {
                if (step < tape.steps - 1) {
                    headBack(p, tape, row, step, logitErrors[row][step], grad);
                }
                // a masked step is the identity on the state: dh and dc go through it as they are
                if (!tape.skips(row, step)) {
                    stepBack(p, inputs[row][step], tape, row, step, grad);
                }
            }
        }
    }

    /**
     * The head's share at an answer before the last: its error reaches the dense weights and joins the error that
     * flows back into h after {@code step}. An answer that counts for nothing adds nothing, not even a rounding.
     */
    private void headBack(double[] p, Tape tape, int row, int step, double dLogit, double[] grad) {
        if (dLogit == 0) {
            return;
        }
        int at = tape.stateAt(row, step + 1);
        grad[layout.denseBias()] += dLogit;
        for (int j = 0; j < layout.units(); j++) {
            grad[layout.dense() + j] += dLogit * tape.h[at + j];
            dh[j] += dLogit * p[layout.dense() + j];
        }
    }

    /** One step of BPTT: from dh, dc at the step's output to dz, the weight gradients, and dh, dc one step earlier. */
    private void stepBack(double[] p, double[] x, Tape tape, int row, int step, double[] grad) {
        int u = layout.units();
        int g = tape.gatesAt(row, step);
        int prev = tape.stateAt(row, step);
        int next = tape.stateAt(row, step + 1);
        for (int j = 0; j < u; j++) {
            double in = tape.gates[g + j];
            double forget = tape.gates[g + u + j];
            double candidate = tape.gates[g + 2 * u + j];
            double out = tape.gates[g + 3 * u + j];
            double tanhC = Math.tanh(tape.c[next + j]);
            double dCell = dc[j] + dh[j] * out * (1 - tanhC * tanhC);
            z[j] = dCell * candidate * gateSlope(in);
            z[u + j] = dCell * tape.c[prev + j] * gateSlope(forget);
            z[2 * u + j] = dCell * in * (1 - candidate * candidate);
            z[3 * u + j] = dh[j] * tanhC * gateSlope(out);
            dc[j] = dCell * forget;
        }
        int width = layout.gates();
        axpy(1, z, 0, grad, layout.bias(), width);
        for (int f = 0; f < x.length; f++) {
            axpy(x[f], z, 0, grad, layout.kernel(f), width);
        }
        for (int j = 0; j < u; j++) {
            axpy(tape.h[prev + j], z, 0, grad, layout.recurrent(j), width);
        }
        if (step > 0) { // at step 0 the incoming state is a constant: nothing flows further back
            for (int j = 0; j < u; j++) {
                double sum = 0;
                int from = layout.recurrent(j);
                for (int k = 0; k < z.length; k++) {
                    sum += p[from + k] * z[k];
                }
                dh[j] = sum;
            }
        }
    }

    private double gate(double x) {
        return hardGates ? Math.max(0, Math.min(1, HARD_SIGMOID_SLOPE * x + 0.5)) : Sigmoid.of(x);
    }

    /**
     * The gate's derivative from its value. Hard sigmoid: the slope strictly inside (0, 1), i.e. for
     * z in (-2.5, 2.5), and 0 where it is clipped flat.
     */
    private double gateSlope(double value) {
        if (hardGates) {
            return value > 0 && value < 1 ? HARD_SIGMOID_SLOPE : 0;
        }
        return value * (1 - value);
    }
}
