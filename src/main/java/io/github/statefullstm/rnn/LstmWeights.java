package io.github.statefullstm.rnn;

import io.github.statefullstm.refusal.Refusal;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The one canonical weight layout, Keras' own, that every engine imports and exports exactly.
 *
 * <p>Each layer's gate blocks are stacked along the last axis, each block {@code units} wide, so gate {@code g}'s
 * unit {@code j} is column {@code g * units + j}. An LSTM has four blocks in the order <b>input (i), forget (f), cell
 * candidate (c), output (o)</b>; a GRU three, <b>update (z), reset (r), candidate (h)</b> ({@link Cell}). For every
 * layer:
 * <ul>
 *   <li>{@code kernel}: {@code [inputs][gates * units]}, input to gates, where layer 0's inputs are the features and
 *       a higher layer's are the units of the layer below;</li>
 *   <li>{@code recurrentKernel}: {@code [units][gates * units]}, previous h to gates;</li>
 *   <li>{@code bias}: {@code [gates * units]};</li>
 * </ul>
 * then {@code denseKernel}: {@code [units]} and {@code denseBias}: the Dense(1, sigmoid) on the top layer's h.
 * An LSTM layer, with {@code z = x·kernel + h·recurrentKernel + bias}: {@code i = σ(z_i)}, {@code f = σ(z_f)},
 * {@code c' = f ⊙ c + i ⊙ tanh(z_c)}, {@code o = σ(z_o)}, {@code h' = o ⊙ tanh(c')}; a GRU layer as {@link Cell#GRU}
 * says. The prediction is {@code sigmoid(h_T·denseKernel + denseBias)}. The same layout carries gradients.
 * Immutable: arrays are copied in and out.
 */
public final class LstmWeights {

    /** An LSTM's gate blocks in canonical order; {@code ordinal()} is the block index. */
    public enum Gate { INPUT, FORGET, CELL, OUTPUT }

    private final Cell cell;
    private final double[][][] kernels;
    private final double[][][] recurrentKernels;
    private final double[][] biases;
    private final double[] denseKernel;
    private final double denseBias;

    /** One LSTM layer's weights and the dense head, as the post's model. */
    public LstmWeights(double[][] kernel, double[][] recurrentKernel, double[] bias, double[] denseKernel,
                       double denseBias) {
        this(Cell.LSTM, Collections.<double[][]>singletonList(kernel),
                Collections.<double[][]>singletonList(recurrentKernel), Collections.singletonList(bias), denseKernel,
                denseBias);
    }

    /**
     * The weights of a stack of {@code kernels.size()} layers of {@code cell}s, layer 0 first, and the dense head on
     * the top layer.
     */
    public LstmWeights(Cell cell, List<double[][]> kernels, List<double[][]> recurrentKernels, List<double[]> biases,
                       double[] denseKernel, double denseBias) {
        Refusal.require(cell != null, "cell", null, "must be given");
        Refusal.require(kernels != null && recurrentKernels != null && biases != null && denseKernel != null
                && kernels.stream().allMatch(Objects::nonNull)
                && recurrentKernels.stream().allMatch(Objects::nonNull) && biases.stream().allMatch(Objects::nonNull),
                "weights", null, "every array must be given");
        int layers = kernels.size();
        Refusal.require(layers >= 1, "layers", layers, "must be >= 1");
        Refusal.require(recurrentKernels.size() == layers && biases.size() == layers, "layers of recurrent kernels "
                + "and biases", recurrentKernels.size() + " and " + biases.size(), "must equal the kernels' = " + layers);
        int units = denseKernel.length;
        Refusal.require(units > 0, "denseKernel length", units, "must be > 0");
        int width = cell.gates() * units;
        String widthRule = "must be " + cell.gates() + " * units = " + width;
        for (int layer = 0; layer < layers; layer++) {
            String of = layers == 1 ? "" : " of layer " + layer;
            double[][] kernel = kernels.get(layer);
            if (layer == 0) {
                Refusal.require(kernel.length > 0, "kernel rows (features)", kernel.length, "must be > 0");
            } else {
                Refusal.require(kernel.length == units, "kernel rows" + of, kernel.length,
                        "must be the units of the layer below = " + units);
            }
            for (int r = 0; r < kernel.length; r++) {
                Refusal.require(kernel[r].length == width, "kernel[" + r + "] length" + of, kernel[r].length,
                        widthRule);
            }
            double[][] recurrent = recurrentKernels.get(layer);
            Refusal.require(recurrent.length == units, "recurrentKernel rows" + of, recurrent.length,
                    "must be units = " + units);
            for (int r = 0; r < units; r++) {
                Refusal.require(recurrent[r].length == width, "recurrentKernel[" + r + "] length" + of,
                        recurrent[r].length, widthRule);
            }
            Refusal.require(biases.get(layer).length == width, "bias length" + of, biases.get(layer).length,
                    widthRule);
        }
        this.cell = cell;
        this.kernels = new double[layers][][];
        this.recurrentKernels = new double[layers][][];
        this.biases = new double[layers][];
        for (int layer = 0; layer < layers; layer++) {
            this.kernels[layer] = LstmState.deepCopy(kernels.get(layer));
            this.recurrentKernels[layer] = LstmState.deepCopy(recurrentKernels.get(layer));
            this.biases[layer] = biases.get(layer).clone();
        }
        this.denseKernel = denseKernel.clone();
        this.denseBias = denseBias;
    }

    /** All-zero weights of one LSTM layer: the start of a gradient sum. */
    public static LstmWeights zeros(int features, int units) {
        return zeros(new LstmSpec(features, units, GateActivation.SIGMOID));
    }

    /** All-zero weights of the architecture {@code spec}. */
    public static LstmWeights zeros(LstmSpec spec) {
        return unflatten(spec, new double[parameterCount(spec)]);
    }

    public Cell cell() {
        return cell;
    }

    public int layers() {
        return kernels.length;
    }

    public int features() {
        return kernels[0].length;
    }

    public int units() {
        return denseKernel.length;
    }

    /** Whether a model of architecture {@code spec} has weights of this shape. */
    public boolean fits(LstmSpec spec) {
        return cell == spec.cell() && layers() == spec.layers() && features() == spec.features()
                && units() == spec.units();
    }

    /** Layer 0's kernel: the only layer's, in the post's model. */
    public double[][] kernel() {
        return kernel(0);
    }

    public double[][] kernel(int layer) {
        return LstmState.deepCopy(kernels[layer]);
    }

    /** Layer 0's recurrent kernel: the only layer's, in the post's model. */
    public double[][] recurrentKernel() {
        return recurrentKernel(0);
    }

    public double[][] recurrentKernel(int layer) {
        return LstmState.deepCopy(recurrentKernels[layer]);
    }

    /** Layer 0's bias: the only layer's, in the post's model. */
    public double[] bias() {
        return bias(0);
    }

    public double[] bias(int layer) {
        return biases[layer].clone();
    }

    public double[] denseKernel() {
        return denseKernel.clone();
    }

    public double denseBias() {
        return denseBias;
    }

    /** The same weights with another dense head: every layer as it is. */
    public LstmWeights withHead(double[] newDenseKernel, double newDenseBias) {
        return new LstmWeights(cell, List.of(kernels), List.of(recurrentKernels), List.of(biases), newDenseKernel,
                newDenseBias);
    }

    /** Number of scalar parameters: for one LSTM layer {@code 4u(f + u + 1) + u + 1}. */
    public int parameterCount() {
        int count = units() + 1;
        for (int layer = 0; layer < layers(); layer++) {
            count += (kernels[layer].length + units() + 1) * cell.gates() * units();
        }
        return count;
    }

    /** {@link #parameterCount()} of the architecture {@code spec}. */
    public static int parameterCount(LstmSpec spec) {
        int u = spec.units();
        int count = u + 1;
        for (int layer = 0; layer < spec.layers(); layer++) {
            count += (spec.inputsOf(layer) + u + 1) * spec.cell().gates() * u;
        }
        return count;
    }

    /**
     * Every parameter in one flat array, in a fixed order: for each layer, layer 0 first, its kernel row by row,
     * recurrent kernel row by row and bias; then the dense kernel and the dense bias. Used to compare and perturb
     * weights as a vector.
     */
    public double[] flatten() {
        double[] flat = new double[parameterCount()];
        int at = 0;
        for (int layer = 0; layer < layers(); layer++) {
            at = put(kernels[layer], flat, at);
            at = put(recurrentKernels[layer], flat, at);
            System.arraycopy(biases[layer], 0, flat, at, biases[layer].length);
            at += biases[layer].length;
        }
        System.arraycopy(denseKernel, 0, flat, at, denseKernel.length);
        at += denseKernel.length;
        flat[at] = denseBias;
        return flat;
    }

    private static int put(double[][] rows, double[] flat, int at) {
        for (double[] row : rows) {
            System.arraycopy(row, 0, flat, at, row.length);
            at += row.length;
        }
        return at;
    }

    /** The inverse of {@link #flatten()} for one LSTM layer of the given shape. */
    public static LstmWeights unflatten(int features, int units, double[] flat) {
        return unflatten(new LstmSpec(features, units, GateActivation.SIGMOID), flat);
    }

    /** The inverse of {@link #flatten()} for the architecture {@code spec}. */
    public static LstmWeights unflatten(LstmSpec spec, double[] flat) {
        Refusal.require(flat != null, "flat weights", null, "must be given");
        int count = parameterCount(spec);
        Refusal.require(flat.length == count, "flat length", flat.length, spec.layers() == 1
                && spec.cell() == Cell.LSTM ? "must be 4u(f + u + 1) + u + 1 = " + count
                : "must be the parameters of " + spec.layers() + " " + spec.cell().id() + " layers = " + count);
        int units = spec.units();
        int width = spec.cell().gates() * units;
        double[][][] kernels = new double[spec.layers()][][];
        double[][][] recurrent = new double[spec.layers()][][];
        double[][] biases = new double[spec.layers()][];
        int at = 0;
        for (int layer = 0; layer < spec.layers(); layer++) {
            kernels[layer] = new double[spec.inputsOf(layer)][width];
            at = take(flat, at, kernels[layer]);
            recurrent[layer] = new double[units][width];
            at = take(flat, at, recurrent[layer]);
            biases[layer] = Arrays.copyOfRange(flat, at, at + width);
            at += width;
        }
        double[] dense = Arrays.copyOfRange(flat, at, at + units);
        at += units;
        return new LstmWeights(spec.cell(), List.of(kernels), List.of(recurrent), List.of(biases), dense, flat[at]);
    }

    private static int take(double[] flat, int at, double[][] into) {
        for (double[] row : into) {
            System.arraycopy(flat, at, row, 0, row.length);
            at += row.length;
        }
        return at;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LstmWeights other && cell == other.cell && layers() == other.layers()
                && features() == other.features() && Arrays.equals(flatten(), other.flatten());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(flatten());
    }

    @Override
    public String toString() {
        return "LstmWeights{" + (cell == Cell.LSTM && layers() == 1 ? "" : "cell=" + cell.id() + ", layers="
                + layers() + ", ") + "features=" + features() + ", units=" + units() + "}";
    }
}
