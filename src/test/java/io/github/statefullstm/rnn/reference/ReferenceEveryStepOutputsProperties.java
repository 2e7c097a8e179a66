package io.github.statefullstm.rnn.reference;

import io.github.statefullstm.rnn.EngineUnderTest;
import io.github.statefullstm.rnn.EveryStepOutputsProperties;
import io.github.statefullstm.spec.Claim;

/**
 * A model's answers at every step, on the reference engine, for every cell and depth its scenarios draw (SHAPE-2).
 */
@Claim("SHAPE-2")
class ReferenceEveryStepOutputsProperties extends EveryStepOutputsProperties {

    @Override
    protected EngineUnderTest engineUnderTest() {
        return ReferenceUnderTest.ENGINE;
    }
}
