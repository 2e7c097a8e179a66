package io.github.statefullstm.rnn.reference;

import io.github.statefullstm.rnn.GateActivation;
import io.github.statefullstm.rnn.LstmModel;
import io.github.statefullstm.rnn.LstmSpec;
import io.github.statefullstm.rnn.ModelConfig;
import io.github.statefullstm.spec.Claim;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The post's per-step experiment on the reference engine: LSTM(10), batch 1, one step per update, Adam 0.001.
 * Stateful with a reset after each sequence it learns the task; stateless it cannot beat its information ceiling.
 */
class PostPerStepProtocolTest {

    /** The post: "after just a few epochs, our accuracy is very close to 1"; it printed test 1.0 after epoch 1. */
    private static final double LEARNED = 0.99;
    /** "A few epochs": the post needed 1, a Keras-semantics peer 1; five leaves room for an unlucky seed. */
    private static final int MAX_EPOCHS = 5;
    /** The post ran the stateless model for 3 epochs; its accuracy had settled after the first. */
    private static final int STATELESS_EPOCHS = 3;
    private static final long DATA_SEED = 1200;
    private static final long WEIGHT_SEED = 10;

    private final PerStepProtocol protocol = new PerStepProtocol();

    /** Both gate activations (Keras 1's default was hard sigmoid, later Keras' is sigmoid), three seeds each. */
    @ParameterizedTest(name = "{0} gates, weight seed {1}, data seed {2}")
    @CsvSource({
            "SIGMOID, 10, 1200", "SIGMOID, 11, 1201", "SIGMOID, 12, 1202",
            "HARD_SIGMOID, 10, 1200", "HARD_SIGMOID, 11, 1201", "HARD_SIGMOID, 12, 1202"})
    @Claim("REF-3")
    void statefulPerStepTrainingWithAResetAfterEachSequenceLearnsTheTaskWithinAFewEpochs(
            GateActivation gates, long weightSeed, long dataSeed) {
        PostTaskData data = PostTaskData.draw(dataSeed);
        LstmSpec spec = new LstmSpec(LstmSpec.POST.features(), LstmSpec.POST.units(), gates);
        LstmModel model = new ReferenceEngine().build(ModelConfig.stateful(spec, 1, weightSeed));
        long start = System.nanoTime();
        double validation = 0;
        int epoch = 0;
        while (epoch < MAX_EPOCHS && validation < LEARNED) {
            double train = protocol.trainEpoch(model, data.train(), data.trainTargets());
            validation = protocol.lastStepAccuracy(model, data.validation(), data.validationTargets());
            epoch++;
            System.out.printf("reference per-step stateful, %s gates, seeds %d/%d: epoch %d, train acc %.4f,"
                    + " validation acc %.4f, %.3f s%n", gates, weightSeed, dataSeed, epoch, train, validation,
                    (System.nanoTime() - start) / 1e9);
        }
        assertTrue(validation >= LEARNED, "validation accuracy " + validation + " after " + epoch + " epochs");
    }

    @Test
    @Claim("REF-4")
    void statelessPerStepTrainingStaysAtOrUnderItsInformationCeiling() {
        PostTaskData data = PostTaskData.draw(DATA_SEED);
        LstmModel model = new ReferenceEngine().build(ModelConfig.stateless(LstmSpec.POST, WEIGHT_SEED));
        for (int epoch = 1; epoch <= STATELESS_EPOCHS; epoch++) {
            // The running accuracy during training is not bounded by the ceiling: the weights, and with them the
            // one answer for an all-zero step, change after every update. (The post's stateless train accuracy,
            // 0.534, is above 0.525 for that reason.) The ceiling binds a model with fixed weights, so both sets are
            // judged after the epoch.
            double running = protocol.trainEpoch(model, data.train(), data.trainTargets());
            double train = protocol.perStepAccuracy(model, data.train(), data.trainTargets());
            double trainCeiling = oneStepCeiling(data.trainTargets());
            double validation = protocol.perStepAccuracy(model, data.validation(), data.validationTargets());
            double validationCeiling = oneStepCeiling(data.validationTargets());
            System.out.printf("reference per-step stateless: epoch %d, running train acc %.4f, train acc %.4f"
                    + " (ceiling %.4f), validation acc %.4f (ceiling %.4f)%n", epoch, running, train, trainCeiling,
                    validation, validationCeiling);
            assertTrue(train <= trainCeiling, "epoch " + epoch + ": train " + train + " > ceiling " + trainCeiling);
            assertTrue(validation <= validationCeiling,
                    "epoch " + epoch + ": validation " + validation + " > ceiling " + validationCeiling);
        }
    }

    /**
     * One-step samples: a sequence's step 0 tells its class; its other m - 1 steps are zeros whichever class, so
     * every model gives them all one answer. With n1 ones, n0 zeros, N sequences, m = steps:
     * (n1 + max(m n0, (m - 1) n1)) / (m N).
     */
    static double oneStepCeiling(double[] targets) {
        int m = PostTaskData.STEPS;
        int n1 = PostTaskData.ones(targets);
        int n0 = targets.length - n1;
        return (n1 + Math.max((double) m * n0, (double) (m - 1) * n1)) / ((double) m * targets.length);
    }
}
