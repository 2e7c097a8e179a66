package io.github.statefullstm.rnn;

import java.util.List;

/**
 * One configuration of LSTM(units, return_sequences=True) -> TimeDistributed(Dense(1, sigmoid)) as TensorFlow.js's
 * layers API computed it, written by {@code tools/keras-fixtures/make-fixtures.js} to
 * {@code src/test/resources/keras-fixtures/shapes/per-step-*.json} (its README gives every field). The weights are the
 * one-output model's: the same head reads h at every step. The targets count where their mask is 1, and the loss is
 * their mean (TF.js has no temporal sample weights; the script's loss weighs each step by the mask, which for 0 and 1
 * is Keras' temporal weighting).
 *
 * @param initialState the state a stateful model starts from; {@code null} for zeros
 * @param batches two consecutive batches, the second starting where the first left a stateful model
 */
record KerasEveryStepFixture(String name, String producedBy, long seed, String shape, String cell, boolean stateful,
                             int batchSize, int features, int units, int steps, String gateActivation,
                             KerasFixture.Weights weights, KerasFixture.State initialState, List<Batch> batches) {

    /** One batch and what Keras made of it: the probability after every step, {@code [rows][steps]}, and more. */
    record Batch(double[][][] inputs, double[][] targets, double[][] targetMask, double[][] predictions,
                 KerasFixture.State finalState, double loss, KerasFixture.Weights gradient) {
    }

    /** Every per-step fixture in the test resources, by file name. */
    static List<KerasEveryStepFixture> all() {
        return KerasFixture.all("/keras-fixtures/shapes", "per-step-", KerasEveryStepFixture.class);
    }

    LstmSpec spec() {
        return new LstmSpec(features, units, KerasFixture.gates(name, gateActivation));
    }

    /** A model of this configuration on the engine, with the fixture's weights and, if any, its initial state. */
    LstmModel buildOn(LstmEngine engine) {
        return KerasFixture.build(engine, spec(), stateful, batchSize, seed, weights, initialState);
    }

    /** The state Keras started the first batch from: the fixture's initial state, or zeros. */
    LstmState firstState() {
        return initialState != null ? initialState.canonical() : LstmState.zeros(batchSize, units);
    }

    /** The state Keras started batch {@code batch} from: the first state, or a stateful model's last final state. */
    LstmState stateBefore(int batch) {
        if (batch > 0 && stateful) {
            return batches.get(batch - 1).finalState().canonical();
        }
        return batch == 0 ? firstState() : LstmState.zeros(batchSize, units);
    }

    /** Batch {@code batch}'s targets at the steps its mask (Keras' temporal sample weights, 0 or 1) counts. */
    StepTargets stepTargets(int batch) {
        double[][] mask = batches.get(batch).targetMask();
        boolean[][] counted = new boolean[mask.length][];
        for (int row = 0; row < mask.length; row++) {
            counted[row] = new boolean[mask[row].length];
            for (int step = 0; step < mask[row].length; step++) {
                counted[row][step] = mask[row][step] == 1;
            }
        }
        return new StepTargets(batches.get(batch).targets(), counted);
    }

    /**
     * What a row has read by step {@code step} of batch {@code batch}, from the first state: a stateful model's earlier
     * batches and this one's steps up to {@code step}; a stateless model's steps of this batch only.
     */
    double[][][] readBy(int batch, int step) {
        double[][][] upTo = stateful
                ? Batches.concatenate(batches.subList(0, batch + 1).stream().map(Batch::inputs).toList())
                : batches.get(batch).inputs();
        int before = stateful ? batch * steps : 0;
        return Batches.steps(upTo, 0, before + step + 1);
    }

    @Override
    public String toString() {
        return name;
    }
}
