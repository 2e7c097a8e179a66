package io.github.statefullstm.rnn.reference;

import io.github.statefullstm.rnn.EngineUnderTest;
import io.github.statefullstm.rnn.StatefulnessProperties;
import io.github.statefullstm.spec.Claim;

/**
 * The engine-neutral statefulness suite on the reference engine, for every cell and depth its scenarios draw (SHAPE-2).
 */
@Claim("SHAPE-2")
class ReferenceStatefulnessProperties extends StatefulnessProperties {

    @Override
    protected EngineUnderTest engineUnderTest() {
        return ReferenceUnderTest.ENGINE;
    }
}
