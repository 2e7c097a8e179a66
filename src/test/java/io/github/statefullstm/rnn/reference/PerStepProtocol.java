package io.github.statefullstm.rnn.reference;

import io.github.statefullstm.rnn.LstmModel;

/**
 * The post's "one step at a time" loop: batch 1, one step per call, the sequence's target at every step. A stateful
 * model is reset after each sequence, as the post's {@code model.reset_states()}; a stateless one needs nothing,
 * since every call is then a fresh one-step sequence.
 */
final class PerStepProtocol {

    /** Keras' binary accuracy: a prediction above one half says class 1. */
    private static final double DECISION_THRESHOLD = 0.5;

    /** One reused input cell: the model copies nothing it is given, so no call allocates a batch. */
    private final double[][][] oneStep = new double[1][1][1];
    private final double[] oneTarget = new double[1];

    /** One epoch of per-step training; returns the mean accuracy over every (sequence, step) update. */
    double trainEpoch(LstmModel model, double[][] sequences, double[] targets) {
        double accuracy = 0;
        for (int i = 0; i < sequences.length; i++) {
            oneTarget[0] = targets[i];
            for (double x : sequences[i]) {
                oneStep[0][0][0] = x;
                accuracy += model.trainOnBatch(oneStep, oneTarget).accuracy();
            }
            resetIfStateful(model);
        }
        return accuracy / (sequences.length * (double) sequences[0].length);
    }

    /** The fraction of sequences whose prediction after their last step, fed step by step, is right. */
    double lastStepAccuracy(LstmModel model, double[][] sequences, double[] targets) {
        int right = 0;
        for (int i = 0; i < sequences.length; i++) {
            resetIfStateful(model);
            double prediction = 0;
            for (double x : sequences[i]) {
                oneStep[0][0][0] = x;
                prediction = model.predictOnBatch(oneStep)[0];
            }
            right += (prediction > DECISION_THRESHOLD) == (targets[i] == 1) ? 1 : 0;
        }
        resetIfStateful(model);
        return right / (double) sequences.length;
    }

    /** The fraction of (sequence, step) samples predicted right, each step judged on its own prediction. */
    double perStepAccuracy(LstmModel model, double[][] sequences, double[] targets) {
        int right = 0;
        for (int i = 0; i < sequences.length; i++) {
            resetIfStateful(model);
            for (double x : sequences[i]) {
                oneStep[0][0][0] = x;
                right += (model.predictOnBatch(oneStep)[0] > DECISION_THRESHOLD) == (targets[i] == 1) ? 1 : 0;
            }
        }
        resetIfStateful(model);
        return right / (sequences.length * (double) sequences[0].length);
    }

    private static void resetIfStateful(LstmModel model) {
        if (model.config().stateful()) {
            model.resetStates();
        }
    }
}
