package io.github.statefullstm.rnn.reference;

import io.github.statefullstm.rnn.LstmEngine;
import io.github.statefullstm.rnn.StatefulnessProperties;

/** The engine-neutral statefulness suite on the reference engine. */
class ReferenceStatefulnessProperties extends StatefulnessProperties {

    /**
     * Exact: the reference computes each row with the same double operations in the same order wherever the row
     * sits and however the steps are chunked, so agreeing computations agree to the last bit.
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
