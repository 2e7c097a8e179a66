package io.github.statefullstm.rnn;

/**
 * Keras' LSTM(units) -> Dense(1, sigmoid) -> clipped binary cross-entropy computed in float32 from the documentation
 * of {@link LstmWeights}, forward and then backward by hand (reverse mode, through every step from the incoming state,
 * held constant): an implementation whose rounding is large enough to measure, for checking that the error bounds of
 * {@link KerasEquations} really bound an implementation's errors.
 */
final class FloatLstm {

    /** Keras' clip bounds as float32 holds them. */
    private static final float LOWER = 1e-7f;
    private static final float UPPER = 1 - 0x1p-23f;
    private static final float SLOPE = 0.2f;

    /** Outputs, final state, mean loss and accuracy, and the mean loss's gradient in flatten() order. */
    record Result(double[] probabilities, LstmState finalState, double loss, double accuracy, double[] gradient) {
    }

    private FloatLstm() {
    }

    static Result run(LstmWeights w, GateActivation gate, double[][][] inputs, LstmState initial, double[] targets) {
        boolean hard = gate == GateActivation.HARD_SIGMOID;
        int features = w.features();
        int units = w.units();
        int width = 4 * units;
        float[][] kernel = toFloat(w.kernel());
        float[][] recurrent = toFloat(w.recurrentKernel());
        float[] bias = toFloat(w.bias());
        float[] dense = toFloat(w.denseKernel());
        float denseBias = (float) w.denseBias();
        int rows = inputs.length;
        int steps = inputs[0].length;

        float[][] gKernel = new float[features][width];
        float[][] gRecurrent = new float[units][width];
        float[] gBias = new float[width];
        float[] gDense = new float[units];
        float gDenseBias = 0;
        double[] probabilities = new double[rows];
        double[][] finalH = new double[rows][units];
        double[][] finalC = new double[rows][units];
        float lossSum = 0;
        int correct = 0;

        for (int row = 0; row < rows; row++) {
            float[][] x = toFloat(inputs[row]);
            float[][] h = new float[steps + 1][units];
            float[][] c = new float[steps + 1][units];
            float[][] gates = new float[steps][width];
            for (int j = 0; j < units; j++) {
                h[0][j] = (float) initial.h(row)[j];
                c[0][j] = (float) initial.c(row)[j];
            }
            for (int t = 0; t < steps; t++) {
                float[] z = bias.clone();
                for (int col = 0; col < width; col++) {
                    for (int f = 0; f < features; f++) {
                        z[col] += x[t][f] * kernel[f][col];
                    }
                    for (int j = 0; j < units; j++) {
                        z[col] += h[t][j] * recurrent[j][col];
                    }
                }
                for (int j = 0; j < units; j++) {
                    float in = activate(z[j], hard);
                    float forget = activate(z[units + j], hard);
                    float candidate = (float) Math.tanh(z[2 * units + j]);
                    float out = activate(z[3 * units + j], hard);
                    gates[t][j] = in;
                    gates[t][units + j] = forget;
                    gates[t][2 * units + j] = candidate;
                    gates[t][3 * units + j] = out;
                    c[t + 1][j] = forget * c[t][j] + in * candidate;
                    h[t + 1][j] = out * (float) Math.tanh(c[t + 1][j]);
                }
            }
            float logit = denseBias;
            for (int j = 0; j < units; j++) {
                logit += dense[j] * h[steps][j];
            }
            float p = 1 / (1 + (float) Math.exp(-logit));
            float y = (float) targets[row];
            boolean clipped = p < LOWER || p > UPPER;
            float q = clipped ? Math.min(UPPER, Math.max(LOWER, p)) : p;
            lossSum += -(y * (float) Math.log(q) + (1 - y) * (float) Math.log(1 - q));
            correct += (p > 0.5f) == (y == 1) ? 1 : 0;
            probabilities[row] = p;
            for (int j = 0; j < units; j++) {
                finalH[row][j] = h[steps][j];
                finalC[row][j] = c[steps][j];
            }

            // Back through the head and every step; the incoming state is a constant.
            float dLogit = clipped ? 0 : (p - y) / rows;
            gDenseBias += dLogit;
            float[] dh = new float[units];
            float[] dc = new float[units];
            for (int j = 0; j < units; j++) {
                gDense[j] += dLogit * h[steps][j];
                dh[j] = dLogit * dense[j];
            }
            for (int t = steps - 1; t >= 0; t--) {
                float[] dz = new float[width];
                for (int j = 0; j < units; j++) {
                    float in = gates[t][j];
                    float forget = gates[t][units + j];
                    float candidate = gates[t][2 * units + j];
                    float out = gates[t][3 * units + j];
                    float tanhC = (float) Math.tanh(c[t + 1][j]);
                    float dCell = dc[j] + dh[j] * out * (1 - tanhC * tanhC);
                    dz[j] = dCell * candidate * slope(in, hard);
                    dz[units + j] = dCell * c[t][j] * slope(forget, hard);
                    dz[2 * units + j] = dCell * in * (1 - candidate * candidate);
                    dz[3 * units + j] = dh[j] * tanhC * slope(out, hard);
                    dc[j] = dCell * forget;
                }
                for (int col = 0; col < width; col++) {
                    gBias[col] += dz[col];
                    for (int f = 0; f < features; f++) {
                        gKernel[f][col] += x[t][f] * dz[col];
                    }
                    for (int j = 0; j < units; j++) {
                        gRecurrent[j][col] += h[t][j] * dz[col];
                    }
                }
                float[] dhBefore = new float[units];
                for (int j = 0; j < units; j++) {
                    for (int col = 0; col < width; col++) {
                        dhBefore[j] += recurrent[j][col] * dz[col];
                    }
                }
                dh = dhBefore;
            }
        }

        double[] gradient = new LstmWeights(toDouble(gKernel), toDouble(gRecurrent), toDouble(gBias),
                toDouble(gDense), gDenseBias).flatten();
        return new Result(probabilities, new LstmState(finalH, finalC), lossSum / rows, (double) correct / rows,
                gradient);
    }

    private static float activate(float z, boolean hard) {
        return hard ? Math.max(0f, Math.min(1f, SLOPE * z + 0.5f)) : 1 / (1 + (float) Math.exp(-z));
    }

    /** A gate's slope from its value: the hard sigmoid's inside (0, 1) only. */
    private static float slope(float value, boolean hard) {
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
