package io.github.statefullstm.rnn.dl4j;

import io.github.statefullstm.rnn.Cell;
import io.github.statefullstm.rnn.LstmSpec;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;

/**
 * The passes of every layer over batches of one shape ({@code rows} x {@code steps}), wired once: layer 0 reads the
 * batch, each layer above reads the h array of the layer below, the top layer takes the loss's errors at its h from
 * the head, and each layer below takes them from the array the layer above writes the errors at its inputs to. So a
 * stack runs as its layers' bound ops one after another, with nothing copied between them.
 */
final class StackPasses {

    private final int rows;
    private final int steps;
    private final int features;
    private final int kernelUnits;
    private final INDArray inputs;
    private final double[] inputValues;
    /** The top layer's errors at its h, {@code [steps][rows][k]}, from the head. */
    private final INDArray topErrors;
    private final LayerPasses[] layers;

    StackPasses(LstmSpec spec, DataType dataType, int rows, int steps, KernelParameters parameters) {
        this.rows = rows;
        this.steps = steps;
        this.features = spec.features();
        this.kernelUnits = parameters.kernelUnits();
        this.inputs = Nd4j.create(dataType, steps, rows, features);
        this.inputValues = new double[steps * rows * features];
        INDArray[] hErrors = new INDArray[spec.layers()];
        for (int layer = 0; layer < hErrors.length; layer++) {
            hErrors[layer] = Nd4j.create(dataType, steps, rows, kernelUnits);
        }
        this.topErrors = hErrors[hErrors.length - 1];
        this.layers = new LayerPasses[spec.layers()];
        for (int layer = 0; layer < layers.length; layer++) {
            INDArray in = layer == 0 ? inputs : layers[layer - 1].h();
            INDArray inputErrors = layer == 0 ? null : hErrors[layer - 1];
            layers[layer] = spec.cell() == Cell.LSTM
                    ? new CellPasses(spec.gateActivation(), dataType, rows, steps, parameters, layer, in,
                            hErrors[layer], inputErrors)
                    : new GruPasses(spec.gateActivation(), dataType, rows, steps, parameters, layer, in,
                            hErrors[layer], inputErrors);
        }
    }

    int rows() {
        return rows;
    }

    int steps() {
        return steps;
    }

    int layers() {
        return layers.length;
    }

    /** Which steps of the next batch are masked, for every layer: Keras' mask goes up the stack. */
    void skip(boolean[][] maskedSteps) {
        for (LayerPasses layer : layers) {
            layer.skip(maskedSteps);
        }
    }

    /**
     * Runs every layer over the batch ({@code [rows][steps][features]}, already validated) from the given state,
     * {@code [layer][rows][k]} in order, c empty for a cell without one.
     */
    void forward(double[][][] batch, double[] startH, double[] startC) {
        int at = 0;
        for (int t = 0; t < steps; t++) {
            for (double[][] row : batch) {
                System.arraycopy(row[t], 0, inputValues, at, features);
                at += features;
            }
        }
        inputs.data().setData(inputValues);
        for (int layer = 0; layer < layers.length; layer++) {
            layers[layer].forward(ofLayer(startH, layer), ofLayer(startC, layer));
        }
    }

    /** Layer {@code layer}'s {@code [rows][k]} of a state laid out layer by layer; the whole of it for one layer. */
    private double[] ofLayer(double[] state, int layer) {
        if (layers.length == 1 || state.length == 0) {
            return state;
        }
        int size = rows * kernelUnits;
        return Arrays.copyOfRange(state, layer * size, (layer + 1) * size);
    }

    /** The top layer's h after every step, {@code [steps][rows][k]}: what the head reads. */
    double[] everyH() {
        return top().everyH();
    }

    /** The top layer's final h, {@code [rows][k]}. */
    double[] lastH() {
        return top().lastH();
    }

    double[] lastH(int layer) {
        return layers[layer].lastH();
    }

    double[] lastC(int layer) {
        return layers[layer].lastC();
    }

    /**
     * Adds every layer's gradient for a loss whose errors at the top layer's h after every step are
     * {@code hErrorValues} ({@code [steps][rows][k]}), top layer first, for the batch of the last {@link #forward}.
     */
    void backward(double[] hErrorValues) {
        topErrors.data().setData(hErrorValues);
        for (int layer = layers.length - 1; layer >= 0; layer--) {
            layers[layer].backward();
        }
    }

    private LayerPasses top() {
        return layers[layers.length - 1];
    }
}
