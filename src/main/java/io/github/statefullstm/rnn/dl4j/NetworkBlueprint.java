package io.github.statefullstm.rnn.dl4j;

import io.github.statefullstm.refusal.Refusal;
import io.github.statefullstm.rnn.Cell;
import io.github.statefullstm.rnn.GateActivation;
import io.github.statefullstm.rnn.ModelConfig;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Builds the DL4J network for a {@link ModelConfig} of LSTM layers: one {@code LSTM} per layer (no peepholes, unlike
 * {@code GravesLSTM}) then an {@code RnnOutputLayer} with one sigmoid unit and binary cross-entropy.
 *
 * <p>Why {@code RnnOutputLayer} rather than {@code LastTimeStep} + {@code OutputLayer}: the LSTM must stay a
 * top-level {@code RecurrentLayer} so that its state maps can be read and set (a {@code LastTimeStep} wrapper hides
 * them), and {@code rnnTimeStep} then gives the prediction at every step, of which the model reads the last (Keras'
 * {@code return_sequences=False}). The network draws the initial weights from the seed and is what the model's
 * kernel passes are checked against (DL4J-12); the model keeps its own copy of the parameters and trains them itself
 * ({@code Dl4jLstmModel}), so the loss function and the declared updater are DL4J's description of the model, with
 * the same Adam settings the model applies.
 *
 * <p>Workspaces are off: the network only runs in that check, and the model's own passes allocate nothing per call.
 */
final class NetworkBlueprint {

    /**
     * DL4J reads a seed of 0 as "no seed" and initialises from the clock, so two models built with seed 0 differ
     * (found by the shared statefulness suite, whose generators try 0 first). Seed 0 is handed to DL4J as this
     * value instead; it is the one seed that then shares its weights with another.
     */
    static final long STAND_IN_FOR_SEED_ZERO = 0x5EED_0000_0000_0001L;

    private NetworkBlueprint() {
    }

    static long dl4jSeed(long seed) {
        return seed == 0 ? STAND_IN_FOR_SEED_ZERO : seed;
    }

    static MultiLayerNetwork build(ModelConfig config, Precision precision) {
        var spec = config.spec();
        Refusal.require(spec.cell() == Cell.LSTM, "cell", spec.cell().id(), "DL4J's network has LSTM layers only");
        NeuralNetConfiguration.ListBuilder layers = new NeuralNetConfiguration.Builder()
                .seed(dl4jSeed(config.seed()))
                .dataType(precision.dataType())
                .updater(adam(config.adam()))
                .weightInit(WeightInit.XAVIER)
                .trainingWorkspaceMode(WorkspaceMode.NONE)
                .inferenceWorkspaceMode(WorkspaceMode.NONE)
                .list();
        for (int layer = 0; layer < spec.layers(); layer++) {
            layers.layer(new LSTM.Builder()
                    .nIn(spec.inputsOf(layer))
                    .nOut(spec.units())
                    .activation(Activation.TANH)
                    .gateActivationFunction(gate(spec.gateActivation()))
                    .build());
        }
        MultiLayerConfiguration conf = layers
                .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.XENT)
                        .activation(Activation.SIGMOID)
                        .nIn(spec.units())
                        .nOut(1)
                        .build())
                .build();
        MultiLayerNetwork network = new MultiLayerNetwork(conf);
        network.init();
        return network;
    }

    /** ND4J's Adam with the model's settings, as the network's declared updater. */
    private static Adam adam(io.github.statefullstm.rnn.Adam adam) {
        return new Adam(adam.learningRate(), adam.beta1(), adam.beta2(), adam.epsilon());
    }

    private static Activation gate(GateActivation activation) {
        return switch (activation) {
            case SIGMOID -> Activation.SIGMOID;
            case HARD_SIGMOID -> Activation.HARDSIGMOID;
        };
    }
}
