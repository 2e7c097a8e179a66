package io.github.statefullstm.rnn.reference;

import io.github.statefullstm.rnn.Cell;
import io.github.statefullstm.rnn.GateActivation;
import io.github.statefullstm.rnn.Sigmoid;

/**
 * The arithmetic of a stack of recurrent layers (LSTM or GRU) -> Dense(1, sigmoid), forward and backward from the
 * errors at the logits, on plain {@code double[]}s: the kata's central exercise. Every row is computed on its own with
 * the same sequence of operations, so a row's numbers never depend on the other rows of its batch, to the last bit.
 *
 * <p>The forward pass records what the backward pass needs in one {@link Tape} per layer; layer 0 reads the inputs,
 * each layer above reads the h the layer below left at the same step. The backward pass runs back-propagation through
 * every step of the batch, top layer first, each layer sending the errors at its inputs down to the h of the layer
 * below, and stops at the incoming state, which it treats as a constant (Keras' stateful {@code train_on_batch}: the
 * state crosses the batch boundary, the gradient does not).
 */
final class LstmCore {

    /** Keras' and DL4J's hard sigmoid is {@code clip(SLOPE * z + 0.5, 0, 1)}. */
    private static final double HARD_SIGMOID_SLOPE = 0.2;

    private final FlatParameters layout;
    private final boolean hardGates;
    private final boolean gru;
    /** Scratch: pre-activations on the way forward, their gradients on the way back. */
    private final double[] z;
    private final double[] dh;
    private final double[] dc;
    /** Scratch: a higher layer's input at one step, the h the layer below left there. */
    private final double[] below;
    /** Scratch for a GRU's backward step: the error at r ⊙ h. */
    private final double[] dResetH;

    LstmCore(FlatParameters layout, GateActivation gateActivation) {
        this.layout = layout;
        this.hardGates = gateActivation == GateActivation.HARD_SIGMOID;
        this.gru = layout.cell() == Cell.GRU;
        this.z = new double[layout.gates()];
        this.dh = new double[layout.units()];
        this.dc = new double[layout.units()];
        this.below = new double[layout.units()];
        this.dResetH = new double[layout.units()];
    }

    /**
     * Runs every row through every step of every layer from the state already in each layer's tape at step 0; fills
     * the tapes, and the top one's logits. A step the tapes say is masked leaves the row's state as it was in every
     * layer, as Keras' mask does, which goes up the stack with the sequences.
     */
    void forward(double[] p, double[][][] inputs, Tape[] tapes) {
        for (int layer = 0; layer < tapes.length; layer++) {
            Tape tape = tapes[layer];
            for (int row = 0; row < tape.rows; row++) {
                for (int step = 0; step < tape.steps; step++) {
                    if (tape.skips(row, step)) {
                        tape.carryThrough(row, step);
                        continue;
                    }
                    double[] x = layer == 0 ? inputs[row][step] : hOf(tapes[layer - 1], row, step);
                    if (gru) {
                        gruStep(p, layer, x, tape, row, step);
                    } else {
                        preActivations(p, layer, x, tape.h, tape.stateAt(row, step));
                        cell(tape, tape.gatesAt(row, step), tape.stateAt(row, step), tape.stateAt(row, step + 1));
                    }
                }
            }
        }
        Tape top = tapes[tapes.length - 1];
        for (int row = 0; row < top.rows; row++) {
            top.logits[row] = logitAfter(p, top, row, top.steps);
        }
    }

    /** The h {@code tape}'s layer left after {@code step} of {@code row}: the next layer's input there. */
    private double[] hOf(Tape tape, int row, int step) {
        System.arraycopy(tape.h, tape.stateAt(row, step + 1), below, 0, below.length);
        return below;
    }

    /** The dense head's logit from row's h after {@code steps} steps of the top layer's tape (0: the incoming h). */
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

    /**
     * One step of a GRU layer (Keras' {@code reset_after=False}): z and r from x and h, the candidate from x and
     * r ⊙ h, then {@code h' = z ⊙ h + (1 - z) ⊙ candidate}. Records z, r and the candidate at the step's gates.
     */
    private void gruStep(double[] p, int layer, double[] x, Tape tape, int row, int step) {
        int u = layout.units();
        int prev = tape.stateAt(row, step);
        int next = tape.stateAt(row, step + 1);
        int g = tape.gatesAt(row, step);
        int width = layout.gates();
        System.arraycopy(p, layout.bias(layer), z, 0, width);
        for (int f = 0; f < x.length; f++) {
            axpy(x[f], p, layout.kernel(layer, f), z, 0, width);
        }
        for (int j = 0; j < u; j++) {
            axpy(tape.h[prev + j], p, layout.recurrent(layer, j), z, 0, 2 * u);
        }
        for (int j = 0; j < u; j++) {
            tape.gates[g + j] = gate(z[j]);
            tape.gates[g + u + j] = gate(z[u + j]);
        }
        for (int j = 0; j < u; j++) {
            axpy(tape.gates[g + u + j] * tape.h[prev + j], p, layout.recurrent(layer, j) + 2 * u, z, 2 * u, u);
        }
        for (int j = 0; j < u; j++) {
            double update = tape.gates[g + j];
            double candidate = Math.tanh(z[2 * u + j]);
            tape.gates[g + 2 * u + j] = candidate;
            tape.h[next + j] = update * tape.h[prev + j] + (1 - update) * candidate;
        }
    }

    /** z = bias + x · kernel + h · recurrentKernel of {@code layer}, into the scratch {@link #z}. */
    private void preActivations(double[] p, int layer, double[] x, double[] h, int hAt) {
        int width = layout.gates();
        System.arraycopy(p, layout.bias(layer), z, 0, width);
        for (int f = 0; f < x.length; f++) {
            axpy(x[f], p, layout.kernel(layer, f), z, 0, width);
        }
        for (int j = 0; j < layout.units(); j++) {
            axpy(h[hAt + j], p, layout.recurrent(layer, j), z, 0, width);
        }
    }

    /** into[intoAt + k] += a * from[fromAt + k] for k below length: the one inner loop of both passes. */
    private static void axpy(double a, double[] from, int fromAt, double[] into, int intoAt, int length) {
        for (int k = 0; k < length; k++) {
            into[intoAt + k] += a * from[fromAt + k];
        }
    }

    /** The dot product of {@code length} values of {@code a} from {@code aAt} and of {@code b} from {@code bAt}. */
    private static double dot(double[] a, int aAt, double[] b, int bAt, int length) {
        double sum = 0;
        for (int k = 0; k < length; k++) {
            sum += a[aAt + k] * b[bAt + k];
        }
        return sum;
    }

    /**
     * Adds to {@code grad} the gradient of the loss whose error at each row's logit after each step is
     * {@code logitErrors[row][step]} (0 where that answer counts for nothing). The tapes must hold the forward pass of
     * these inputs with these parameters. The top layer takes its errors from the head; each layer below takes them
     * from the errors the layer above sent to its inputs, step by step.
     */
    void backward(double[] p, double[][][] inputs, double[][] logitErrors, Tape[] tapes, double[] grad) {
        int top = tapes.length - 1;
        for (int layer = top; layer >= 0; layer--) {
            Tape tape = tapes[layer];
            Tape above = layer == top ? null : tapes[layer + 1];
            if (layer > 0) {
                tape.clearInputErrors(layout.inputsOf(layer));
            }
            for (int row = 0; row < tape.rows; row++) {
                if (above == null) {
                    fromTheHead(p, tape, row, logitErrors[row][tape.steps - 1], grad);
                } else {
                    java.util.Arrays.fill(dh, 0);
                    java.util.Arrays.fill(dc, 0);
                    fromAbove(above, row, tape.steps - 1);
                }
                for (int step = tape.steps - 1; step >= 0; step--) {
                    if (step < tape.steps - 1) {
                        if (above == null) {
                            headBack(p, tape, row, step, logitErrors[row][step], grad);
                        } else {
                            fromAbove(above, row, step);
                        }
                    }
                    // a masked step is the identity on the state: dh and dc go through it as they are
                    if (!tape.skips(row, step)) {
                        double[] x = layer == 0 ? inputs[row][step] : hOf(tapes[layer - 1], row, step);
                        if (gru) {
                            gruStepBack(p, layer, x, tape, row, step, grad);
                        } else {
                            stepBack(p, layer, x, tape, row, step, grad);
                        }
                    }
                }
            }
        }
    }

    /** The top layer's errors at its last step, from the head's error at the last answer. */
    private void fromTheHead(double[] p, Tape tape, int row, double dLogit, double[] grad) {
        int last = tape.stateAt(row, tape.steps);
        grad[layout.denseBias()] += dLogit;
        for (int j = 0; j < layout.units(); j++) {
            grad[layout.dense() + j] += dLogit * tape.h[last + j];
            dh[j] = dLogit * p[layout.dense() + j];
            dc[j] = 0;
        }
    }

    /** A lower layer's share at {@code step}: the errors the layer above sent to its input there join dh. */
    private void fromAbove(Tape above, int row, int step) {
        int at = above.inputErrorsAt(row, step, dh.length);
        for (int j = 0; j < dh.length; j++) {
            dh[j] += above.inputErrors[at + j];
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

    /**
     * One step of BPTT through an LSTM layer: from dh, dc at the step's output to dz, the weight gradients, the errors
     * at the step's inputs (above layer 0), and dh, dc one step earlier.
     */
    private void stepBack(double[] p, int layer, double[] x, Tape tape, int row, int step, double[] grad) {
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
        weightGradients(layer, x, tape.h, prev, layout.gates(), grad);
        inputErrors(p, layer, x.length, tape, row, step);
        if (step > 0) { // at step 0 the incoming state is a constant: nothing flows further back
            for (int j = 0; j < u; j++) {
                dh[j] = dot(p, layout.recurrent(layer, j), z, 0, z.length);
            }
        }
    }

    /**
     * One step of BPTT through a GRU layer: from dh at the step's output to the pre-activations' errors, the weight
     * gradients, the errors at the step's inputs (above layer 0), and dh one step earlier, which h reaches four ways:
     * through z ⊙ h, through z's and r's pre-activations, and through r ⊙ h in the candidate's.
     */
    private void gruStepBack(double[] p, int layer, double[] x, Tape tape, int row, int step, double[] grad) {
        int u = layout.units();
        int g = tape.gatesAt(row, step);
        int prev = tape.stateAt(row, step);
        for (int j = 0; j < u; j++) {
            double update = tape.gates[g + j];
            double candidate = tape.gates[g + 2 * u + j];
            z[j] = dh[j] * (tape.h[prev + j] - candidate) * gateSlope(update);
            z[2 * u + j] = dh[j] * (1 - update) * (1 - candidate * candidate);
        }
        for (int j = 0; j < u; j++) {
            dResetH[j] = dot(p, layout.recurrent(layer, j) + 2 * u, z, 2 * u, u);
            double reset = tape.gates[g + u + j];
            z[u + j] = dResetH[j] * tape.h[prev + j] * gateSlope(reset);
        }
        weightGradients(layer, x, tape.h, prev, 2 * u, grad);
        for (int j = 0; j < u; j++) {
            axpy(tape.gates[g + u + j] * tape.h[prev + j], z, 2 * u, grad, layout.recurrent(layer, j) + 2 * u, u);
        }
        inputErrors(p, layer, x.length, tape, row, step);
        if (step > 0) { // at step 0 the incoming state is a constant: nothing flows further back
            for (int j = 0; j < u; j++) {
                double reset = tape.gates[g + u + j];
                dh[j] = dh[j] * tape.gates[g + j] + dResetH[j] * reset + dot(p, layout.recurrent(layer, j), z, 0, 2 * u);
            }
        }
    }

    /**
     * Adds the step's share to the layer's bias and kernel, from the pre-activations' errors in {@link #z}, and to the
     * first {@code recurrentWidth} columns of its recurrent kernel, from the h the step started from.
     */
    private void weightGradients(int layer, double[] x, double[] h, int prev, int recurrentWidth, double[] grad) {
        int width = layout.gates();
        axpy(1, z, 0, grad, layout.bias(layer), width);
        for (int f = 0; f < x.length; f++) {
            axpy(x[f], z, 0, grad, layout.kernel(layer, f), width);
        }
        for (int j = 0; j < layout.units(); j++) {
            axpy(h[prev + j], z, 0, grad, layout.recurrent(layer, j), recurrentWidth);
        }
    }

    /** Above layer 0, the errors at the step's inputs, the h of the layer below: what that layer's BPTT takes in. */
    private void inputErrors(double[] p, int layer, int inputs, Tape tape, int row, int step) {
        if (layer == 0) {
            return;
        }
        int at = tape.inputErrorsAt(row, step, inputs);
        for (int f = 0; f < inputs; f++) {
            tape.inputErrors[at + f] = dot(p, layout.kernel(layer, f), z, 0, z.length);
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
