package io.github.statefullstm.rnn.dl4j;

import java.util.Random;
import org.deeplearning4j.nn.conf.BackpropType;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.util.MaskZeroLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * DL4J's own layers, {@code LSTM} then {@code RnnOutputLayer}, in networks small enough to run in milliseconds, for
 * the tests of what DL4J itself does with truncated BPTT and masks (DL4J-13 to DL4J-16), and the seeded series they
 * are fed. Every network of one kind starts from the same parameters, so two of them differ only by what the test
 * does to them.
 */
final class TinyLstmNetworks {

    /** More than one: the input weights are a matrix, and {@code MaskZeroLayer} masks a step only if all are 0. */
    static final int FEATURES = 2;
    /** Not equal to any series length the tests use, so a misread time axis could not pass unnoticed. */
    static final int UNITS = 4;
    /** Any fixed seed: DL4J draws every network's initial weights from it, so networks of one kind start alike. */
    static final long SEED = 7;
    /**
     * Plain SGD, so an update is this rate times the gradient: a difference in the update is one in the gradient, and
     * no updater state needs copying between networks. The rate is large, so that one update moves some weight by a
     * tenth or more, and the effects the tests look for stand far above rounding.
     */
    static final double LEARNING_RATE = 0.5;
    /**
     * Far beyond the rounding of the few hundred double operations of an update (about 1e-16 relative, on values below
     * 2), and below the smallest effect the tests measure (0.0087, reports/dl4j-masks.md).
     */
    static final double VISIBLE_CHANGE = 1e-3;
    /** DL4J's {@code LSTM} keeps its bias as 4 blocks of {@code UNITS}: candidate, forget, output, input (DL4J-1). */
    static final int CANDIDATE_BLOCK = 0;
    static final int FORGET_BLOCK = 1;

    private TinyLstmNetworks() {
    }

    static MultiLayerNetwork standardBackprop() {
        return build(lstm(), BackpropType.Standard, 0);
    }

    /** Truncated BPTT with the same forward and backward length, as the issues configured it. */
    static MultiLayerNetwork truncatedBptt(int length) {
        return build(lstm(), BackpropType.TruncatedBPTT, length);
    }

    /** The LSTM inside DL4J's {@code MaskZeroLayer}: a step whose features all equal 0 is masked. */
    static MultiLayerNetwork lstmMaskingZeroSteps() {
        return build(new MaskZeroLayer.Builder().setMaskValue(0.0).setUnderlying(lstm()).build(),
                BackpropType.Standard, 0);
    }

    private static LSTM lstm() {
        return new LSTM.Builder().nIn(FEATURES).nOut(UNITS).activation(Activation.TANH)
                .gateActivationFunction(Activation.SIGMOID).build();
    }

    private static MultiLayerNetwork build(Layer recurrent, BackpropType backprop, int truncation) {
        MultiLayerConfiguration.Builder configuration = new NeuralNetConfiguration.Builder()
                .seed(SEED)
                .dataType(DataType.DOUBLE)
                .updater(new Sgd(LEARNING_RATE))
                .list()
                .layer(recurrent)
                .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.XENT).activation(Activation.SIGMOID)
                        .nIn(UNITS).nOut(1).build())
                // a MaskZeroLayer's fit() fails on the labels' length without it; every network gets it alike
                .setInputType(InputType.recurrent(FEATURES))
                .backpropType(backprop);
        if (backprop == BackpropType.TruncatedBPTT) {
            configuration.tBPTTForwardLength(truncation).tBPTTBackwardLength(truncation);
        }
        MultiLayerNetwork network = new MultiLayerNetwork(configuration.build());
        network.init();
        return network;
    }

    /**
     * Overwrites every parameter with a seeded uniform value in +-{@link Fixtures#WEIGHT_SCALE}. DL4J initialises the
     * cell candidate's bias to 0, which keeps a zero input from the zero state at exactly the zero state (DL4J-15);
     * random parameters make every step, padded or not, move the state.
     */
    static void setRandomParameters(MultiLayerNetwork network, long seed) {
        Random random = new Random(seed);
        INDArray parameters = network.params();
        for (long i = 0; i < parameters.length(); i++) {
            parameters.putScalar(i, Fixtures.WEIGHT_SCALE * (2 * random.nextDouble() - 1));
        }
    }

    /** Gaussian features, shaped [rows, FEATURES, steps] as DL4J's recurrent layers take them. */
    static INDArray features(long seed, int rows, int steps) {
        Random random = new Random(seed);
        INDArray features = Nd4j.zeros(DataType.DOUBLE, rows, FEATURES, steps);
        for (int row = 0; row < rows; row++) {
            for (int feature = 0; feature < FEATURES; feature++) {
                for (int step = 0; step < steps; step++) {
                    features.putScalar(new long[] {row, feature, step}, random.nextGaussian());
                }
            }
        }
        return features;
    }

    /** A 0 or 1 label per row and step, shaped [rows, 1, steps]. */
    static INDArray labels(long seed, int rows, int steps) {
        Random random = new Random(seed);
        INDArray labels = Nd4j.zeros(DataType.DOUBLE, rows, 1, steps);
        for (int row = 0; row < rows; row++) {
            for (int step = 0; step < steps; step++) {
                labels.putScalar(new long[] {row, 0, step}, random.nextBoolean() ? 1 : 0);
            }
        }
        return labels;
    }

    /** Steps {@code from} (inclusive) to {@code to} (exclusive) of every row. */
    static INDArray steps(INDArray series, int from, int to) {
        return series.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(from, to)).dup();
    }

    /** The array's values in C order, for a bit-for-bit comparison. */
    static double[] values(INDArray array) {
        return array.dup('c').data().asDouble();
    }

    static double largestDifference(INDArray one, INDArray other) {
        double[] these = values(one);
        double[] those = values(other);
        double largest = 0;
        for (int i = 0; i < these.length; i++) {
            largest = Math.max(largest, Math.abs(these[i] - those[i]));
        }
        return largest;
    }
}
