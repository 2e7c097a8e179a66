package io.github.statefullstm.rnn.dl4j;

import io.github.statefullstm.rnn.LstmModel;
import io.github.statefullstm.rnn.LstmState;
import java.util.HashMap;
import java.util.Map;
import org.deeplearning4j.nn.api.layers.RecurrentLayer;
import org.deeplearning4j.nn.layers.recurrent.LSTM;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What DL4J's own layers, {@code LSTM} and {@code RnnOutputLayer} run through {@code rnnTimeStep}, answer for a batch,
 * given a model's weights and the state its next batch starts from: the definition of what DL4J computes, which the
 * engine's cell kernels are checked against (DL4J-12). Slow: a native call per operation per step, and fresh arrays
 * on every call; the engine never runs it.
 */
final class Dl4jLayers {

    /** The last step's probability per row, and the final state. */
    record Answer(double[] probabilities, LstmState finalState) {
    }

    private Dl4jLayers() {
    }

    /** The batch through DL4J's layers with the model's weights, from the model's {@code states()}; changes nothing. */
    static Answer answer(LstmModel model, double[][][] inputs) {
        MultiLayerNetwork network = NetworkBlueprint.build(model.config(), Precision.DOUBLE);
        Dl4jParameterMapping.write(model.getWeights(), network);
        RecurrentLayer lstm = (RecurrentLayer) network.getLayer(0);
        int rows = inputs.length;
        int steps = inputs[0].length;
        int features = inputs[0][0].length;
        LstmState from = model.config().stateful() ? model.states()
                : LstmState.zeros(model.config().spec(), rows);
        Map<String, INDArray> start = new HashMap<>();
        start.put(LSTM.STATE_KEY_PREV_ACTIVATION, Nd4j.createFromArray(from.h()).castTo(DataType.DOUBLE));
        start.put(LSTM.STATE_KEY_PREV_MEMCELL, Nd4j.createFromArray(from.c()).castTo(DataType.DOUBLE));
        lstm.rnnSetPreviousState(start);
        INDArray x = Nd4j.create(DataType.DOUBLE, rows, features, steps);
        for (int row = 0; row < rows; row++) {
            for (int t = 0; t < steps; t++) {
                for (int feature = 0; feature < features; feature++) {
                    x.putScalar(new long[] {row, feature, t}, inputs[row][t][feature]);
                }
            }
        }
        INDArray output = network.rnnTimeStep(x);
        double[] probabilities = new double[rows];
        for (int row = 0; row < rows; row++) {
            probabilities[row] = output.getDouble(row, 0, steps - 1);
        }
        Map<String, INDArray> last = lstm.rnnGetPreviousState();
        return new Answer(probabilities, new LstmState(last.get(LSTM.STATE_KEY_PREV_ACTIVATION).toDoubleMatrix(),
                last.get(LSTM.STATE_KEY_PREV_MEMCELL).toDoubleMatrix()));
    }
}
