package io.github.statefullstm.rnn.dl4j;

import io.github.statefullstm.rnn.GateActivation;
import io.github.statefullstm.rnn.LstmModel;
import io.github.statefullstm.rnn.LstmSpec;
import io.github.statefullstm.rnn.LstmWeights;
import io.github.statefullstm.rnn.ModelConfig;
import io.github.statefullstm.spec.Claim;
import io.github.statefullstm.rnn.LstmState;
import org.deeplearning4j.nn.api.layers.RecurrentLayer;
import org.deeplearning4j.nn.conf.BackpropType;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DL4J's own truncated BPTT (1.0.0-M2.1) back-propagates each segment's LSTM as if the segment had started from
 * the zero state: {@code MultiLayerNetwork.computeGradientAndScore} calls {@code calcBackpropGradients} with
 * {@code tbptt = false}, so {@code LSTM.backpropGradient} recomputes the forward pass from a null state. With segments
 * of one step, the recurrent kernel and every forget-gate parameter then get an exactly zero gradient, so fit()
 * never changes them; Keras semantics (this engine) change them from the first updates.
 */
class TruncatedBpttTest {

    private static final int UNITS = 10;
    private static final int STEPS = 20;
    private static final long SEED = 42;
    /** Any real training signal moves a parameter by about the learning rate (1e-3) per update. */
    private static final double VISIBLE_CHANGE = 1e-5;

    /** The post's per-step protocol as DL4J users write it: one 20-step sequence per fit, tBPTT length 1. */
    private static MultiLayerNetwork truncatedBpttOfLengthOne() {
        MultiLayerNetwork network = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(SEED)
                .dataType(DataType.DOUBLE)
                .updater(new Adam(1e-3))
                .list()
                .layer(new LSTM.Builder().nIn(1).nOut(UNITS).activation(Activation.TANH)
                        .gateActivationFunction(Activation.SIGMOID).build())
                .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.XENT).activation(Activation.SIGMOID)
                        .nIn(UNITS).nOut(1).build())
                .backpropType(BackpropType.TruncatedBPTT)
                .tBPTTForwardLength(1)
                .tBPTTBackwardLength(1)
                .build());
        network.init();
        return network;
    }

    /** A sequence whose step 0 holds 1 and every step's label is that 1: the post's per-step targets. */
    private static INDArray[] sequenceOfOne() {
        INDArray features = Nd4j.zeros(DataType.DOUBLE, 1, 1, STEPS);
        features.putScalar(new long[] {0, 0, 0}, 1.0);
        INDArray labels = Nd4j.ones(DataType.DOUBLE, 1, 1, STEPS);
        return new INDArray[] {features, labels};
    }

    @Test
    @Claim("DL4J-5")
    void dl4jTruncatedBpttOfLengthOneNeverChangesRecurrentOrForgetGateWeights() {
        MultiLayerNetwork network = truncatedBpttOfLengthOne();
        LstmWeights before = Dl4jParameterMapping.readWeights(network, 1, UNITS);
        INDArray[] sequence = sequenceOfOne();

        for (int epoch = 0; epoch < 5; epoch++) {
            network.fit(sequence[0], sequence[1]);
        }

        LstmWeights after = Dl4jParameterMapping.readWeights(network, 1, UNITS);
        assertArrayEquals(flat(before.recurrentKernel()), flat(after.recurrentKernel()), 0.0,
                "recurrent kernel after 100 updates");
        assertArrayEquals(forgetColumns(before), forgetColumns(after), 0.0, "forget gate after 100 updates");
        assertTrue(maxChange(before.kernel()[0], after.kernel()[0]) > VISIBLE_CHANGE,
                "the other gates do train, so the updates happened");
    }

    @Test
    @Claim("DL4J-5")
    void kerasSemanticsTrainRecurrentAndForgetGateWeightsOnTheSameProtocol() {
        LstmModel model = new Dl4jEngine().build(
                ModelConfig.stateful(new LstmSpec(1, UNITS, GateActivation.SIGMOID), 1, SEED));
        LstmWeights before = model.getWeights();

        for (int epoch = 0; epoch < 5; epoch++) {
            for (int step = 0; step < STEPS; step++) {
                model.trainOnBatch(new double[][][] {{{step == 0 ? 1 : 0}}}, new double[] {1});
            }
            model.resetStates();
        }

        LstmWeights after = model.getWeights();
        assertTrue(maxChange(flat(before.recurrentKernel()), flat(after.recurrentKernel())) > VISIBLE_CHANGE,
                "recurrent kernel");
        assertTrue(maxChange(forgetColumns(before), forgetColumns(after)) > VISIBLE_CHANGE, "forget gate");
    }

    /** DL4J's and this engine's gradients are both sums of double arithmetic over the same numbers. */
    private static final double SAME_GRADIENT = 1e-10;
    /** A gradient computed from the wrong state differs from the true one far beyond rounding. */
    private static final double WRONG_GRADIENT = 1e-3;

    @Test
    @Claim("DL4J-5")
    void computeGradientAndScoreIgnoresTheStoredStateInTheLstmBackwardPass() {
        int rows = 2;
        MultiLayerNetwork network = truncatedBpttOfLengthOne();
        LstmModel engine = new Dl4jEngine().build(
                ModelConfig.stateful(new LstmSpec(1, UNITS, GateActivation.SIGMOID), rows, SEED));
        engine.setWeights(Dl4jParameterMapping.readWeights(network, 1, UNITS));
        double[][][] step = {{{0.7}}, {{-0.4}}};
        double[] targets = {1, 0};
        INDArray features = Nd4j.createFromArray(step).reshape(rows, 1, 1);
        INDArray labels = Nd4j.createFromArray(targets).reshape(rows, 1, 1);

        LstmState zero = LstmState.zeros(rows, UNITS);
        LstmState carried = Fixtures.state(rows, UNITS, 3);
        for (LstmState state : new LstmState[] {zero, carried}) {
            engine.resetStates(state);
            double[] truth = lstmPart(engine.gradientOnBatch(step, targets));
            double[] dl4j = lstmPart(dl4jGradient(network, state, features, labels, rows));
            double difference = maxChange(truth, dl4j);
            if (state == zero) {
                assertTrue(difference < SAME_GRADIENT, "from the zero state DL4J is right: " + difference);
            } else {
                assertTrue(difference > WRONG_GRADIENT, "from a carried state DL4J is wrong: " + difference);
            }
        }
    }

    /** What doTruncatedBPTT does per segment: stored state in both maps, then computeGradientAndScore. */
    private static LstmWeights dl4jGradient(MultiLayerNetwork network, LstmState state, INDArray features,
                                            INDArray labels, int rows) {
        Map<String, INDArray> stored = new HashMap<>();
        stored.put(org.deeplearning4j.nn.layers.recurrent.LSTM.STATE_KEY_PREV_ACTIVATION,
                Nd4j.createFromArray(state.h()));
        stored.put(org.deeplearning4j.nn.layers.recurrent.LSTM.STATE_KEY_PREV_MEMCELL,
                Nd4j.createFromArray(state.c()));
        RecurrentLayer lstm = (RecurrentLayer) network.getLayer(0);
        lstm.rnnSetPreviousState(stored);
        lstm.rnnSetTBPTTState(stored);
        network.setInput(features);
        network.setLabels(labels);
        network.computeGradientAndScore();
        Gradient gradient = network.gradient();
        double[] sum = Dl4jParameterMapping.read(gradient::getGradientFor, 1, UNITS).flatten();
        for (int i = 0; i < sum.length; i++) {
            sum[i] /= rows; // DL4J's updater divides by the rows later; the engine's gradient is the mean
        }
        return LstmWeights.unflatten(1, UNITS, sum);
    }

    /** Kernel, recurrent kernel and bias: the LSTM's own parameters, in flatten() order before the dense head. */
    private static double[] lstmPart(LstmWeights gradient) {
        double[] flat = gradient.flatten();
        return java.util.Arrays.copyOf(flat, flat.length - UNITS - 1);
    }

    private static double[] forgetColumns(LstmWeights weights) {
        int forget = LstmWeights.Gate.FORGET.ordinal();
        double[] columns = new double[3 * UNITS];
        for (int unit = 0; unit < UNITS; unit++) {
            int column = forget * UNITS + unit;
            columns[unit] = weights.kernel()[0][column];
            columns[UNITS + unit] = weights.bias()[column];
            columns[2 * UNITS + unit] = weights.recurrentKernel()[unit][column];
        }
        return columns;
    }

    private static double[] flat(double[][] matrix) {
        return java.util.Arrays.stream(matrix).flatMapToDouble(java.util.Arrays::stream).toArray();
    }

    private static double maxChange(double[] before, double[] after) {
        double max = 0;
        for (int i = 0; i < before.length; i++) {
            max = Math.max(max, Math.abs(after[i] - before[i]));
        }
        return max;
    }
}
