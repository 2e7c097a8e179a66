package io.github.statefullstm.rnn.dl4j;

import io.github.statefullstm.rnn.EngineUnderTest;
import io.github.statefullstm.rnn.StateQuestionsProperties;
import net.jqwik.api.PropertyDefaults;

/** The readers' questions about state, unchanged, on DL4J. */
@PropertyDefaults(tries = Dl4jUnderTest.TRIES)
class Dl4jStateQuestionsProperties extends StateQuestionsProperties {

    @Override
    protected EngineUnderTest engineUnderTest() {
        return Dl4jUnderTest.ENGINE;
    }
}
