package io.github.statefullstm.rnn.reference;

import io.github.statefullstm.rnn.EngineUnderTest;
import io.github.statefullstm.rnn.StatefulnessProperties;

/** The engine-neutral statefulness suite on the reference engine. */
class ReferenceStatefulnessProperties extends StatefulnessProperties {

    @Override
    protected EngineUnderTest engineUnderTest() {
        return ReferenceUnderTest.ENGINE;
    }
}
