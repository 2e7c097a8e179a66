package io.github.statefullstm.rnn.dl4j;

import io.github.statefullstm.rnn.GateActivation;
import io.github.statefullstm.rnn.LstmSpec;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The same step as {@code Dl4jStepBenchmark} through DL4J's own API, {@code MultiLayerNetwork.fit(features,
 * labels)} on one step of batch 1, for a same-run baseline (stateless: fit() cannot carry state). Started by
 * {@code Dl4jStepBenchmark} in a child JVM; prints one RESULT line.
 */
public final class FitStepBaseline {

    private static final int WARM_UP_UPDATES = 2_000;
    /** The post's model, which the benchmark's fit() rows name. */
    private static final LstmSpec SPEC = LstmSpec.POST;

    private FitStepBaseline() {
    }

    public static void main(String[] args) throws Exception {
        int updates = Integer.getInteger("updates", 5_000);
        MultiLayerNetwork network = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(1)
                .dataType(DataType.DOUBLE)
                .updater(new Adam(1e-3))
                .list()
                .layer(new LSTM.Builder().nIn(SPEC.features()).nOut(SPEC.units()).activation(Activation.TANH)
                        .gateActivationFunction(SPEC.gateActivation() == GateActivation.SIGMOID
                                ? Activation.SIGMOID : Activation.HARDSIGMOID).build())
                .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.XENT).activation(Activation.SIGMOID)
                        .nIn(SPEC.units()).nOut(1).build())
                .build());
        network.init();
        INDArray features = Nd4j.ones(DataType.DOUBLE, 1, SPEC.features(), 1);
        INDArray labels = Nd4j.ones(DataType.DOUBLE, 1, 1, 1);
        for (int update = 0; update < WARM_UP_UPDATES; update++) {
            network.fit(features, labels);
        }
        long rssBefore = residentKilobytes();
        long start = System.nanoTime();
        for (int update = 0; update < updates; update++) {
            network.fit(features, labels);
        }
        double msPerUpdate = (System.nanoTime() - start) / 1e6 / updates;
        System.out.printf("RESULT %.4f ms/update, resident memory %+.0f bytes/update over %d updates (DL4J fit, %s)%n",
                msPerUpdate, (residentKilobytes() - rssBefore) * 1024.0 / updates, updates, NativeRuntime.describe());
    }

    private static long residentKilobytes() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
