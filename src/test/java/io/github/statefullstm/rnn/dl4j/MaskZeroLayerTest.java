package io.github.statefullstm.rnn.dl4j;

import static io.github.statefullstm.rnn.dl4j.PaddedSeries.leftMask;
import static io.github.statefullstm.rnn.dl4j.PaddedSeries.leftPadded;
import static io.github.statefullstm.rnn.dl4j.PaddedSeries.leftPaddedLabels;
import static io.github.statefullstm.rnn.dl4j.PaddedSeries.realStepsOfLeftPadded;
import static io.github.statefullstm.rnn.dl4j.PaddedSeries.realStepsOfRightPadded;
import static io.github.statefullstm.rnn.dl4j.PaddedSeries.rightMask;
import static io.github.statefullstm.rnn.dl4j.PaddedSeries.rightPadded;
import static io.github.statefullstm.rnn.dl4j.PaddedSeries.rightPaddedLabels;
import static io.github.statefullstm.rnn.dl4j.TinyLstmNetworks.VISIBLE_CHANGE;
import static io.github.statefullstm.rnn.dl4j.TinyLstmNetworks.largestDifference;
import static io.github.statefullstm.rnn.dl4j.TinyLstmNetworks.steps;
import static io.github.statefullstm.rnn.dl4j.TinyLstmNetworks.values;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.statefullstm.spec.Claim;
import org.deeplearning4j.nn.layers.recurrent.LSTM;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * DL4J's way to mask an LSTM, the {@code MaskZeroLayer} wrapper (which Keras import puts around an LSTM fed by an
 * {@code Embedding} with {@code mask_zero} since #4716, a follow-up to deeplearning4j#4631; the import itself is not
 * among this project's dependencies): it derives a mask from the input and hands it to the LSTM, whose
 * {@code LSTMHelpers.activateHelper} then multiplies h and c by it at every step. A masked step therefore outputs 0
 * and leaves the zero state, where Keras would carry the state through and repeat the last output. Only
 * {@code activate} sets that mask: {@code MultiLayerNetwork.rnnTimeStep} calls the wrapped LSTM directly.
 */
class MaskZeroLayerTest {

    /** Any fixed seed, its own per test class, so each class's claims rest on their own weights. */
    private static final long PARAMETERS_SEED = 41;
    /** Any fixed seed other than the padded series' own, for the steps before the gap. */
    private static final long BEFORE_THE_GAP_SEED = 51;
    private static final int LSTM_LAYER = 1; // feedForward's list starts with the input
    /** A tolerance of 0: equal values, where a masked output of either sign of zero counts as zero. */
    private static final double EXACTLY = 0.0;

    /** Random parameters, so that a zero step moves the state unless it is masked. */
    private static MultiLayerNetwork masking() {
        MultiLayerNetwork network = TinyLstmNetworks.lstmMaskingZeroSteps();
        TinyLstmNetworks.setRandomParameters(network, PARAMETERS_SEED);
        return network;
    }

    /** The same LSTM and parameters without the wrapper. */
    private static MultiLayerNetwork plain() {
        MultiLayerNetwork network = TinyLstmNetworks.standardBackprop();
        TinyLstmNetworks.setRandomParameters(network, PARAMETERS_SEED);
        return network;
    }

    @Test
    @Claim("DL4J-16")
    void aMaskedStepOutputsZeroAndRestartsTheSeriesFromTheZeroState() {
        MultiLayerNetwork network = masking();
        int gap = 2; // real steps before the masked one
        INDArray interrupted = Nd4j.concat(2, TinyLstmNetworks.features(BEFORE_THE_GAP_SEED, PaddedSeries.ROWS, gap),
                Nd4j.zeros(DataType.DOUBLE, PaddedSeries.ROWS, TinyLstmNetworks.FEATURES, 1), PaddedSeries.features());

        INDArray lstmOutput = network.feedForward(interrupted, false).get(LSTM_LAYER);

        assertArrayEquals(new double[PaddedSeries.ROWS * TinyLstmNetworks.UNITS],
                values(steps(lstmOutput, gap, gap + 1)), EXACTLY, "the LSTM's output at the masked step");
        assertArrayEquals(values(network.output(PaddedSeries.features())),
                values(steps(network.output(interrupted), gap + 1, gap + 1 + PaddedSeries.STEPS)),
                "the steps after the masked one, and the same steps from the zero state");
        assertArrayEquals(values(network.output(PaddedSeries.features())),
                values(realStepsOfLeftPadded(network.output(leftPadded()))), "left padding, and none");
    }

    @Test
    @Claim("DL4J-16")
    void rightPaddingKeepsTheRealStepsAndEndsInZeroOutputsNotTheLastOneRepeated() {
        MultiLayerNetwork network = masking();

        INDArray lstmOutput = network.feedForward(rightPadded(), false).get(LSTM_LAYER);

        assertArrayEquals(values(network.output(PaddedSeries.features())),
                values(realStepsOfRightPadded(network.output(rightPadded()))), "the real steps, padded and not");
        assertArrayEquals(new double[PaddedSeries.ROWS * TinyLstmNetworks.UNITS * PaddedSeries.PADDING],
                values(steps(lstmOutput, PaddedSeries.STEPS, PaddedSeries.STEPS + PaddedSeries.PADDING)), EXACTLY,
                "the LSTM's output at the padded steps");
    }

    @Test
    @Claim("DL4J-16")
    void rnnTimeStepBypassesTheMaskZeroLayer() {
        MultiLayerNetwork masking = masking();
        MultiLayerNetwork plain = plain();
        assertArrayEquals(values(plain.params()), values(masking.params()), "the two networks' parameters");

        masking.rnnTimeStep(rightPadded());
        plain.rnnTimeStep(rightPadded());

        INDArray cell = masking.rnnGetPreviousState(0).get(LSTM.STATE_KEY_PREV_MEMCELL);
        assertArrayEquals(values(plain.rnnGetPreviousState(0).get(LSTM.STATE_KEY_PREV_MEMCELL)), values(cell),
                "the cell state after rnnTimeStep over right padding, with the wrapper and without");
        double fromZero = cell.amaxNumber().doubleValue();
        assertTrue(fromZero > VISIBLE_CHANGE, "the masked steps left a cell state as large as " + fromZero);
    }

    /**
     * Left-padded with a labels mask, the real steps' forward pass is the unpadded one bit for bit (the test above),
     * so a correct gradient would be too. The input and recurrent weights still agree (each masked step's input and
     * incoming h are 0), and so does the forget gate's bias (its incoming c is 0); the other gates' biases do not.
     */
    @Test
    @Claim("DL4J-16")
    void fitStillGivesTheMaskedStepsGateBiasesAGradient() {
        MultiLayerNetwork unpadded = masking();
        MultiLayerNetwork right = masking();
        MultiLayerNetwork left = masking();

        unpadded.fit(PaddedSeries.features(), PaddedSeries.labels());
        right.fit(rightPadded(), rightPaddedLabels(), null, rightMask());
        left.fit(leftPadded(), leftPaddedLabels(), null, leftMask());

        assertArrayEquals(values(unpadded.params()), values(right.params()), "right padding's update, and none's");
        for (String weights : new String[] {"0_W", "0_RW", "1_W", "1_b"}) {
            assertArrayEquals(values(unpadded.getParam(weights)), values(left.getParam(weights)),
                    weights + " after left padding's update, and none's");
        }
        assertArrayEquals(values(forgetBias(unpadded)), values(forgetBias(left)), "the forget gate's bias");
        double apart = largestDifference(unpadded.getParam("0_b"), left.getParam("0_b"));
        assertTrue(apart > VISIBLE_CHANGE, "the LSTM's bias after left padding's update and none's differ by " + apart);
    }

    private static INDArray forgetBias(MultiLayerNetwork network) {
        int from = TinyLstmNetworks.FORGET_BLOCK * TinyLstmNetworks.UNITS;
        INDArray bias = network.getParam("0_b");
        return bias.get(NDArrayIndex.all(), NDArrayIndex.interval(from, from + TinyLstmNetworks.UNITS));
    }
}
