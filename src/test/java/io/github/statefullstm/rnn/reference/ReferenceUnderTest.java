package io.github.statefullstm.rnn.reference;

import io.github.statefullstm.rnn.Arithmetic;
import io.github.statefullstm.rnn.EngineUnderTest;

/** The reference engine as the engine-neutral suites run it. */
final class ReferenceUnderTest {

    /**
     * The reference computes each row with the same double operations in the same order wherever the row sits and
     * however the steps are chunked (LstmCore), so agreeing computations agree to the last bit.
     */
    static final EngineUnderTest ENGINE = new EngineUnderTest(new ReferenceEngine(), Arithmetic.REFERENCE, true);

    private ReferenceUnderTest() {
    }
}
