package io.github.statefullstm.rnn.dl4j;

import io.github.statefullstm.rnn.EngineUnderTest;
import io.github.statefullstm.rnn.StatefulnessProperties;
import io.github.statefullstm.spec.Claim;
import net.jqwik.api.PropertyDefaults;

/**
 * The engine-neutral statefulness suite, unchanged, on DL4J, for every cell and depth its scenarios draw (SHAPE-2).
 */
@PropertyDefaults(tries = Dl4jUnderTest.TRIES)
@Claim("SHAPE-2")
class Dl4jStatefulnessProperties extends StatefulnessProperties {

    @Override
    protected EngineUnderTest engineUnderTest() {
        return Dl4jUnderTest.ENGINE;
    }
}
