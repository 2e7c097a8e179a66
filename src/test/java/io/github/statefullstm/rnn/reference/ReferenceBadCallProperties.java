package io.github.statefullstm.rnn.reference;

import io.github.statefullstm.rnn.BadCallProperties;
import io.github.statefullstm.rnn.LstmEngine;

/** The engine-neutral refusal suite (STATE-7) on the reference engine. */
class ReferenceBadCallProperties extends BadCallProperties {

    /**
     * Exact: the model that refused a call and its twin run the same double operations in the same order, so their
     * next updates agree to the last bit.
     */
    private static final double EXACT = 0.0;

    @Override
    protected LstmEngine engine() {
        return new ReferenceEngine();
    }

    @Override
    protected double tolerance() {
        return EXACT;
    }
}
