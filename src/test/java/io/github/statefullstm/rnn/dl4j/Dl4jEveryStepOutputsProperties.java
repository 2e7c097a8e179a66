package io.github.statefullstm.rnn.dl4j;

import io.github.statefullstm.rnn.EngineUnderTest;
import io.github.statefullstm.rnn.EveryStepOutputsProperties;
import net.jqwik.api.PropertyDefaults;

/** A model's answers at every step, unchanged, on DL4J. */
@PropertyDefaults(tries = Dl4jUnderTest.TRIES)
class Dl4jEveryStepOutputsProperties extends EveryStepOutputsProperties {

    @Override
    protected EngineUnderTest engineUnderTest() {
        return Dl4jUnderTest.ENGINE;
    }
}
