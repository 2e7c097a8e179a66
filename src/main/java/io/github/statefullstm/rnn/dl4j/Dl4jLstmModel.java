package io.github.statefullstm.rnn.dl4j;

import io.github.statefullstm.rnn.BatchResult;
import io.github.statefullstm.rnn.CallChecks;
import io.github.statefullstm.rnn.KerasCrossEntropy;
import io.github.statefullstm.rnn.LstmModel;
import io.github.statefullstm.rnn.LstmState;
import io.github.statefullstm.rnn.LstmWeights;
import io.github.statefullstm.rnn.ModelConfig;
import org.deeplearning4j.nn.api.layers.RecurrentLayer;
import org.deeplearning4j.nn.layers.recurrent.LSTM;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An LSTM on DL4J with Keras' stateful semantics, which DL4J does not offer through its public training API:
 * {@code fit()} clears the recurrent state before and after every call, and {@code rnnTimeStep} never trains.
 *
 * <p><b>What runs.</b> DL4J's {@code MultiLayerNetwork} ({@link NetworkBlueprint}) describes the model and draws its
 * initial weights from the seed. Every pass then runs in libnd4j's LSTM cell kernels, one bound native call per step
 * each way ({@link CellPasses}), over parameters held in the kernels' layout ({@link KernelParameters}); the dense
 * head is a few lines of arithmetic here. DL4J's own layers compute the same predictions and states from the same
 * weights ({@link #throughDl4jLayers}, DL4J-12); they are not on the hot path because they cost a native call per
 * operation per step and allocate afresh on every call (reports/dl4j-speed.md).
 *
 * <p><b>How a stateful {@code trainOnBatch} works, and why it is Keras'.</b> An update runs the LSTM forward over the
 * batch's steps from the carried state, then back-propagates through those steps only: the incoming state enters
 * as a constant, so the gradient stops at the batch boundary, exactly as Keras' stateful {@code train_on_batch},
 * whose state variables are not part of the differentiated graph. The final h and c come from that forward pass,
 * computed with the weights before the update, as Keras' state update runs in the same forward pass. libnd4j's Adam
 * (Keras 1's formula) then turns the mean-over-rows gradient into one step, subtracted from the parameters: exactly
 * one update per call.
 *
 * <p><b>Memory.</b> The arrays of each batch shape are made once and overwritten by every batch of that shape, so
 * an update allocates nothing natively that outlives it.
 */
final class Dl4jLstmModel implements LstmModel {

    /** Keras' accuracy rounds the probability; round(0.5) is 0 (half to even), so class 1 needs p > 0.5. */
    private static final double DECISION_THRESHOLD = 0.5;

    private final ModelConfig config;
    private final DataType dataType;
    private final MultiLayerNetwork network;
    private final KernelParameters parameters;
    /** The passes of each batch shape seen so far, by rows and steps: a run meets a handful of shapes. */
    private final Map<List<Integer>, CellPasses> passes = new HashMap<>();
    private final int features;
    private final int units;
    private final int kernelUnits;
    /** Updates made so far: Adam's bias correction counts them. */
    private int iteration;

    /** The state the next stateful batch starts from; null means zeros. */
    private LstmState carried;
    /** The final state of the most recent batch; null before any batch. */
    private LstmState lastFinal;
    private int lastRows;

    Dl4jLstmModel(ModelConfig config, Precision precision) {
        this.config = config;
        this.features = config.spec().features();
        this.units = config.spec().units();
        this.kernelUnits = Math.max(units, CellPasses.FEWEST_KERNEL_UNITS);
        this.dataType = precision.dataType();
        this.network = NetworkBlueprint.build(config, precision);
        this.parameters = new KernelParameters(dataType, features, units, kernelUnits, config.adam());
        parameters.write(Dl4jParameterMapping.readWeights(network, features, units));
    }

    @Override
    public ModelConfig config() {
        return config;
    }

    @Override
    public double[] predictOnBatch(double[][][] inputs) {
        CallChecks.inputs(inputs, config);
        return predict(inputs);
    }

    @Override
    public BatchResult testOnBatch(double[][][] inputs, double[] targets) {
        CallChecks.inputs(inputs, config);
        CallChecks.targets(targets, inputs.length);
        return score(predict(inputs), targets);
    }

    private double[] predict(double[][][] inputs) {
        CellPasses cells = forward(inputs);
        double[] lastH = cells.lastH();
        double[] probabilities = denseHead(lastH, inputs.length);
        advance(finalState(lastH, cells.lastC(), inputs.length), inputs.length);
        return probabilities;
    }

    @Override
    public BatchResult trainOnBatch(double[][][] inputs, double[] targets) {
        CallChecks.inputs(inputs, config);
        CallChecks.targets(targets, inputs.length);
        // kata:begin dl4j
        Pass pass = computeGradient(inputs, targets);
        // Adam turns the gradient into its step, which is subtracted from the parameters.
        parameters.adamStep(iteration);
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
        return parameters.gradientWeights();
    }

    @Override
    public void resetStates() {
        // kata:begin dl4j
        carried = null;
        // kata:end
    }

    @Override
    public void resetStates(LstmState initial) {
        CallChecks.initialState(initial, config);
        carried = initial;
    }

    @Override
    public LstmState states() {
        if (config.stateful()) {
            return carried == null ? LstmState.zeros(config.batchSize(), units) : carried;
        }
        return LstmState.zeros(lastRows, units);
    }

    @Override
    public LstmState finalStates() {
        if (lastFinal == null) {
            return LstmState.zeros(config.stateful() ? config.batchSize() : 0, units);
        }
        return lastFinal;
    }

    @Override
    public LstmWeights getWeights() {
        return parameters.weights();
    }

    @Override
    public void setWeights(LstmWeights weights) {
        CallChecks.weights(weights, features, units);
        parameters.write(weights);
    }

    /** What DL4J's own layers answer for a batch: the last step's probability per row, and the final state. */
    record LayersAnswer(double[] probabilities, LstmState finalState) {
    }

    /**
     * The same batch through DL4J's own {@code LSTM} and {@code RnnOutputLayer} ({@code rnnTimeStep}), with this
     * model's weights and from the state its next batch would start from; this model's state is left as it was.
     * It is what the kernels' passes are checked against (DL4J-12), and it is slow: a native call per operation per
     * step, and fresh arrays on every call.
     */
    LayersAnswer throughDl4jLayers(double[][][] inputs) {
        CallChecks.inputs(inputs, config);
        Dl4jParameterMapping.write(getWeights(), network);
        RecurrentLayer lstm = (RecurrentLayer) network.getLayer(0);
        Map<String, INDArray> start = new HashMap<>();
        LstmState from = startingState();
        if (from != null) {
            start.put(LSTM.STATE_KEY_PREV_ACTIVATION, Nd4j.createFromArray(from.h()).castTo(dataType));
            start.put(LSTM.STATE_KEY_PREV_MEMCELL, Nd4j.createFromArray(from.c()).castTo(dataType));
        }
        lstm.rnnSetPreviousState(start);
        int rows = inputs.length;
        int steps = inputs[0].length;
        INDArray x = Nd4j.create(dataType, rows, features, steps);
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
        LstmState finalState = new LstmState(last.get(LSTM.STATE_KEY_PREV_ACTIVATION).toDoubleMatrix(),
                last.get(LSTM.STATE_KEY_PREV_MEMCELL).toDoubleMatrix());
        network.rnnClearPreviousState();
        return new LayersAnswer(probabilities, finalState);
    }

    /** Runs the batch forward from the starting state; the caller reads the result from the passes. */
    private CellPasses forward(double[][][] inputs) {
        int rows = inputs.length;
        int steps = inputs[0].length;
        CellPasses cells = passes.computeIfAbsent(List.of(rows, steps), shape -> new CellPasses(
                config.spec().gateActivation(), dataType, rows, steps, features, kernelUnits, parameters));
        LstmState start = startingState();
        cells.forward(inputs, start == null ? null : kernelWidth(start.h()),
                start == null ? null : kernelWidth(start.c()));
        return cells;
    }

    /** What a training pass leaves besides the gradient: the predictions and the final state. */
    private record Pass(double[] probabilities, LstmState finalState) {
    }

    /**
     * Leaves the gradient of the mean loss over rows in the parameters' gradient and returns the batch's predictions
     * and final state, all from the starting state held constant. Changes no weight.
     *
     * <p>The dense head's backward pass by hand: with a sigmoid unit and cross-entropy on the last step only,
     * dLoss/dLogit = (p - y) / rows per row for the mean loss (0 for a row Keras clips), so the head's gradient is
     * the sum over rows of that times h_T, and of that alone; the error reaching the LSTM is that times the head's
     * kernel, at h_T.
     */
    private Pass computeGradient(double[][][] inputs, double[] targets) {
        CellPasses cells = forward(inputs);
        int rows = inputs.length;
        double[] lastH = cells.lastH();
        double[] denseKernel = parameters.denseKernel();
        double[] probabilities = denseHead(lastH, rows);
        double[] hError = new double[rows * kernelUnits];
        double biasGradient = 0;
        double[] kernelGradient = new double[units];
        for (int row = 0; row < rows; row++) {
            double error = KerasCrossEntropy.logitGradient(probabilities[row], targets[row]) / rows;
            biasGradient += error;
            for (int unit = 0; unit < units; unit++) {
                hError[row * kernelUnits + unit] = error * denseKernel[unit];
                kernelGradient[unit] += error * lastH[row * kernelUnits + unit];
            }
        }
        LstmState finalState = finalState(lastH, cells.lastC(), rows);
        parameters.clearGradient();
        parameters.setDenseGradient(kernelGradient, biasGradient);
        cells.backward(hError);
        return new Pass(probabilities, finalState);
    }

    /** A stateful model starts from the carried state, a stateless one from zeros (null). */
    private LstmState startingState() {
        // kata:begin dl4j
        return config.stateful() ? carried : null;
        // kata:end
    }

    /** Records the final state of the batch just run; a stateful model carries it to the next batch. */
    private void advance(LstmState finalState, int rows) {
        // kata:begin dl4j
        lastFinal = finalState;
        lastRows = rows;
        if (config.stateful()) {
            carried = finalState;
        }
        // kata:end
    }

    /** The head's probability for each row, from the last h, {@code [rows][k]} row by row. */
    private double[] denseHead(double[] lastH, int rows) {
        double bias = parameters.denseBias();
        double[] kernel = parameters.denseKernel();
        double[] probabilities = new double[rows];
        for (int row = 0; row < rows; row++) {
            double z = bias;
            for (int unit = 0; unit < units; unit++) {
                z += lastH[row * kernelUnits + unit] * kernel[unit];
            }
            probabilities[row] = KerasCrossEntropy.sigmoid(z);
        }
        return probabilities;
    }

    private LstmState finalState(double[] lastH, double[] lastC, int rows) {
        return new LstmState(realUnits(lastH, rows), realUnits(lastC, rows));
    }

    /** {@code [rows][k]} row by row, without the inert unit. */
    private double[][] realUnits(double[] kernelRows, int rows) {
        double[][] state = new double[rows][units];
        for (int row = 0; row < rows; row++) {
            System.arraycopy(kernelRows, row * kernelUnits, state[row], 0, units);
        }
        return state;
    }

    /** {@code [rows][units]} as the kernels' {@code [rows][k]} row by row, the inert unit at zero. */
    private double[] kernelWidth(double[][] state) {
        double[] values = new double[state.length * kernelUnits];
        for (int row = 0; row < state.length; row++) {
            System.arraycopy(state[row], 0, values, row * kernelUnits, units);
        }
        return values;
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
}
