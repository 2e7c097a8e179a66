package io.github.statefullstm.rnn.dl4j;

import io.github.statefullstm.rnn.EngineUnderTest;
import io.github.statefullstm.rnn.StateQuestionsProperties;
import io.github.statefullstm.spec.Claim;
import net.jqwik.api.PropertyDefaults;

/**
 * The readers' questions about state, unchanged, on DL4J, for every cell and depth its scenarios draw (SHAPE-2).
 */
@PropertyDefaults(tries = Dl4jUnderTest.TRIES)
@Claim("SHAPE-2")
class Dl4jStateQuestionsProperties extends StateQuestionsProperties {

    @Override
    protected EngineUnderTest engineUnderTest() {
        return Dl4jUnderTest.ENGINE;
    }
}
