package io.github.statefullstm.rnn.dl4j;

import io.github.statefullstm.rnn.BatchResult;
import io.github.statefullstm.rnn.CallChecks;
import io.github.statefullstm.rnn.KerasCrossEntropy;
import io.github.statefullstm.rnn.LstmModel;
import io.github.statefullstm.rnn.LstmState;
import io.github.statefullstm.rnn.LstmWeights;
import io.github.statefullstm.rnn.ModelConfig;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.layers.RecurrentLayer;
import org.deeplearning4j.nn.layers.recurrent.LSTM;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;

import java.util.HashMap;
import java.util.Map;

/**
 * A DL4J {@code MultiLayerNetwork} with Keras' stateful semantics, which DL4J does not offer through its public
 * training API: {@code fit()} clears the recurrent state before and after every call, and {@code rnnTimeStep} never
 * trains.
 *
 * <p><b>How a stateful {@code trainOnBatch} works here, and why it is Keras'.</b> The network holds the parameters
 * (DL4J's layout, initialised by DL4J from the seed). An update runs the LSTM forward over the batch's steps from the
 * carried state, then back-propagates through those steps only: the incoming state enters as a constant, so the
 * gradient stops at the batch boundary, exactly as Keras' stateful {@code train_on_batch}, whose state variables are
 * not part of the differentiated graph. Both passes are libnd4j's fused LSTM kernels ({@link FusedLstm}), not the
 * layer's own passes, which cost a native call per operation per step (see {@link #computeGradient}). The final h and
 * c come from that forward pass, computed with the weights before the update, as Keras' state update runs in the same
 * forward pass. ND4J's Adam updater, the one DL4J's network updater delegates to, then turns the mean-over-rows
 * gradient into one step, which is subtracted from the parameters: exactly one update per call.
 *
 * <p>Inference uses DL4J's own layers through {@code rnnTimeStep}, which starts from the LSTM's stored state, stores
 * the final one, and computes the prediction through the {@code RnnOutputLayer}. Training and inference therefore
 * run different code over the same parameters; the conformance properties check both against the reference.
 */
final class Dl4jLstmModel implements LstmModel {

    private static final int LSTM_LAYER = 0;
    private static final int OUTPUT_LAYER = 1;
    private static final String H = LSTM.STATE_KEY_PREV_ACTIVATION;
    private static final String C = LSTM.STATE_KEY_PREV_MEMCELL;

    /** Keras' accuracy rounds the probability; round(0.5) is 0 (half to even), so class 1 needs p > 0.5. */
    private static final double DECISION_THRESHOLD = 0.5;

    private final ModelConfig config;
    private final MultiLayerNetwork network;
    private final RecurrentLayer lstm;
    private final DataType dataType;
    private final BatchArrays arrays;
    /** Views of the network's flattened gradient, by the network's parameter keys ("0_W", ..., "1_b"). */
    private final Map<String, INDArray> gradients = new HashMap<>();
    private final FusedLstm fused;
    /** Adam over every parameter at once: Keras-1's Adam has no per-layer settings, so one state serves all. */
    private final GradientUpdater<?> adam;
    private final int features;
    private final int units;
    /** Updates made so far: Adam's bias correction counts them. */
    private int iteration;

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
        for (int index : new int[] {LSTM_LAYER, OUTPUT_LAYER}) {
            Layer layer = network.getLayer(index);
            layer.conf().getLayer().initializer()
                    .getGradientsFromFlattened(layer.conf(), layer.getGradientsViewArray())
                    .forEach((key, view) -> gradients.put(index + "_" + key, view));
        }
        this.fused = new FusedLstm(config.spec().gateActivation(), dataType, features, units);
        INDArray adamState = Nd4j.create(dataType, 1, 2 * network.numParams());
        this.adam = NetworkBlueprint.adam(config.adam()).instantiate(adamState, true);
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
        // kata:begin dl4j
        Pass pass = computeGradient(inputs, targets);
        // Adam turns the gradient, in place, into its step; the step is subtracted from the parameters.
        INDArray step = network.getFlattenedGradients();
        adam.applyUpdater(step, iteration, 0);
        network.params().subi(step.reshape(network.numParams()));
        iteration++;
        advance(pass.finalState(), inputs.length);
        // Keras reports the loss of the forward pass, made with the weights before the update.
        return score(pass.probabilities(), targets);
        // kata:end
    }

    @Override
    public LstmWeights gradientOnBatch(double[][][] inputs, double[] targets) {
        CallChecks.inputs(inputs, config);
        CallChecks.targets(targets, inputs.length);
        computeGradient(inputs, targets);
        return Dl4jParameterMapping.read(gradients::get, features, units);
    }

    @Override
    public void resetStates() {
        // kata:begin dl4j
        carried = new HashMap<>();
        // kata:end
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
        return Dl4jParameterMapping.readWeights(network, features, units);
    }

    @Override
    public void setWeights(LstmWeights weights) {
        CallChecks.weights(weights, features, units);
        Dl4jParameterMapping.write(weights, network);
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

    /** What a training pass leaves besides the gradient: the predictions and the final state. */
    private record Pass(double[] probabilities, Map<String, INDArray> finalState) {
    }

    /**
     * Leaves the gradient of the mean loss over rows in the network's flattened gradient and returns the batch's
     * predictions and final state, all from the starting state held constant. Changes no weight.
     *
     * <p>Why not {@code network.computeGradientAndScore()}: in 1.0.0-M2.1 it calls {@code calcBackpropGradients}
     * with {@code tbptt = false}, so the LSTM's backward pass recomputes its forward pass from the zero state even
     * when the forward pass started from a stored state (specs/dl4j.md, DL4J-5). And why not the LSTM layer's own
     * passes, driven one by one: they cost several hundred native calls per update of a batch of windows, where
     * libnd4j's fused kernels cost two ({@link FusedLstm}). The dense head's backward pass in between is three lines
     * of arithmetic, written out below rather than run through the {@code RnnOutputLayer}, whose reshapes, mask and
     * loss arrays would cost more native calls than the LSTM; the output layer still holds the head's parameters and
     * computes every inference.
     */
    private Pass computeGradient(double[][][] inputs, double[] targets) {
        Map<String, INDArray> start = startingState();
        INDArray x = arrays.inputs(inputs);
        FusedLstm.Forward last = fused.forward(x, network.getParam(Dl4jParameterMapping.LSTM_KERNEL),
                network.getParam(Dl4jParameterMapping.LSTM_RECURRENT_KERNEL), network.getParam(Dl4jParameterMapping.LSTM_BIAS),
                start.get(H), start.get(C));
        // The dense head's backward pass by hand: with a sigmoid unit and cross-entropy on the last step only,
        // dLoss/dLogit = (p - y) / rows per row for the mean loss (0 for a row Keras clips), so the head's gradient
        // is the sum over rows of that times h_T, and of that alone; the error reaching the LSTM is that times the
        // head's kernel, at h_T.
        double[][] lastH = last.finalH().toDoubleMatrix();
        double[] kernel = denseKernel();
        double[] probabilities = denseHead(lastH, kernel);
        int rows = probabilities.length;
        double[][] hError = new double[rows][units];
        double biasGradient = 0;
        double[] kernelGradient = new double[units];
        for (int row = 0; row < rows; row++) {
            double error = KerasCrossEntropy.logitGradient(probabilities[row], targets[row]) / rows;
            biasGradient += error;
            for (int unit = 0; unit < units; unit++) {
                hError[row][unit] = error * kernel[unit];
                kernelGradient[unit] += error * lastH[row][unit];
            }
        }
        INDArray denseKernelGradient = gradients.get(Dl4jParameterMapping.DENSE_KERNEL);
        for (int unit = 0; unit < units; unit++) {
            denseKernelGradient.putScalar(unit, 0, kernelGradient[unit]);
        }
        gradients.get(Dl4jParameterMapping.DENSE_BIAS).putScalar(0, biasGradient);
        fused.backward(last, hError, gradients.get(Dl4jParameterMapping.LSTM_KERNEL),
                gradients.get(Dl4jParameterMapping.LSTM_RECURRENT_KERNEL),
                gradients.get(Dl4jParameterMapping.LSTM_BIAS));
        Map<String, INDArray> finalState = new HashMap<>();
        finalState.put(H, last.finalH());
        finalState.put(C, last.finalC());
        return new Pass(probabilities, finalState);
    }

    /** A stateful model starts from the carried state, a stateless one from zeros (an empty map). */
    private Map<String, INDArray> startingState() {
        // kata:begin dl4j
        return config.stateful() ? new HashMap<>(carried) : new HashMap<>();
        // kata:end
    }

    /** Records the final state of the batch just run; a stateful model carries it to the next batch. */
    private void advance(Map<String, INDArray> finalState, int rows) {
        // kata:begin dl4j
        lastFinal = finalState;
        lastRows = rows;
        if (config.stateful()) {
            carried = finalState;
        }
        // kata:end
    }

    private double[] denseKernel() {
        INDArray kernel = network.getParam(Dl4jParameterMapping.DENSE_KERNEL);
        double[] values = new double[units];
        for (int unit = 0; unit < units; unit++) {
            values[unit] = kernel.getDouble(unit, 0);
        }
        return values;
    }

    private double[] denseHead(double[][] lastH, double[] kernel) {
        double bias = network.getParam(Dl4jParameterMapping.DENSE_BIAS).getDouble(0);
        int rows = lastH.length;
        double[] probabilities = new double[rows];
        for (int row = 0; row < rows; row++) {
            double z = bias;
            for (int unit = 0; unit < units; unit++) {
                z += lastH[row][unit] * kernel[unit];
            }
            probabilities[row] = KerasCrossEntropy.sigmoid(z);
        }
        return probabilities;
    }

    private static BatchResult score(double[] probabilities, double[] targets) {
        double loss = 0;
        int correct = 0;
        for (int row = 0; row < probabilities.length; row++) {
            loss += KerasCrossEntropy.loss(probabilities[row], targets[row]);
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
