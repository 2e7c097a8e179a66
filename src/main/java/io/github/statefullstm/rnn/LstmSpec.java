package io.github.statefullstm.rnn;

import io.github.statefullstm.refusal.Refusal;

/**
 * The architecture every engine builds: LSTM({@code units}) over {@code features} inputs per step,
 * then Dense(1, sigmoid) on the last step's output.
 */
public record LstmSpec(int features, int units, GateActivation gateActivation) {

    /**
     * The post's model: one input per step, LSTM(10), Keras' sigmoid gates. Its one home: the post's runs in the
     * experiments read it here, and the engines' tests check the engines on it.
     */
    public static final LstmSpec POST = new LstmSpec(1, 10, GateActivation.SIGMOID);

    public LstmSpec {
        Refusal.require(features > 0, "features", features, "must be > 0");
        Refusal.require(units >= 1, "units", units, "must be >= 1");
        Refusal.require(gateActivation != null, "gateActivation", null, "must be given");
    }
}
