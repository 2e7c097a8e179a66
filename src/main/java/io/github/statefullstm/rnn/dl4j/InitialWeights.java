package io.github.statefullstm.rnn.dl4j;

import io.github.statefullstm.rnn.Cell;
import io.github.statefullstm.rnn.LstmSpec;
import io.github.statefullstm.rnn.LstmWeights;
import io.github.statefullstm.rnn.ModelConfig;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;

/**
 * The weights a DL4J model starts from, drawn by DL4J from the seed. LSTM layers: DL4J's own network of them
 * ({@link NetworkBlueprint}) draws them. GRU layers: DL4J has no GRU layer, so its Xavier initialisation, the one the
 * network declares, draws each layer's kernel, recurrent kernel and the head from ND4J's random generator seeded as
 * the network seeds it, with zero biases; the same seed gives the same weights.
 */
final class InitialWeights {

    private static final IWeightInit XAVIER = WeightInit.XAVIER.getWeightInitFunction();

    private InitialWeights() {
    }

    static LstmWeights draw(ModelConfig config, Precision precision) {
        LstmSpec spec = config.spec();
        if (spec.cell() == Cell.LSTM) {
            return Dl4jParameterMapping.readStack(NetworkBlueprint.build(config, precision), spec);
        }
        Nd4j.getRandom().setSeed(NetworkBlueprint.dl4jSeed(config.seed()));
        int units = spec.units();
        int width = spec.cell().gates() * units;
        List<double[][]> kernels = new ArrayList<>();
        List<double[][]> recurrent = new ArrayList<>();
        List<double[]> biases = new ArrayList<>();
        for (int layer = 0; layer < spec.layers(); layer++) {
            int inputs = spec.inputsOf(layer);
            kernels.add(xavier(inputs, units, inputs, width));
            recurrent.add(xavier(units, units, units, width));
            biases.add(new double[width]);
        }
        double[] dense = xavier(units, 1, 1, units)[0];
        return new LstmWeights(spec.cell(), kernels, recurrent, biases, dense, 0);
    }

    /** A {@code rows x columns} matrix from DL4J's Xavier initialisation with the given fans. */
    private static double[][] xavier(int fanIn, int fanOut, int rows, int columns) {
        INDArray view = Nd4j.create(DataType.DOUBLE, (long) rows * columns);
        return XAVIER.init(fanIn, fanOut, new long[] {rows, columns}, 'c', view).reshape(rows, columns)
                .toDoubleMatrix();
    }
}
