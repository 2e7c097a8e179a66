package io.github.statefullstm.rnn.dl4j;

import io.github.statefullstm.rnn.EngineUnderTest;
import io.github.statefullstm.rnn.EveryStepOutputsProperties;
import io.github.statefullstm.spec.Claim;
import net.jqwik.api.PropertyDefaults;

/**
 * A model's answers at every step, unchanged, on DL4J, for every cell and depth its scenarios draw (SHAPE-2).
 */
@PropertyDefaults(tries = Dl4jUnderTest.TRIES)
@Claim("SHAPE-2")
class Dl4jEveryStepOutputsProperties extends EveryStepOutputsProperties {

    @Override
    protected EngineUnderTest engineUnderTest() {
        return Dl4jUnderTest.ENGINE;
    }
}
