package io.github.statefullstm.rnn.reference;

import io.github.statefullstm.rnn.Arithmetic;
import io.github.statefullstm.rnn.LstmEngine;
import io.github.statefullstm.rnn.StatefulnessProperties;

/** The engine-neutral statefulness suite on the reference engine. */
class ReferenceStatefulnessProperties extends StatefulnessProperties {

    @Override
    protected LstmEngine engine() {
        return new ReferenceEngine();
    }

    @Override
    protected Arithmetic arithmetic() {
        return Arithmetic.REFERENCE;
    }

    /**
     * The reference computes each row with the same double operations in the same order wherever the row sits and
     * however the steps are chunked (LstmCore), so agreeing computations agree to the last bit.
     */
    @Override
    protected boolean repeatsBitForBit() {
        return true;
    }
}
