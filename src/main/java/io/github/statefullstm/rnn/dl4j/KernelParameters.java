package io.github.statefullstm.rnn.dl4j;

import io.github.statefullstm.rnn.Adam;
import io.github.statefullstm.rnn.LstmWeights;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Every parameter of the model in one flat native array, in the layout libnd4j's LSTM cell kernels read, with the
 * gradient beside it in the same layout and one bound Adam step over both.
 *
 * <p><b>Layout.</b> {@code [kernel (features x 4k) | recurrent kernel (k x 4k) | bias (4k) | dense kernel (k) |
 * dense bias]}, each matrix row by row, gates in Keras' order (input, forget, cell candidate, output), which is the
 * kernels' order too: the canonical {@link LstmWeights} copy in and out without reordering. The kernels' views are
 * slices of the one array, so Keras-1's Adam, which treats every parameter alike, runs as one native call over all
 * of them, and the step is subtracted in one more.
 *
 * <p><b>One unit.</b> {@code k} is the kernels' width, two for a one-unit LSTM (see {@link CellPasses}): the extra,
 * inert unit has zero weights in and out and a zero state, so its gradient is zero, Adam's step for it is zero, and
 * it stays inert through any training. It never appears in the canonical weights.
 */
final class KernelParameters {

    private final int features;
    private final int units;
    private final int kernelUnits;
    private final INDArray values;
    private final INDArray gradient;
    private final double[] zeros;
    private final BoundOp adamStep;
    private final BoundOp subtractStep;

    KernelParameters(DataType dataType, int features, int units, int kernelUnits, Adam adam) {
        this.features = features;
        this.units = units;
        this.kernelUnits = kernelUnits;
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

    /** The kernels' {@code [features][4k]} input kernel, a view. */
    INDArray kernel(INDArray array) {
        return slice(array, 0, features, 4L * kernelUnits);
    }

    /** The kernels' {@code [k][4k]} recurrent kernel, a view. */
    INDArray recurrentKernel(INDArray array) {
        return slice(array, recurrentAt(), kernelUnits, 4L * kernelUnits);
    }

    /** The kernels' {@code [4k]} bias, a view. */
    INDArray bias(INDArray array) {
        return array.get(NDArrayIndex.interval(biasAt(), biasAt() + 4L * kernelUnits));
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

    /** Starts a gradient: the cell kernels add each step's share to what is there. */
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
        writeGated(buffer, 0, weights.kernel());
        writeGated(buffer, recurrentAt(), weights.recurrentKernel());
        writeGated(buffer, biasAt(), new double[][] {weights.bias()});
        for (int unit = 0; unit < units; unit++) {
            buffer.put(denseAt() + unit, weights.denseKernel()[unit]);
        }
        buffer.put(denseAt() + kernelUnits, weights.denseBias());
    }

    private LstmWeights read(INDArray array) {
        DataBuffer buffer = array.data();
        double[] dense = new double[units];
        for (int unit = 0; unit < units; unit++) {
            dense[unit] = buffer.getDouble(denseAt() + unit);
        }
        return new LstmWeights(readGated(buffer, 0, features), readGated(buffer, recurrentAt(), units),
                readGated(buffer, biasAt(), 1)[0], dense, buffer.getDouble(denseAt() + kernelUnits));
    }

    /** Canonical column {@code gate * units + unit} sits at kernel column {@code gate * k + unit}. */
    private void writeGated(DataBuffer buffer, int at, double[][] canonical) {
        for (int row = 0; row < canonical.length; row++) {
            for (int column = 0; column < 4 * units; column++) {
                buffer.put(at + (long) row * 4 * kernelUnits + kernelColumn(column), canonical[row][column]);
            }
        }
    }

    private double[][] readGated(DataBuffer buffer, int at, int rows) {
        double[][] canonical = new double[rows][4 * units];
        for (int row = 0; row < rows; row++) {
            for (int column = 0; column < 4 * units; column++) {
                canonical[row][column] = buffer.getDouble(at + (long) row * 4 * kernelUnits + kernelColumn(column));
            }
        }
        return canonical;
    }

    private int kernelColumn(int canonicalColumn) {
        return canonicalColumn / units * kernelUnits + canonicalColumn % units;
    }

    private int recurrentAt() {
        return features * 4 * kernelUnits;
    }

    private int biasAt() {
        return recurrentAt() + kernelUnits * 4 * kernelUnits;
    }

    private int denseAt() {
        return biasAt() + 4 * kernelUnits;
    }

    private static INDArray slice(INDArray array, long at, long rows, long columns) {
        return array.get(NDArrayIndex.interval(at, at + rows * columns)).reshape(rows, columns);
    }
}
