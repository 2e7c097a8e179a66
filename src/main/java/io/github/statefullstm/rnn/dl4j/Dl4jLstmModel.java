package io.github.statefullstm.rnn.dl4j;

import io.github.statefullstm.rnn.BatchResult;
import io.github.statefullstm.rnn.CallChecks;
import io.github.statefullstm.rnn.LstmModel;
import io.github.statefullstm.rnn.LstmState;
import io.github.statefullstm.rnn.LstmWeights;
import io.github.statefullstm.rnn.ModelConfig;
import org.deeplearning4j.nn.api.layers.RecurrentLayer;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.recurrent.LSTM;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.HashMap;
import java.util.Map;

/**
 * A DL4J {@code MultiLayerNetwork} with Keras' stateful semantics, which DL4J does not offer through its public
 * training API: {@code fit()} clears the recurrent state before and after every call, and {@code rnnTimeStep} never
 * trains.
 *
 * <p><b>How a stateful {@code trainOnBatch} works here, and why it is Keras'.</b> The carried state is put into both
 * of the LSTM layer's state maps ({@code rnnSetPreviousState} and {@code rnnSetTBPTTState}), because its stored-state
 * forward pass starts from the tBPTT map and its truncated-BPTT backward pass recomputes the forward pass from the
 * other map; with both equal, both start from the carried state. The layers are driven one by one (see
 * {@link #computeGradient}), back-propagating through the batch's steps only: the incoming state enters as a
 * constant, so the gradient stops at the batch boundary, exactly as Keras' stateful {@code train_on_batch}, whose
 * state variables are not part of the differentiated graph. The final h and c, read from the tBPTT map right after,
 * were computed with the weights before the update, as Keras' state update runs in the same forward pass. Then DL4J's
 * own updater turns the gradient into one Adam step (dividing by the rows, so the loss is the mean over rows) and the
 * step is subtracted from the parameters: exactly one update per call, as {@code fit()} would make for one segment.
 *
 * <p>Inference uses {@code rnnTimeStep}, which starts from the LSTM's stored state, stores the final one, and
 * computes the prediction through the {@code RnnOutputLayer}.
 */
final class Dl4jLstmModel implements LstmModel {

    private static final int LSTM_LAYER = 0;
    private static final int OUTPUT_LAYER = 1;
    private static final String H = LSTM.STATE_KEY_PREV_ACTIVATION;
    private static final String C = LSTM.STATE_KEY_PREV_MEMCELL;

    /** Keras clips probabilities to [eps, 1 - eps] inside binary cross-entropy (its backend epsilon, 1e-7). */
    private static final double KERAS_EPSILON = 1e-7;
    /** Keras' accuracy rounds the probability; round(0.5) is 0 (half to even), so class 1 needs p > 0.5. */
    private static final double DECISION_THRESHOLD = 0.5;

    private final ModelConfig config;
    private final MultiLayerNetwork network;
    private final RecurrentLayer lstm;
    private final DataType dataType;
    private final BatchArrays arrays;
    /** Views of the network's flattened gradient where the dense head's gradient goes. */
    private final INDArray denseKernelGradient;
    private final INDArray denseBiasGradient;
    private final int features;
    private final int units;

    /** The network's flattened gradient with the per-parameter views DL4J's updater splits it by; set per batch. */
    private Gradient gradient;
    /** The state the next stateful batch starts from; empty means zeros (DL4J's "no previous state"). */
    private Map<String, INDArray> carried = new HashMap<>();
    /** The final state of the most recent batch; null before any batch. */
    private Map<String, INDArray> lastFinal;
    private int lastRows;

    Dl4jLstmModel(ModelConfig config, Precision precision) {
        this.config = config;
        this.features = config.spec().features();
        this.units = config.spec().units();
        this.dataType = precision.dataType();
        this.network = NetworkBlueprint.build(config, precision);
        this.lstm = (RecurrentLayer) network.getLayer(LSTM_LAYER);
        this.arrays = new BatchArrays(dataType, features);
        INDArray denseGradient = network.getLayer(OUTPUT_LAYER).getGradientsViewArray().reshape(units + 1);
        this.denseKernelGradient = denseGradient.get(NDArrayIndex.interval(0, units)).reshape(units, 1);
        this.denseBiasGradient = denseGradient.get(NDArrayIndex.interval(units, units + 1));
    }

    @Override
    public ModelConfig config() {
        return config;
    }

    @Override
    public double[] predictOnBatch(double[][][] inputs) {
        CallChecks.inputs(inputs, config);
        return forward(inputs);
    }

    @Override
    public BatchResult testOnBatch(double[][][] inputs, double[] targets) {
        CallChecks.inputs(inputs, config);
        CallChecks.targets(targets, inputs.length);
        return score(forward(inputs), targets);
    }

    @Override
    public BatchResult trainOnBatch(double[][][] inputs, double[] targets) {
        CallChecks.inputs(inputs, config);
        CallChecks.targets(targets, inputs.length);
        int rows = inputs.length;
        Map<String, INDArray> finalState = computeGradient(inputs, targets);
        // Predictions from the final h and the dense head before the update: Keras reports the forward pass' loss.
        double[] probabilities = denseHead(finalState.get(H));
        var layerConfigurations = network.getLayerWiseConfigurations();
        int iteration = layerConfigurations.getIterationCount();
        // The updater divides by the rows (mini-batch mean) and turns the gradient, in place, into Adam's step.
        network.getUpdater().update(network, gradient, iteration, layerConfigurations.getEpochCount(), rows,
                LayerWorkspaceMgr.noWorkspaces());
        network.params().subi(gradient.gradient());
        layerConfigurations.setIterationCount(iteration + 1);
        advance(finalState, rows);
        return score(probabilities, targets);
    }

    @Override
    public LstmWeights gradientOnBatch(double[][][] inputs, double[] targets) {
        CallChecks.inputs(inputs, config);
        CallChecks.targets(targets, inputs.length);
        computeGradient(inputs, targets);
        // DL4J's gradient is the sum over rows; the updater divides it later. The API's is the mean over rows.
        double rows = inputs.length;
        LstmWeights sum = ParameterLayout.read(gradient::getGradientFor, features, units);
        double[] flat = sum.flatten();
        for (int i = 0; i < flat.length; i++) {
            flat[i] /= rows;
        }
        return LstmWeights.unflatten(features, units, flat);
    }

    @Override
    public void resetStates() {
        carried = new HashMap<>();
    }

    @Override
    public void resetStates(LstmState initial) {
        CallChecks.initialState(initial, config);
        Map<String, INDArray> state = new HashMap<>();
        state.put(H, Nd4j.createFromArray(initial.h()).castTo(dataType).dup('f'));
        state.put(C, Nd4j.createFromArray(initial.c()).castTo(dataType).dup('f'));
        carried = state;
    }

    @Override
    public LstmState states() {
        if (config.stateful()) {
            return toState(carried, config.batchSize());
        }
        return LstmState.zeros(lastRows, units);
    }

    @Override
    public LstmState finalStates() {
        if (lastFinal == null) {
            return LstmState.zeros(config.stateful() ? config.batchSize() : 0, units);
        }
        return toState(lastFinal, lastRows);
    }

    @Override
    public LstmWeights getWeights() {
        return ParameterLayout.readWeights(network, features, units);
    }

    @Override
    public void setWeights(LstmWeights weights) {
        CallChecks.weights(weights, features, units);
        ParameterLayout.write(weights, network);
    }

    /** Runs the batch forward from the starting state, records the final state, and returns the probabilities. */
    private double[] forward(double[][][] inputs) {
        int rows = inputs.length;
        int steps = inputs[0].length;
        lstm.rnnSetPreviousState(startingState());
        INDArray output = network.rnnTimeStep(arrays.inputs(inputs));
        double[] probabilities = new double[rows];
        for (int row = 0; row < rows; row++) {
            probabilities[row] = output.getDouble(row, 0, steps - 1);
        }
        advance(new HashMap<>(lstm.rnnGetPreviousState()), rows);
        return probabilities;
    }

    /**
     * Leaves the gradient of the summed loss in {@link #gradient} (a view of the network's flattened gradient) and
     * returns the batch's final state, both from the starting state held constant. Changes no weight.
     *
     * <p>Why not {@code network.computeGradientAndScore()}: in 1.0.0-M2.1 it calls {@code calcBackpropGradients}
     * with {@code tbptt = false}, so the LSTM's backward pass recomputes its forward pass from the zero state even
     * when the forward pass started from a stored state (specs/dl4j.md, DL4J-5). So the LSTM layer is driven
     * directly: its forward pass from the stored state, then its truncated-BPTT backward pass, which recomputes the
     * forward pass from {@code rnnSetPreviousState}'s map (set here to the same state) over every step of the batch.
     * The dense head's backward pass in between is three lines of arithmetic, written out below rather than run
     * through the {@code RnnOutputLayer}, whose reshapes, mask and loss arrays were a tenth of an update's native
     * allocations; the output layer still holds the head's parameters and computes every prediction.
     */
    private Map<String, INDArray> computeGradient(double[][][] inputs, double[] targets) {
        Map<String, INDArray> start = startingState();
        lstm.rnnSetPreviousState(start);
        lstm.rnnSetTBPTTState(start);
        LayerWorkspaceMgr noWorkspaces = LayerWorkspaceMgr.noWorkspaces();
        lstm.rnnActivateUsingStoredState(arrays.inputs(inputs), true, true, noWorkspaces);
        // The dense head's backward pass by hand: with a sigmoid unit and cross-entropy on the last step only,
        // dLoss/dLogit = p - y per row, so the head's gradient is (p - y)·h_T and (p - y), and the error reaching the
        // LSTM is (p - y)·w at the last step, zero before.
        INDArray lastH = lstm.rnnGetTBPTTState().get(H);
        double[] errors = denseHead(lastH);
        for (int row = 0; row < errors.length; row++) {
            errors[row] -= targets[row];
        }
        double[] kernel = denseKernel();
        INDArray epsilon = arrays.lastStepError(units);
        int steps = inputs[0].length;
        double biasGradient = 0;
        double[] kernelGradient = new double[units];
        for (int row = 0; row < errors.length; row++) {
            biasGradient += errors[row];
            for (int unit = 0; unit < units; unit++) {
                epsilon.putScalar(new long[] {row, unit, steps - 1}, errors[row] * kernel[unit]);
                kernelGradient[unit] += errors[row] * lastH.getDouble(row, unit);
            }
        }
        for (int unit = 0; unit < units; unit++) {
            denseKernelGradient.putScalar(unit, kernelGradient[unit]);
        }
        denseBiasGradient.putScalar(0, biasGradient);
        Gradient recurrent = lstm.tbpttBackpropGradient(epsilon, NetworkBlueprint.WHOLE_BATCH, noWorkspaces)
                .getFirst();
        // The LSTM wrote into views of the network's flattened gradient; name the views as the network does.
        gradient = new DefaultGradient(network.getFlattenedGradients());
        recurrent.gradientForVariable().forEach((key, view) -> gradient.setGradientFor(LSTM_LAYER + "_" + key, view));
        gradient.setGradientFor(ParameterLayout.DENSE_KERNEL, denseKernelGradient);
        gradient.setGradientFor(ParameterLayout.DENSE_BIAS, denseBiasGradient);
        return new HashMap<>(lstm.rnnGetTBPTTState());
    }

    /** A stateful model starts from the carried state, a stateless one from zeros (an empty map). */
    private Map<String, INDArray> startingState() {
        return config.stateful() ? new HashMap<>(carried) : new HashMap<>();
    }

    private void advance(Map<String, INDArray> finalState, int rows) {
        lastFinal = finalState;
        lastRows = rows;
        if (config.stateful()) {
            carried = finalState;
        }
    }

    private double[] denseKernel() {
        INDArray kernel = network.getParam(ParameterLayout.DENSE_KERNEL);
        double[] values = new double[units];
        for (int unit = 0; unit < units; unit++) {
            values[unit] = kernel.getDouble(unit, 0);
        }
        return values;
    }

    private double[] denseHead(INDArray lastH) {
        double[] kernel = denseKernel();
        double bias = network.getParam(ParameterLayout.DENSE_BIAS).getDouble(0);
        int rows = (int) lastH.size(0);
        double[] probabilities = new double[rows];
        for (int row = 0; row < rows; row++) {
            double z = bias;
            for (int unit = 0; unit < units; unit++) {
                z += lastH.getDouble(row, unit) * kernel[unit];
            }
            probabilities[row] = 1 / (1 + Math.exp(-z));
        }
        return probabilities;
    }

    private static BatchResult score(double[] probabilities, double[] targets) {
        double loss = 0;
        int correct = 0;
        for (int row = 0; row < probabilities.length; row++) {
            double p = Math.min(1 - KERAS_EPSILON, Math.max(KERAS_EPSILON, probabilities[row]));
            loss -= targets[row] * Math.log(p) + (1 - targets[row]) * Math.log(1 - p);
            double predicted = probabilities[row] > DECISION_THRESHOLD ? 1 : 0;
            if (predicted == targets[row]) {
                correct++;
            }
        }
        return new BatchResult(loss / probabilities.length, (double) correct / probabilities.length);
    }

    private LstmState toState(Map<String, INDArray> state, int rows) {
        if (state.isEmpty()) {
            return LstmState.zeros(rows, units);
        }
        return new LstmState(state.get(H).toDoubleMatrix(), state.get(C).toDoubleMatrix());
    }
}
