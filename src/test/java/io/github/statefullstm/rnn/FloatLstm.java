package io.github.statefullstm.rnn;

import java.util.ArrayList;
import java.util.List;

/**
 * Keras' stack of 1 or more recurrent layers, every one an LSTM or every one a GRU ({@code reset_after=False}), ->
 * Dense(1, sigmoid) on the top layer -> clipped binary cross-entropy, computed in float32 from the documentation of
 * {@link LstmWeights} and {@link Cell}, forward and then backward by hand (reverse mode, through every step from the
 * incoming state, held constant, and through every layer: layer {@code l > 0} reads layer {@code l - 1}'s h at the
 * same step, and its errors go back down to it): an implementation whose rounding is large enough to measure, for
 * checking that the error bounds of {@link KerasEquations} really bound an implementation's errors.
 */
final class FloatLstm {

    /** Keras' clip bounds as float32 holds them. */
    private static final float LOWER = 1e-7f;
    private static final float UPPER = 1 - 0x1p-23f;
    private static final float SLOPE = 0.2f;

    /** Outputs, final state, mean loss and accuracy, and the mean loss's gradient in flatten() order. */
    record Result(double[] probabilities, LstmState finalState, double loss, double accuracy, double[] gradient) {
    }

    private final boolean hard;
    private final boolean gru;
    private final int layers;
    private final int units;
    /** Width of a layer's gate blocks: 4 units for an LSTM (i, f, c, o), 3 for a GRU (z, r, h). */
    private final int width;
    private final float[][][] kernel;
    private final float[][][] recurrent;
    private final float[][] bias;
    private final float[] dense;
    private final float denseBias;

    private final float[][][] gKernel;
    private final float[][][] gRecurrent;
    private final float[][] gBias;
    private final float[] gDense;
    private float gDenseBias;

    private FloatLstm(LstmWeights w, GateActivation gate) {
        hard = gate == GateActivation.HARD_SIGMOID;
        gru = w.cell() == Cell.GRU;
        layers = w.layers();
        units = w.units();
        width = w.cell().gates() * units;
        kernel = new float[layers][][];
        recurrent = new float[layers][][];
        bias = new float[layers][];
        gKernel = new float[layers][][];
        gRecurrent = new float[layers][][];
        gBias = new float[layers][];
        for (int layer = 0; layer < layers; layer++) {
            kernel[layer] = toFloat(w.kernel(layer));
            recurrent[layer] = toFloat(w.recurrentKernel(layer));
            bias[layer] = toFloat(w.bias(layer));
            gKernel[layer] = new float[kernel[layer].length][width];
            gRecurrent[layer] = new float[units][width];
            gBias[layer] = new float[width];
        }
        dense = toFloat(w.denseKernel());
        denseBias = (float) w.denseBias();
        gDense = new float[units];
    }

    static Result run(LstmWeights w, GateActivation gate, double[][][] inputs, LstmState initial, double[] targets) {
        return new FloatLstm(w, gate).run(inputs, initial, targets);
    }

    /** What one row's forward pass leaves for its backward pass, per layer and step. */
    private final class Trace {
        /** {@code in[layer][t]}: what the layer read at step t, the features or the h of the layer below. */
        final float[][][] in;
        /** {@code h[layer][t]}: the layer's h before step t; {@code h[layer][steps]} is its final h. */
        final float[][][] h;
        /** The same for c; an LSTM's only. */
        final float[][][] c;
        /** {@code gates[layer][t]}: the gates' values at step t, i f c o for an LSTM, z r ĥ for a GRU. */
        final float[][][] gates;
        /** {@code resetH[layer][t]}: a GRU's r ⊙ h at step t, what its candidate's recurrent kernel read. */
        final float[][][] resetH;

        Trace(int steps) {
            in = new float[layers][steps][];
            h = new float[layers][steps + 1][units];
            c = new float[layers][steps + 1][gru ? 0 : units];
            gates = new float[layers][steps][width];
            resetH = new float[layers][steps][gru ? units : 0];
        }
    }

    private Result run(double[][][] inputs, LstmState initial, double[] targets) {
        int rows = inputs.length;
        int steps = inputs[0].length;
        int top = layers - 1;
        double[] probabilities = new double[rows];
        double[][] finalH = new double[rows][layers * units];
        double[][] finalC = new double[rows][gru ? 0 : layers * units];
        float lossSum = 0;
        int correct = 0;

        for (int row = 0; row < rows; row++) {
            Trace trace = new Trace(steps);
            double[] h0 = initial.h(row);
            double[] c0 = initial.c(row);
            for (int layer = 0; layer < layers; layer++) {
                for (int j = 0; j < units; j++) {
                    trace.h[layer][0][j] = (float) h0[layer * units + j];
                    if (!gru) {
                        trace.c[layer][0][j] = (float) c0[layer * units + j];
                    }
                }
            }
            for (int t = 0; t < steps; t++) {
                for (int layer = 0; layer < layers; layer++) {
                    trace.in[layer][t] = layer == 0 ? toFloat(inputs[row][t]) : trace.h[layer - 1][t + 1];
                    if (gru) {
                        gruForward(trace, layer, t);
                    } else {
                        lstmForward(trace, layer, t);
                    }
                }
            }
            float[] last = trace.h[top][steps];
            float logit = denseBias;
            for (int j = 0; j < units; j++) {
                logit += dense[j] * last[j];
            }
            float p = 1 / (1 + (float) Math.exp(-logit));
            float y = (float) targets[row];
            boolean clipped = p < LOWER || p > UPPER;
            float q = clipped ? Math.min(UPPER, Math.max(LOWER, p)) : p;
            lossSum += -(y * (float) Math.log(q) + (1 - y) * (float) Math.log(1 - q));
            correct += (p > 0.5f) == (y == 1) ? 1 : 0;
            probabilities[row] = p;
            for (int layer = 0; layer < layers; layer++) {
                for (int j = 0; j < units; j++) {
                    finalH[row][layer * units + j] = trace.h[layer][steps][j];
                    if (!gru) {
                        finalC[row][layer * units + j] = trace.c[layer][steps][j];
                    }
                }
            }

            // Back through the head, then every step from the last, each step's layers from the top: the errors
            // reaching a layer's h at step t are its own step t + 1's and what the layer above read of it at step t.
            // The incoming state is a constant.
            float dLogit = clipped ? 0 : (p - y) / rows;
            gDenseBias += dLogit;
            float[][] dh = new float[layers][units];
            float[][] dc = new float[layers][gru ? 0 : units];
            for (int j = 0; j < units; j++) {
                gDense[j] += dLogit * last[j];
                dh[top][j] = dLogit * dense[j];
            }
            for (int t = steps - 1; t >= 0; t--) {
                for (int layer = top; layer >= 0; layer--) {
                    float[] dIn = gru ? gruBackward(trace, layer, t, dh) : lstmBackward(trace, layer, t, dh, dc);
                    if (layer > 0) {
                        for (int j = 0; j < units; j++) {
                            dh[layer - 1][j] += dIn[j];
                        }
                    }
                }
            }
        }

        List<double[][]> kernels = new ArrayList<>();
        List<double[][]> recurrents = new ArrayList<>();
        List<double[]> biases = new ArrayList<>();
        for (int layer = 0; layer < layers; layer++) {
            kernels.add(toDouble(gKernel[layer]));
            recurrents.add(toDouble(gRecurrent[layer]));
            biases.add(toDouble(gBias[layer]));
        }
        double[] gradient = new LstmWeights(gru ? Cell.GRU : Cell.LSTM, kernels, recurrents, biases,
                toDouble(gDense), gDenseBias).flatten();
        return new Result(probabilities, LstmState.ofRows(layers, finalH, finalC), lossSum / rows,
                (double) correct / rows, gradient);
    }

    /** bias + in · kernel + state · recurrent, column {@code col} of {@code layer}. */
    private float preActivation(int layer, int col, float[] in, float[] state) {
        float z = bias[layer][col];
        for (int f = 0; f < in.length; f++) {
            z += in[f] * kernel[layer][f][col];
        }
        for (int j = 0; j < units; j++) {
            z += state[j] * recurrent[layer][j][col];
        }
        return z;
    }

    /** c' = f ⊙ c + i ⊙ tanh(z_c), h' = o ⊙ tanh(c'). */
    private void lstmForward(Trace trace, int layer, int t) {
        float[] in = trace.in[layer][t];
        float[] h = trace.h[layer][t];
        float[] c = trace.c[layer][t];
        float[] gates = trace.gates[layer][t];
        for (int j = 0; j < units; j++) {
            float input = activate(preActivation(layer, j, in, h));
            float forget = activate(preActivation(layer, units + j, in, h));
            float candidate = (float) Math.tanh(preActivation(layer, 2 * units + j, in, h));
            float out = activate(preActivation(layer, 3 * units + j, in, h));
            gates[j] = input;
            gates[units + j] = forget;
            gates[2 * units + j] = candidate;
            gates[3 * units + j] = out;
            trace.c[layer][t + 1][j] = forget * c[j] + input * candidate;
            trace.h[layer][t + 1][j] = out * (float) Math.tanh(trace.c[layer][t + 1][j]);
        }
    }

    /** z and r from in and h, ĥ = tanh from in and r ⊙ h, h' = z ⊙ h + (1 - z) ⊙ ĥ. */
    private void gruForward(Trace trace, int layer, int t) {
        float[] in = trace.in[layer][t];
        float[] h = trace.h[layer][t];
        float[] gates = trace.gates[layer][t];
        float[] resetH = trace.resetH[layer][t];
        for (int j = 0; j < units; j++) {
            gates[j] = activate(preActivation(layer, j, in, h));
            gates[units + j] = activate(preActivation(layer, units + j, in, h));
            resetH[j] = gates[units + j] * h[j];
        }
        for (int j = 0; j < units; j++) {
            float candidate = (float) Math.tanh(preActivation(layer, 2 * units + j, in, resetH));
            gates[2 * units + j] = candidate;
            float update = gates[j];
            trace.h[layer][t + 1][j] = update * h[j] + (1 - update) * candidate;
        }
    }

    /**
     * Back through {@code layer}'s step t: {@code dh[layer]} and {@code dc[layer]} hold the errors reaching its h and
     * c after the step and are left holding those reaching them before it; adds the weights' gradients, and returns
     * the errors reaching what the layer read at the step.
     */
    private float[] lstmBackward(Trace trace, int layer, int t, float[][] dh, float[][] dc) {
        float[] gates = trace.gates[layer][t];
        float[] dz = new float[width];
        for (int j = 0; j < units; j++) {
            float input = gates[j];
            float forget = gates[units + j];
            float candidate = gates[2 * units + j];
            float out = gates[3 * units + j];
            float tanhC = (float) Math.tanh(trace.c[layer][t + 1][j]);
            float dCell = dc[layer][j] + dh[layer][j] * out * (1 - tanhC * tanhC);
            dz[j] = dCell * candidate * slope(input);
            dz[units + j] = dCell * trace.c[layer][t][j] * slope(forget);
            dz[2 * units + j] = dCell * input * (1 - candidate * candidate);
            dz[3 * units + j] = dh[layer][j] * tanhC * slope(out);
            dc[layer][j] = dCell * forget;
        }
        float[] h = trace.h[layer][t];
        float[] before = new float[units];
        for (int col = 0; col < width; col++) {
            addGradient(layer, col, dz[col], trace.in[layer][t], h);
        }
        for (int j = 0; j < units; j++) {
            for (int col = 0; col < width; col++) {
                before[j] += recurrent[layer][j][col] * dz[col];
            }
        }
        dh[layer] = before;
        return inputErrors(layer, trace.in[layer][t].length, dz);
    }

    /** The same for a GRU step, which has no c. */
    private float[] gruBackward(Trace trace, int layer, int t, float[][] dh) {
        float[] gates = trace.gates[layer][t];
        float[] h = trace.h[layer][t];
        float[] resetH = trace.resetH[layer][t];
        float[] after = dh[layer];
        float[] dz = new float[width];
        float[] before = new float[units];
        for (int j = 0; j < units; j++) {
            float update = gates[j];
            float candidate = gates[2 * units + j];
            // h' = z h + (1 - z) ĥ: dh'/dz = h - ĥ, dh'/dĥ = 1 - z, dh'/dh (directly) = z
            dz[j] = after[j] * (h[j] - candidate) * slope(update);
            dz[2 * units + j] = after[j] * (1 - update) * (1 - candidate * candidate);
            before[j] = after[j] * update;
        }
        // the candidate read r ⊙ h through its block of the recurrent kernel
        for (int j = 0; j < units; j++) {
            float dResetH = 0;
            for (int k = 0; k < units; k++) {
                dResetH += recurrent[layer][j][2 * units + k] * dz[2 * units + k];
            }
            float reset = gates[units + j];
            dz[units + j] = dResetH * h[j] * slope(reset);
            before[j] += dResetH * reset;
        }
        for (int col = 0; col < width; col++) {
            addGradient(layer, col, dz[col], trace.in[layer][t], col < 2 * units ? h : resetH);
        }
        // z and r read h through their blocks of the recurrent kernel
        for (int j = 0; j < units; j++) {
            for (int col = 0; col < 2 * units; col++) {
                before[j] += recurrent[layer][j][col] * dz[col];
            }
        }
        dh[layer] = before;
        return inputErrors(layer, trace.in[layer][t].length, dz);
    }

    /** Column {@code col}'s pre-activation error {@code dz} into its bias, its kernel and its recurrent kernel. */
    private void addGradient(int layer, int col, float dz, float[] in, float[] state) {
        gBias[layer][col] += dz;
        for (int f = 0; f < in.length; f++) {
            gKernel[layer][f][col] += in[f] * dz;
        }
        for (int j = 0; j < units; j++) {
            gRecurrent[layer][j][col] += state[j] * dz;
        }
    }

    /** The errors reaching the layer's inputs at a step, through its kernel, from its pre-activations' errors. */
    private float[] inputErrors(int layer, int inputs, float[] dz) {
        float[] dIn = new float[inputs];
        for (int f = 0; f < inputs; f++) {
            for (int col = 0; col < width; col++) {
                dIn[f] += kernel[layer][f][col] * dz[col];
            }
        }
        return dIn;
    }

    private float activate(float z) {
        return hard ? Math.max(0f, Math.min(1f, SLOPE * z + 0.5f)) : 1 / (1 + (float) Math.exp(-z));
    }

    /** A gate's slope from its value: the hard sigmoid's inside (0, 1) only. */
    private float slope(float value) {
        if (hard) {
            return value > 0 && value < 1 ? SLOPE : 0;
        }
        return value * (1 - value);
    }

    private static float[][] toFloat(double[][] a) {
        float[][] f = new float[a.length][];
        for (int i = 0; i < a.length; i++) {
            f[i] = toFloat(a[i]);
        }
        return f;
    }

    private static float[] toFloat(double[] a) {
        float[] f = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            f[i] = (float) a[i];
        }
        return f;
    }

    private static double[][] toDouble(float[][] a) {
        double[][] d = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            d[i] = toDouble(a[i]);
        }
        return d;
    }

    private static double[] toDouble(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i];
        }
        return d;
    }
}
