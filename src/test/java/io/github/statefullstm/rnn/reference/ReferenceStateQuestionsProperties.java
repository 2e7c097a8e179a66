package io.github.statefullstm.rnn.reference;

import io.github.statefullstm.rnn.EngineUnderTest;
import io.github.statefullstm.rnn.StateQuestionsProperties;
import io.github.statefullstm.spec.Claim;

/**
 * The readers' questions about state on the reference engine, for every cell and depth its scenarios draw (SHAPE-2).
 */
@Claim("SHAPE-2")
class ReferenceStateQuestionsProperties extends StateQuestionsProperties {

    @Override
    protected EngineUnderTest engineUnderTest() {
        return ReferenceUnderTest.ENGINE;
    }
}
