package io.github.statefullstm.rnn.dl4j;

import static io.github.statefullstm.rnn.dl4j.TinyLstmNetworks.VISIBLE_CHANGE;
import static io.github.statefullstm.rnn.dl4j.TinyLstmNetworks.largestDifference;
import static io.github.statefullstm.rnn.dl4j.TinyLstmNetworks.steps;
import static io.github.statefullstm.rnn.dl4j.TinyLstmNetworks.values;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.statefullstm.spec.Claim;
import java.util.HashMap;
import java.util.Map;
import org.deeplearning4j.nn.api.layers.RecurrentLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * deeplearning4j#4619 ("Failing TBPTT tests"): two truncated BPTT tests failed with workspaces on and passed without;
 * the maintainers traced it to the scope of the state tBPTT stores between segments, and the fix (#4624, "Make sure
 * TBPTT state is cleared") clears it. In 1.0.0-M2.1
 * {@code MultiLayerNetwork.doTruncatedBPTT} calls {@code rnnClearPreviousState()} before its first segment and after
 * its last, and {@code BaseRecurrentLayer.rnnClearPreviousState} empties both the {@code rnnTimeStep} map and the
 * tBPTT map. So a fit depends on the weights only: whatever an earlier fit, {@code rnnTimeStep} or a state setter
 * left behind, the next fit computes bit for bit what a fresh network with the same weights computes.
 */
class TruncatedBpttStateBetweenFitsTest {

    /** Shorter than the series, so every fit carries state from segment to segment and could leave some behind. */
    private static final int LENGTH = 2;
    /** Three segments of {@code LENGTH}: state is stored after the first and after the second. */
    private static final int STEPS = 6;
    /** More than one, so rows' states could be mixed up as well as leak. */
    private static final int ROWS = 2;

    // any fixed seeds, distinct, so the two series and their labels differ
    private static final INDArray EARLIER = TinyLstmNetworks.features(11, ROWS, STEPS);
    private static final INDArray EARLIER_LABELS = TinyLstmNetworks.labels(12, ROWS, STEPS);
    private static final INDArray NEXT = TinyLstmNetworks.features(13, ROWS, STEPS);
    private static final INDArray NEXT_LABELS = TinyLstmNetworks.labels(14, ROWS, STEPS);

    /** A network that has only the given weights: no stored state, no earlier fit. */
    private static MultiLayerNetwork freshWith(INDArray parameters) {
        MultiLayerNetwork fresh = TinyLstmNetworks.truncatedBptt(LENGTH);
        fresh.setParams(parameters.dup());
        return fresh;
    }

    /** The LSTM's stored state, copied: the map DL4J returns holds the very arrays a later call may overwrite. */
    private static Map<String, INDArray> storedState(MultiLayerNetwork network) {
        Map<String, INDArray> copy = new HashMap<>();
        network.rnnGetPreviousState(0).forEach((key, array) -> copy.put(key, array.dup()));
        return copy;
    }

    private static RecurrentLayer lstm(MultiLayerNetwork network) {
        return (RecurrentLayer) network.getLayer(0);
    }

    @Test
    @Claim("DL4J-14")
    void aTruncatedBpttFitStartsFromTheZeroStateWhateverAnEarlierFitLeft() {
        MultiLayerNetwork trained = TinyLstmNetworks.truncatedBptt(LENGTH);
        trained.fit(EARLIER, EARLIER_LABELS);
        MultiLayerNetwork fresh = freshWith(trained.params());

        trained.fit(NEXT, NEXT_LABELS);
        fresh.fit(NEXT, NEXT_LABELS);

        assertArrayEquals(values(fresh.params()), values(trained.params()),
                "the next fit's update, after an earlier fit and on a fresh network with the same weights");
    }

    @Test
    @Claim("DL4J-14")
    void aTruncatedBpttFitStartsFromTheZeroStateWhateverRnnTimeStepOrTheStateSettersLeft() {
        MultiLayerNetwork streaming = TinyLstmNetworks.truncatedBptt(LENGTH);
        MultiLayerNetwork fresh = freshWith(streaming.params());
        streaming.rnnTimeStep(EARLIER);
        Map<String, INDArray> carried = storedState(streaming);
        lstm(streaming).rnnSetTBPTTState(carried);

        streaming.fit(NEXT, NEXT_LABELS);
        fresh.fit(NEXT, NEXT_LABELS);

        assertArrayEquals(values(fresh.params()), values(streaming.params()),
                "the fit's update, with a stored state in both maps and on a fresh network with the same weights");
    }

    /**
     * The two tests above could pass for a fit that ignored state altogether; this one shows that the state a leak
     * would carry, the earlier series' final state, changes the gradient of the next fit's first segment, through the
     * forward pass truncated BPTT runs from the stored state (DL4J-5).
     */
    @Test
    @Claim("DL4J-14")
    void theStateALeakWouldCarryChangesTheNextFitsGradient() {
        MultiLayerNetwork network = TinyLstmNetworks.truncatedBptt(LENGTH);
        network.rnnTimeStep(EARLIER);
        Map<String, INDArray> earlierFinalState = storedState(network);
        network.rnnClearPreviousState();

        INDArray fromZeros = firstSegmentGradient(network, Map.of());
        INDArray fromTheEarlierSeries = firstSegmentGradient(network, earlierFinalState);

        double difference = largestDifference(fromZeros, fromTheEarlierSeries);
        assertTrue(difference > VISIBLE_CHANGE, "the gradients differ by " + difference);
    }

    /** What {@code doTruncatedBPTT} computes for the next series' first segment, starting from the given state. */
    private static INDArray firstSegmentGradient(MultiLayerNetwork network, Map<String, INDArray> start) {
        lstm(network).rnnSetPreviousState(start);
        lstm(network).rnnSetTBPTTState(start);
        network.setInput(steps(NEXT, 0, LENGTH));
        network.setLabels(steps(NEXT_LABELS, 0, LENGTH));
        network.computeGradientAndScore();
        return network.gradient().gradient().dup();
    }

    @Test
    @Claim("DL4J-14")
    void aTruncatedBpttFitErasesTheStateRnnTimeStepCarriedWhereAStandardFitKeepsIt() {
        MultiLayerNetwork truncated = TinyLstmNetworks.truncatedBptt(LENGTH);
        MultiLayerNetwork standard = TinyLstmNetworks.standardBackprop();
        truncated.rnnTimeStep(EARLIER);
        standard.rnnTimeStep(EARLIER);
        Map<String, INDArray> beforeFit = storedState(standard);

        truncated.fit(NEXT, NEXT_LABELS);
        standard.fit(NEXT, NEXT_LABELS);

        assertEquals(Map.of(), truncated.rnnGetPreviousState(0), "rnnTimeStep's state after a truncated BPTT fit");
        Map<String, INDArray> afterFit = standard.rnnGetPreviousState(0);
        assertEquals(beforeFit.keySet(), afterFit.keySet(), "rnnTimeStep's state after a standard fit");
        for (String key : beforeFit.keySet()) {
            assertArrayEquals(values(beforeFit.get(key)), values(afterFit.get(key)), key + " kept bit for bit");
        }
    }
}
