package io.github.statefullstm.rnn.reference;

import io.github.statefullstm.rnn.BadCallProperties;
import io.github.statefullstm.rnn.LstmEngine;

/** The engine-neutral refusal suite (STATE-7) on the reference engine. */
class ReferenceBadCallProperties extends BadCallProperties {

    @Override
    protected LstmEngine engine() {
        return new ReferenceEngine();
    }
}
