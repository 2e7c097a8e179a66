package io.github.statefullstm.rnn.dl4j;

import static io.github.statefullstm.rnn.dl4j.PaddedSeries.leftMask;
import static io.github.statefullstm.rnn.dl4j.PaddedSeries.leftPadded;
import static io.github.statefullstm.rnn.dl4j.PaddedSeries.leftPaddedLabels;
import static io.github.statefullstm.rnn.dl4j.PaddedSeries.realStepsOfLeftPadded;
import static io.github.statefullstm.rnn.dl4j.PaddedSeries.rightMask;
import static io.github.statefullstm.rnn.dl4j.PaddedSeries.rightPadded;
import static io.github.statefullstm.rnn.dl4j.PaddedSeries.rightPaddedLabels;
import static io.github.statefullstm.rnn.dl4j.TinyLstmNetworks.VISIBLE_CHANGE;
import static io.github.statefullstm.rnn.dl4j.TinyLstmNetworks.largestDifference;
import static io.github.statefullstm.rnn.dl4j.TinyLstmNetworks.values;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.statefullstm.spec.Claim;
import org.deeplearning4j.nn.layers.recurrent.LSTM;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * deeplearning4j#4631 found the features mask {@code null} at an imported Keras LSTM, so masked steps counted. In
 * 1.0.0-M2.1 that holds for DL4J's own {@code LSTM}: its {@code feedForwardMaskArray} passes the mask on to the next
 * layer without keeping it, so {@code LSTMHelpers.activateHelper}, which would zero h and c at a masked step, gets
 * none. A features mask changes nothing the LSTM computes; only the loss can leave steps out, through a labels mask.
 */
class LstmFeaturesMaskTest {

    /** Any fixed seed, its own per test class, so each class's claims rest on their own weights. */
    private static final long PARAMETERS_SEED = 31;
    /** About what one update at {@link TinyLstmNetworks#LEARNING_RATE} moves a parameter by. */
    private static final double CANDIDATE_BIAS = 0.1;

    /** DL4J's LSTM with random parameters, so that zero padding moves its state (see the last test). */
    private static MultiLayerNetwork network() {
        MultiLayerNetwork network = TinyLstmNetworks.standardBackprop();
        TinyLstmNetworks.setRandomParameters(network, PARAMETERS_SEED);
        return network;
    }

    @Test
    @Claim("DL4J-15")
    void aFeaturesMaskChangesNoOutputOfDl4jsLstm() {
        MultiLayerNetwork network = network();

        assertArrayEquals(values(network.output(leftPadded())),
                values(network.output(leftPadded(), false, leftMask(), null)), "left padding, output with the mask");
        assertArrayEquals(values(network.output(rightPadded())),
                values(network.output(rightPadded(), false, rightMask(), null)), "right padding, output with the mask");
        double moved = largestDifference(network.output(PaddedSeries.features()),
                realStepsOfLeftPadded(network.output(leftPadded(), false, leftMask(), null)));
        assertTrue(moved > VISIBLE_CHANGE, "the padding moved the real steps' outputs by " + moved);
    }

    @Test
    @Claim("DL4J-15")
    void aFeaturesMaskChangesNoUpdateOfDl4jsLstm() {
        for (boolean left : new boolean[] {true, false}) {
            INDArray features = left ? leftPadded() : rightPadded();
            INDArray labels = left ? leftPaddedLabels() : rightPaddedLabels();
            MultiLayerNetwork masked = network();
            MultiLayerNetwork unmasked = network();

            masked.fit(features, labels, left ? leftMask() : rightMask(), null);
            unmasked.fit(features, labels);

            assertArrayEquals(values(unmasked.params()), values(masked.params()),
                    (left ? "left" : "right") + " padding, the update with the features mask and without");
        }
    }

    @Test
    @Claim("DL4J-15")
    void rnnTimeStepTakesNoMaskSoItsStateIncludesThePaddedSteps() {
        MultiLayerNetwork masked = network();
        MultiLayerNetwork unmasked = network();
        MultiLayerNetwork unpadded = network();

        masked.setLayerMaskArrays(rightMask(), null);
        masked.rnnTimeStep(rightPadded());
        unmasked.rnnTimeStep(rightPadded());
        unpadded.rnnTimeStep(PaddedSeries.features());

        INDArray maskedCell = masked.rnnGetPreviousState(0).get(LSTM.STATE_KEY_PREV_MEMCELL);
        assertArrayEquals(values(unmasked.rnnGetPreviousState(0).get(LSTM.STATE_KEY_PREV_MEMCELL)),
                values(maskedCell), "the cell state after rnnTimeStep, with the mask set and without");
        double moved = largestDifference(unpadded.rnnGetPreviousState(0).get(LSTM.STATE_KEY_PREV_MEMCELL), maskedCell);
        assertTrue(moved > VISIBLE_CHANGE, "the padded steps moved the cell state by " + moved);
    }

    @Test
    @Claim("DL4J-15")
    void onlyALabelsMaskLeavesStepsOutOfTheLossWhichMakesRightPaddingHarmlessAndLeftPaddingNot() {
        MultiLayerNetwork unpadded = network();
        MultiLayerNetwork right = network();
        MultiLayerNetwork left = network();

        unpadded.fit(PaddedSeries.features(), PaddedSeries.labels());
        right.fit(rightPadded(), rightPaddedLabels(), null, rightMask());
        left.fit(leftPadded(), leftPaddedLabels(), null, leftMask());

        assertArrayEquals(values(unpadded.params()), values(right.params()),
                "right padding with a labels mask, and no padding");
        double apart = largestDifference(unpadded.params(), left.params());
        assertTrue(apart > VISIBLE_CHANGE, "left padding with a labels mask, and no padding, differ by " + apart);
    }

    /**
     * Why DL4J leaves the mask out of the LSTM ("this assumes that the time series input is masked", its comment in
     * {@code setLayerMaskArrays} says): from the zero state a zero input keeps h and c at exactly zero while the cell
     * candidate's bias is zero, as DL4J initialises it, since then every gate multiplies a candidate tanh(0) = 0. Once
     * training moves that bias, zero padding moves the state.
     */
    @Test
    @Claim("DL4J-15")
    void leftZeroPaddingIsInvisibleOnlyWhileTheCellCandidateBiasIsZeroAsDl4jInitialisesIt() {
        MultiLayerNetwork network = TinyLstmNetworks.standardBackprop();
        INDArray unpadded = network.output(PaddedSeries.features());
        assertArrayEquals(values(unpadded), values(realStepsOfLeftPadded(network.output(leftPadded()))),
                "as initialised, the real steps' outputs with and without left padding");

        // the smallest change training could make: any non-zero candidate bias lets a zero input write the cell
        int candidate = TinyLstmNetworks.CANDIDATE_BLOCK * TinyLstmNetworks.UNITS;
        network.getParam("0_b").get(NDArrayIndex.all(), NDArrayIndex.interval(candidate,
                candidate + TinyLstmNetworks.UNITS)).assign(CANDIDATE_BIAS);

        double moved = largestDifference(network.output(PaddedSeries.features()),
                realStepsOfLeftPadded(network.output(leftPadded())));
        assertTrue(moved > VISIBLE_CHANGE, "with a candidate bias of " + CANDIDATE_BIAS + " the padding moved them by "
                + moved);
    }
}
