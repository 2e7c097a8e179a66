package io.github.statefullstm.rnn.dl4j;

import static io.github.statefullstm.rnn.dl4j.TinyLstmNetworks.VISIBLE_CHANGE;
import static io.github.statefullstm.rnn.dl4j.TinyLstmNetworks.largestDifference;
import static io.github.statefullstm.rnn.dl4j.TinyLstmNetworks.values;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.statefullstm.spec.Claim;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * deeplearning4j#2278: truncated BPTT whose forward length exceeded the series skipped the update, with a warning
 * ("Cannot do TBPTT: Truncated BPTT forward length (10000) > input time series length (357)"). In 1.0.0-M2.1
 * {@code MultiLayerNetwork.doTruncatedBPTT} no longer compares the two: it cuts the series into ceil(steps / forward
 * length) segments and runs one update per segment, so a forward length at or beyond the series is one segment, one
 * update from the zero state over every step, which is what standard backprop does.
 */
class TruncatedBpttBeyondTheSeriesTest {

    /** Long enough for lengths 1, 2 and 4 to cut it into several segments, 4 unevenly (4 steps, then 2). */
    private static final int STEPS = 6;
    /** More than one row, so the updater's division by the batch size is part of what is compared. */
    private static final int ROWS = 2;
    /** Any fixed seeds, distinct, so features and labels are unrelated. */
    private static final long FEATURES_SEED = 1;
    private static final long LABELS_SEED = 2;

    private static final INDArray FEATURES = TinyLstmNetworks.features(FEATURES_SEED, ROWS, STEPS);
    private static final INDArray LABELS = TinyLstmNetworks.labels(LABELS_SEED, ROWS, STEPS);

    /** Standard backprop's one update from the shared initial parameters: what a single segment should give. */
    private static INDArray standardBackpropUpdate() {
        MultiLayerNetwork standard = TinyLstmNetworks.standardBackprop();
        standard.fit(FEATURES, LABELS);
        return standard.params().dup();
    }

    // the series' length, one step beyond it, and far beyond it (the 10000 against 357 steps was 28 times)
    @ParameterizedTest(name = "forward and backward length {0} on a series of 6 steps")
    @ValueSource(ints = {STEPS, STEPS + 1, 100 * STEPS})
    @Claim("DL4J-13")
    void aForwardLengthAtOrBeyondTheSeriesTrainsAsOneStandardBackpropUpdate(int length) {
        MultiLayerNetwork truncated = TinyLstmNetworks.truncatedBptt(length);
        INDArray before = truncated.params().dup();

        truncated.fit(FEATURES, LABELS);

        INDArray after = truncated.params();
        assertTrue(largestDifference(before, after) > VISIBLE_CHANGE,
                "the weights moved: largest change " + largestDifference(before, after));
        assertEquals(1, truncated.getIterationCount(), "updates");
        assertArrayEquals(values(standardBackpropUpdate()), values(after),
                "the update equals standard backprop's bit for bit");
    }

    @ParameterizedTest(name = "forward and backward length {0} on a series of 6 steps")
    @ValueSource(ints = {1, 2, 4})
    @Claim("DL4J-13")
    void aForwardLengthShorterThanTheSeriesMakesOneUpdatePerSegment(int length) {
        MultiLayerNetwork truncated = TinyLstmNetworks.truncatedBptt(length);

        truncated.fit(FEATURES, LABELS);

        int segments = (STEPS + length - 1) / length;
        assertEquals(segments, truncated.getIterationCount(), "one update per segment");
        double fromStandard = largestDifference(standardBackpropUpdate(), truncated.params());
        assertTrue(fromStandard > VISIBLE_CHANGE, "differs from standard backprop's update by " + fromStandard);
    }
}
