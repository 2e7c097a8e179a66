package io.github.statefullstm.rnn.dl4j;

import io.github.statefullstm.rnn.Cell;
import io.github.statefullstm.rnn.LstmSpec;
import io.github.statefullstm.rnn.LstmWeights;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The one place where the canonical (Keras) weight layout meets DL4J's, for weights and gradients alike.
 *
 * <p>DL4J's {@code LSTM} layer (see {@code LSTMParamInitializer} and {@code LSTMHelpers} in 1.0.0-M2.1) keeps
 * {@code "W"} as {@code [nIn][4u]}, {@code "RW"} as {@code [u][4u]} and {@code "b"} as {@code [1][4u]}: the same
 * row axis as Keras' kernel, recurrent kernel and bias, but with the four gate blocks in another order along the
 * columns. {@code LSTMHelpers.activateHelper} reads block 0 as the block input (through the layer activation,
 * tanh: Keras' cell candidate), block 1 as the forget gate, block 2 as the output gate and block 3 as the input
 * gate ("input modulation gate") that multiplies the block input. The {@code RnnOutputLayer} holds the dense head
 * as {@code "W"} {@code [u][1]} and {@code "b"}. In 1.0.0-M2.1 both biases are rank-1 views ({@code [4u]} and
 * {@code [1]}), so they are addressed by linear index. {@code Dl4jParameterMappingTest} proves the block order
 * by a forward pass computed by hand.
 */
final class Dl4jParameterMapping {

    /** Parameter keys of a MultiLayerNetwork are "layerIndex_name". */
    static final String LSTM_KERNEL = "0_W";
    static final String LSTM_RECURRENT_KERNEL = "0_RW";
    static final String LSTM_BIAS = "0_b";
    static final String DENSE_KERNEL = "1_W";
    static final String DENSE_BIAS = "1_b";

    /**
     * DL4J's block index for each canonical gate, indexed by {@code LstmWeights.Gate.ordinal()}:
     * input -> 3, forget -> 1, cell candidate -> 0, output -> 2.
     */
    private static final int[] DL4J_BLOCK_OF_GATE = {3, 1, 0, 2};

    private Dl4jParameterMapping() {
    }

    /** Column of DL4J's 4u-wide matrices that holds canonical column {@code column}. */
    static int dl4jColumn(int column, int units) {
        int gate = column / units;
        return DL4J_BLOCK_OF_GATE[gate] * units + column % units;
    }

    /** Copies every weight into the network's parameter views (the optimizer state is not touched). */
    static void write(LstmWeights weights, MultiLayerNetwork network) {
        int units = weights.units();
        writeGated(weights.kernel(), network.getParam(LSTM_KERNEL), units);
        writeGated(weights.recurrentKernel(), network.getParam(LSTM_RECURRENT_KERNEL), units);
        writeGated(new double[][] {weights.bias()}, network.getParam(LSTM_BIAS), units);
        INDArray dense = network.getParam(DENSE_KERNEL);
        double[] denseKernel = weights.denseKernel();
        for (int unit = 0; unit < units; unit++) {
            dense.putScalar(unit, 0, denseKernel[unit]);
        }
        network.getParam(DENSE_BIAS).putScalar(0, weights.denseBias());
    }

    /**
     * The weights of a network of {@code spec.layers()} LSTM layers and the head, in the canonical layout: layer l's
     * parameters are keyed {@code "l_W"}, {@code "l_RW"} and {@code "l_b"}, and the head's follow the last layer's.
     */
    static LstmWeights readStack(MultiLayerNetwork network, LstmSpec spec) {
        List<double[][]> kernels = new ArrayList<>();
        List<double[][]> recurrent = new ArrayList<>();
        List<double[]> biases = new ArrayList<>();
        int units = spec.units();
        for (int layer = 0; layer < spec.layers(); layer++) {
            kernels.add(readGated(network.getParam(layer + "_W"), spec.inputsOf(layer), units));
            recurrent.add(readGated(network.getParam(layer + "_RW"), units, units));
            biases.add(readGated(network.getParam(layer + "_b"), 1, units)[0]);
        }
        INDArray dense = network.getParam(spec.layers() + "_W");
        double[] denseKernel = new double[units];
        for (int unit = 0; unit < units; unit++) {
            denseKernel[unit] = dense.getDouble(unit, 0);
        }
        return new LstmWeights(Cell.LSTM, kernels, recurrent, biases, denseKernel,
                network.getParam(spec.layers() + "_b").getDouble(0));
    }

    /** The network's weights in the canonical layout. */
    static LstmWeights readWeights(MultiLayerNetwork network, int features, int units) {
        return read(network::getParam, features, units);
    }

    /**
     * Arrays shaped like the parameters (weights or gradients), looked up by parameter key, in the canonical layout.
     */
    static LstmWeights read(Function<String, INDArray> byKey, int features, int units) {
        double[][] kernel = readGated(byKey.apply(LSTM_KERNEL), features, units);
        double[][] recurrent = readGated(byKey.apply(LSTM_RECURRENT_KERNEL), units, units);
        double[] bias = readGated(byKey.apply(LSTM_BIAS), 1, units)[0];
        INDArray dense = byKey.apply(DENSE_KERNEL);
        double[] denseKernel = new double[units];
        for (int unit = 0; unit < units; unit++) {
            denseKernel[unit] = dense.getDouble(unit, 0);
        }
        return new LstmWeights(kernel, recurrent, bias, denseKernel, byKey.apply(DENSE_BIAS).getDouble(0));
    }

    private static void writeGated(double[][] canonical, INDArray target, int units) {
        for (int row = 0; row < canonical.length; row++) {
            for (int column = 0; column < 4 * units; column++) {
                int dl4jColumn = dl4jColumn(column, units);
                if (target.rank() == 1) {
                    target.putScalar(dl4jColumn, canonical[row][column]);
                } else {
                    target.putScalar(row, dl4jColumn, canonical[row][column]);
                }
            }
        }
    }

    private static double[][] readGated(INDArray source, int rows, int units) {
        double[][] canonical = new double[rows][4 * units];
        for (int row = 0; row < rows; row++) {
            for (int column = 0; column < 4 * units; column++) {
                int dl4jColumn = dl4jColumn(column, units);
                canonical[row][column] = source.rank() == 1 ? source.getDouble(dl4jColumn)
                        : source.getDouble(row, dl4jColumn);
            }
        }
        return canonical;
    }
}
