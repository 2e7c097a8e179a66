package io.github.statefullstm.rnn;

import io.github.statefullstm.refusal.Refusal;
import java.util.Arrays;

/**
 * The one canonical weight layout, Keras' own, that every engine imports and exports exactly.
 *
 * <p>The four gates are stacked along the last axis in the order <b>input (i), forget (f), cell candidate (c),
 * output (o)</b>, each block {@code units} wide, so gate {@code g}'s unit {@code j} is column {@code g * units + j}:
 * <ul>
 *   <li>{@code kernel}: {@code [features][4 * units]}, input to gates;</li>
 *   <li>{@code recurrentKernel}: {@code [units][4 * units]}, previous h to gates;</li>
 *   <li>{@code bias}: {@code [4 * units]};</li>
 *   <li>{@code denseKernel}: {@code [units]} and {@code denseBias}: the Dense(1, sigmoid) on the last h.</li>
 * </ul>
 * With {@code z = x·kernel + h·recurrentKernel + bias}: {@code i = σ(z_i)}, {@code f = σ(z_f)},
 * {@code c' = f ⊙ c + i ⊙ tanh(z_c)}, {@code o = σ(z_o)}, {@code h' = o ⊙ tanh(c')}, and the prediction is
 * {@code sigmoid(h_T·denseKernel + denseBias)}. The same layout carries gradients.
 * Immutable: arrays are copied in and out.
 */
public final class LstmWeights {

    /** Gate blocks in canonical order; {@code ordinal()} is the block index. */
    public enum Gate { INPUT, FORGET, CELL, OUTPUT }

    private final double[][] kernel;
    private final double[][] recurrentKernel;
    private final double[] bias;
    private final double[] denseKernel;
    private final double denseBias;

    public LstmWeights(double[][] kernel, double[][] recurrentKernel, double[] bias, double[] denseKernel,
                       double denseBias) {
        Refusal.require(kernel != null && recurrentKernel != null && bias != null && denseKernel != null,
                "weights", null, "every array must be given");
        int units = denseKernel.length;
        Refusal.require(units > 0, "denseKernel length", units, "must be > 0");
        Refusal.require(kernel.length > 0, "kernel rows (features)", kernel.length, "must be > 0");
        for (int r = 0; r < kernel.length; r++) {
            Refusal.require(kernel[r].length == 4 * units, "kernel[" + r + "] length", kernel[r].length,
                    "must be 4 * units = " + 4 * units);
        }
        Refusal.require(recurrentKernel.length == units, "recurrentKernel rows", recurrentKernel.length,
                "must be units = " + units);
        for (int r = 0; r < units; r++) {
            Refusal.require(recurrentKernel[r].length == 4 * units, "recurrentKernel[" + r + "] length",
                    recurrentKernel[r].length, "must be 4 * units = " + 4 * units);
        }
        Refusal.require(bias.length == 4 * units, "bias length", bias.length, "must be 4 * units = " + 4 * units);
        this.kernel = LstmState.deepCopy(kernel);
        this.recurrentKernel = LstmState.deepCopy(recurrentKernel);
        this.bias = bias.clone();
        this.denseKernel = denseKernel.clone();
        this.denseBias = denseBias;
    }

    /** All-zero weights of the given shape: the start of a gradient sum. */
    public static LstmWeights zeros(int features, int units) {
        return new LstmWeights(new double[features][4 * units], new double[units][4 * units], new double[4 * units],
                new double[units], 0);
    }

    public int features() {
        return kernel.length;
    }

    public int units() {
        return denseKernel.length;
    }

    public double[][] kernel() {
        return LstmState.deepCopy(kernel);
    }

    public double[][] recurrentKernel() {
        return LstmState.deepCopy(recurrentKernel);
    }

    public double[] bias() {
        return bias.clone();
    }

    public double[] denseKernel() {
        return denseKernel.clone();
    }

    public double denseBias() {
        return denseBias;
    }

    /** Number of scalar parameters: {@code 4u(f + u + 1) + u + 1}. */
    public int parameterCount() {
        int u = units();
        return 4 * u * (features() + u + 1) + u + 1;
    }

    /**
     * Every parameter in one flat array, in a fixed order: kernel row by row, recurrent kernel row by row, bias,
     * dense kernel, dense bias. Used to compare and perturb weights as a vector.
     */
    public double[] flatten() {
        double[] flat = new double[parameterCount()];
        int at = 0;
        for (double[] row : kernel) {
            System.arraycopy(row, 0, flat, at, row.length);
            at += row.length;
        }
        for (double[] row : recurrentKernel) {
            System.arraycopy(row, 0, flat, at, row.length);
            at += row.length;
        }
        System.arraycopy(bias, 0, flat, at, bias.length);
        at += bias.length;
        System.arraycopy(denseKernel, 0, flat, at, denseKernel.length);
        at += denseKernel.length;
        flat[at] = denseBias;
        return flat;
    }

    /** The inverse of {@link #flatten()} for the given shape. */
    public static LstmWeights unflatten(int features, int units, double[] flat) {
        LstmWeights shape = zeros(features, units);
        Refusal.require(flat.length == shape.parameterCount(), "flat length", flat.length,
                "must be 4u(f + u + 1) + u + 1 = " + shape.parameterCount());
        int at = 0;
        double[][] kernel = new double[features][4 * units];
        for (double[] row : kernel) {
            System.arraycopy(flat, at, row, 0, row.length);
            at += row.length;
        }
        double[][] recurrent = new double[units][4 * units];
        for (double[] row : recurrent) {
            System.arraycopy(flat, at, row, 0, row.length);
            at += row.length;
        }
        double[] bias = Arrays.copyOfRange(flat, at, at + 4 * units);
        at += 4 * units;
        double[] dense = Arrays.copyOfRange(flat, at, at + units);
        at += units;
        return new LstmWeights(kernel, recurrent, bias, dense, flat[at]);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LstmWeights other && Arrays.equals(flatten(), other.flatten())
                && features() == other.features();
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(flatten());
    }

    @Override
    public String toString() {
        return "LstmWeights{features=" + features() + ", units=" + units() + "}";
    }
}
