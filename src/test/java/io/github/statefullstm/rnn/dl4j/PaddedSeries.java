package io.github.statefullstm.rnn.dl4j;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A short seeded series and its zero-padded copies, with the mask DL4J takes for each ([rows, steps], 1 on a real
 * step, 0 on a padded one), for the mask tests (DL4J-15, DL4J-16). Zero padding is what DL4J's LSTM assumes of a
 * masked series, and what {@code MaskZeroLayer} recognises.
 */
final class PaddedSeries {

    /** More than one, so that a mask's rows are read as rows. */
    static final int ROWS = 2;
    /** Real steps: enough for the state to build up over several, few enough to stay fast. */
    static final int STEPS = 3;
    /** More than one padded step, so padding's effect compounds through the state. */
    static final int PADDING = 2;

    /** Any fixed seeds, distinct, and distinct from the truncated BPTT tests' series. */
    private static final long FEATURES_SEED = 21;
    private static final long LABELS_SEED = 22;

    private PaddedSeries() {
    }

    /** The series unpadded; a fresh array on every call, so no test sees another's changes. */
    static INDArray features() {
        return TinyLstmNetworks.features(FEATURES_SEED, ROWS, STEPS);
    }

    static INDArray labels() {
        return TinyLstmNetworks.labels(LABELS_SEED, ROWS, STEPS);
    }

    static INDArray leftPadded() {
        return Nd4j.concat(2, padding(TinyLstmNetworks.FEATURES), features());
    }

    static INDArray rightPadded() {
        return Nd4j.concat(2, features(), padding(TinyLstmNetworks.FEATURES));
    }

    /** The labels beside the padding are 1, not 0, so a loss that counted them would show it. */
    static INDArray leftPaddedLabels() {
        return Nd4j.concat(2, Nd4j.ones(DataType.DOUBLE, ROWS, 1, PADDING), labels());
    }

    static INDArray rightPaddedLabels() {
        return Nd4j.concat(2, labels(), Nd4j.ones(DataType.DOUBLE, ROWS, 1, PADDING));
    }

    static INDArray leftMask() {
        return Nd4j.concat(1, Nd4j.zeros(DataType.DOUBLE, ROWS, PADDING), Nd4j.ones(DataType.DOUBLE, ROWS, STEPS));
    }

    static INDArray rightMask() {
        return Nd4j.concat(1, Nd4j.ones(DataType.DOUBLE, ROWS, STEPS), Nd4j.zeros(DataType.DOUBLE, ROWS, PADDING));
    }

    /** The real steps of a left-padded series' per-step answers. */
    static INDArray realStepsOfLeftPadded(INDArray perStep) {
        return TinyLstmNetworks.steps(perStep, PADDING, PADDING + STEPS);
    }

    /** The real steps of a right-padded series' per-step answers. */
    static INDArray realStepsOfRightPadded(INDArray perStep) {
        return TinyLstmNetworks.steps(perStep, 0, STEPS);
    }

    private static INDArray padding(int width) {
        return Nd4j.zeros(DataType.DOUBLE, ROWS, width, PADDING);
    }
}
