package io.github.statefullstm.rnn.dl4j;

import io.github.statefullstm.rnn.Adam;
import io.github.statefullstm.rnn.LstmSpec;
import io.github.statefullstm.rnn.LstmWeights;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.List;

/**
 * Every parameter of the model in one flat native array, in the layout the layers' passes read, with the gradient
 * beside it in the same layout and one bound Adam step over both.
 *
 * <p><b>Layout.</b> For each layer, layer 0 first, {@code [kernel (inputs x gk) | recurrent kernel (k x gk) |
 * bias (gk)]}, then {@code [dense kernel (k) | dense bias]}, each matrix row by row, where {@code g} is the cell's
 * gate count (4 for an LSTM, 3 for a GRU), {@code k} the passes' width and a layer's inputs the features for layer 0
 * and {@code k} above it. Gates are in Keras' order (i, f, c, o; z, r, h), which is libnd4j's LSTM cell kernels'
 * order too: the canonical {@link LstmWeights} copy in and out without reordering. The passes' views are slices of the
 * one array, so Keras-1's Adam, which treats every parameter alike, runs as one native call over all of them, and
 * the step is subtracted in one more.
 *
 * <p><b>One unit.</b> {@code k} is two for a one-unit LSTM (see {@link CellPasses}): the extra, inert unit has zero
 * weights in and out and a zero state, so its gradient is zero, Adam's step for it is zero, and it stays inert through
 * any training. It never appears in the canonical weights.
 */
final class KernelParameters {

    private final LstmSpec spec;
    private final int units;
    private final int kernelUnits;
    /** Gate blocks per layer: 4 for an LSTM, 3 for a GRU. */
    private final int gates;
    /** Where each layer's kernel begins; the last entry is where the dense head begins. */
    private final int[] layerAt;
    private final INDArray values;
    private final INDArray gradient;
    private final double[] zeros;
    private final BoundOp adamStep;
    private final BoundOp subtractStep;

    KernelParameters(DataType dataType, LstmSpec spec, int kernelUnits, Adam adam) {
        this.spec = spec;
        this.units = spec.units();
        this.kernelUnits = kernelUnits;
        this.gates = spec.cell().gates();
        this.layerAt = new int[spec.layers() + 1];
        for (int layer = 0; layer < spec.layers(); layer++) {
            layerAt[layer + 1] = layerAt[layer] + (inputsOf(layer) + kernelUnits + 1) * width();
        }
        int count = denseAt() + kernelUnits + 1;
        this.values = Nd4j.create(dataType, count);
        this.gradient = Nd4j.create(dataType, count);
        this.zeros = new double[count];
        INDArray step = values.ulike();
        INDArray squares = Nd4j.create(dataType, count);
        INDArray moments = Nd4j.create(dataType, count);
        // libnd4j's adam_updater is Keras 1's Adam: lr_t = lr sqrt(1 - beta2^t) / (1 - beta1^t),
        // step = lr_t m / (sqrt(v) + eps).
        this.adamStep = new BoundOp("adam_updater", new INDArray[] {gradient, squares, moments},
                new INDArray[] {step, squares, moments}, new long[] {0},
                new boolean[0], new double[] {adam.learningRate(), adam.beta1(), adam.beta2(), adam.epsilon()});
        this.subtractStep = new BoundOp("subtract", new INDArray[] {values, step}, new INDArray[] {values},
                new long[0], new boolean[0], new double[0]);
    }

    /** The passes' width: units, or two for a one-unit LSTM. */
    int kernelUnits() {
        return kernelUnits;
    }

    /** How many inputs layer {@code layer}'s passes read: the features, or the passes' width of the layer below. */
    int inputsOf(int layer) {
        return layer == 0 ? spec.features() : kernelUnits;
    }

    /** Width of a layer's gate blocks in the passes: {@code g * k}. */
    private int width() {
        return gates * kernelUnits;
    }

    /** Layer {@code layer}'s {@code [inputs][gk]} input kernel, a view. */
    INDArray kernel(INDArray array, int layer) {
        return slice(array, layerAt[layer], inputsOf(layer), width());
    }

    /** Layer {@code layer}'s {@code [k][gk]} recurrent kernel, a view. */
    INDArray recurrentKernel(INDArray array, int layer) {
        return slice(array, recurrentAt(layer), kernelUnits, width());
    }

    /** Layer {@code layer}'s {@code [gk]} bias, a view. */
    INDArray bias(INDArray array, int layer) {
        return array.get(NDArrayIndex.interval(biasAt(layer), biasAt(layer) + width()));
    }

    INDArray values() {
        return values;
    }

    INDArray gradient() {
        return gradient;
    }

    /** The dense head's kernel, the real units only. */
    double[] denseKernel() {
        return values.data().getDoublesAt(denseAt(), units);
    }

    double denseBias() {
        return values.data().getDouble(denseAt() + kernelUnits);
    }

    /** Starts a gradient: the LSTM cell kernels add each step's share to what is there. */
    void clearGradient() {
        gradient.data().setData(zeros);
    }

    void setDenseGradient(double[] kernel, double bias) {
        DataBuffer buffer = gradient.data();
        for (int unit = 0; unit < units; unit++) {
            buffer.put(denseAt() + unit, kernel[unit]);
        }
        buffer.put(denseAt() + kernelUnits, bias);
    }

    /** One Keras-1 Adam step from the gradient; {@code iteration} counts the updates before this one. */
    void adamStep(int iteration) {
        adamStep.run(iteration);
        subtractStep.run();
    }

    LstmWeights weights() {
        return read(values);
    }

    LstmWeights gradientWeights() {
        return read(gradient);
    }

    void write(LstmWeights weights) {
        DataBuffer buffer = values.data();
        for (int layer = 0; layer < spec.layers(); layer++) {
            writeGated(buffer, layerAt[layer], weights.kernel(layer));
            writeGated(buffer, recurrentAt(layer), weights.recurrentKernel(layer));
            writeGated(buffer, biasAt(layer), new double[][] {weights.bias(layer)});
        }
        for (int unit = 0; unit < units; unit++) {
            buffer.put(denseAt() + unit, weights.denseKernel()[unit]);
        }
        buffer.put(denseAt() + kernelUnits, weights.denseBias());
    }

    private LstmWeights read(INDArray array) {
        DataBuffer buffer = array.data();
        List<double[][]> kernels = new ArrayList<>();
        List<double[][]> recurrent = new ArrayList<>();
        List<double[]> biases = new ArrayList<>();
        for (int layer = 0; layer < spec.layers(); layer++) {
            kernels.add(readGated(buffer, layerAt[layer], spec.inputsOf(layer)));
            recurrent.add(readGated(buffer, recurrentAt(layer), units));
            biases.add(readGated(buffer, biasAt(layer), 1)[0]);
        }
        double[] dense = new double[units];
        for (int unit = 0; unit < units; unit++) {
            dense[unit] = buffer.getDouble(denseAt() + unit);
        }
        return new LstmWeights(spec.cell(), kernels, recurrent, biases, dense,
                buffer.getDouble(denseAt() + kernelUnits));
    }

    /**
     * Canonical column {@code gate * units + unit} sits at column {@code gate * k + unit}; canonical row r at row r
     * (the inert unit's row of a higher layer's kernel stays zero).
     */
    private void writeGated(DataBuffer buffer, int at, double[][] canonical) {
        for (int row = 0; row < canonical.length; row++) {
            for (int column = 0; column < gates * units; column++) {
                buffer.put(at + (long) row * width() + kernelColumn(column), canonical[row][column]);
            }
        }
    }

    private double[][] readGated(DataBuffer buffer, int at, int rows) {
        double[][] canonical = new double[rows][gates * units];
        for (int row = 0; row < rows; row++) {
            for (int column = 0; column < gates * units; column++) {
                canonical[row][column] = buffer.getDouble(at + (long) row * width() + kernelColumn(column));
            }
        }
        return canonical;
    }

    private int kernelColumn(int canonicalColumn) {
        return canonicalColumn / units * kernelUnits + canonicalColumn % units;
    }

    private int recurrentAt(int layer) {
        return layerAt[layer] + inputsOf(layer) * width();
    }

    private int biasAt(int layer) {
        return recurrentAt(layer) + kernelUnits * width();
    }

    private int denseAt() {
        return layerAt[spec.layers()];
    }

    private static INDArray slice(INDArray array, long at, long rows, long columns) {
        return array.get(NDArrayIndex.interval(at, at + rows * columns)).reshape(rows, columns);
    }
}
