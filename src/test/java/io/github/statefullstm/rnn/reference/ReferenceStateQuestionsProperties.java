package io.github.statefullstm.rnn.reference;

import io.github.statefullstm.rnn.Arithmetic;
import io.github.statefullstm.rnn.EngineUnderTest;
import io.github.statefullstm.rnn.StateQuestionsProperties;

/** The readers' questions about state on the reference engine. */
class ReferenceStateQuestionsProperties extends StateQuestionsProperties {

    /**
     * The reference computes each row with the same double operations in the same order wherever the row sits and
     * however the steps are chunked (LstmCore), so agreeing computations agree to the last bit.
     */
    private static final EngineUnderTest REFERENCE = new EngineUnderTest(new ReferenceEngine(), Arithmetic.REFERENCE,
            true);

    @Override
    protected EngineUnderTest engineUnderTest() {
        return REFERENCE;
    }
}
