package io.github.statefullstm.rnn;

import java.util.List;

/**
 * One configuration of LSTM(units, return_sequences=True) -> TimeDistributed(Dense(1, sigmoid)) as TensorFlow.js's
 * layers API computed it, written by {@code tools/keras-fixtures/make-fixtures.js} to
 * {@code src/test/resources/keras-fixtures/shapes/per-step-*.json} (its README gives every field). The weights are the
 * one-output model's: the same head reads h at every step. Read here for the answers at every step; the targets, their
 * mask, the masked loss and its gradient wait for training on targets at chosen steps.
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
