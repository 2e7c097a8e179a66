package io.github.statefullstm.rnn.reference;

import io.github.statefullstm.rnn.EngineUnderTest;
import io.github.statefullstm.rnn.StateQuestionsProperties;

/** The readers' questions about state on the reference engine. */
class ReferenceStateQuestionsProperties extends StateQuestionsProperties {

    @Override
    protected EngineUnderTest engineUnderTest() {
        return ReferenceUnderTest.ENGINE;
    }
}
