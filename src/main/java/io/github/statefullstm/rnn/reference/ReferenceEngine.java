package io.github.statefullstm.rnn.reference;

import io.github.statefullstm.rnn.LstmEngine;
import io.github.statefullstm.rnn.LstmModel;
import io.github.statefullstm.rnn.ModelConfig;

/** The pure-Java, double-precision LSTM with exact gradients: the oracle other engines are checked against. */
public final class ReferenceEngine implements LstmEngine {

    public static final String NAME = "reference";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public LstmModel build(ModelConfig config) {
        return new ReferenceModel(config);
    }
}
