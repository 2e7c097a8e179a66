package io.github.statefullstm.rnn.reference;

import io.github.statefullstm.rnn.EngineUnderTest;
import io.github.statefullstm.rnn.EveryStepOutputsProperties;

/** A model's answers at every step, on the reference engine. */
class ReferenceEveryStepOutputsProperties extends EveryStepOutputsProperties {

    @Override
    protected EngineUnderTest engineUnderTest() {
        return ReferenceUnderTest.ENGINE;
    }
}
