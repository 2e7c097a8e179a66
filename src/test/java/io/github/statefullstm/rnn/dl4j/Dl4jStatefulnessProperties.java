package io.github.statefullstm.rnn.dl4j;

import io.github.statefullstm.rnn.EngineUnderTest;
import io.github.statefullstm.rnn.StatefulnessProperties;
import net.jqwik.api.PropertyDefaults;

/** The engine-neutral statefulness suite, unchanged, on DL4J. */
@PropertyDefaults(tries = Dl4jUnderTest.TRIES)
class Dl4jStatefulnessProperties extends StatefulnessProperties {

    @Override
    protected EngineUnderTest engineUnderTest() {
        return Dl4jUnderTest.ENGINE;
    }
}
