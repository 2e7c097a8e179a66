package io.github.statefullstm.rnn.dl4j;

import io.github.statefullstm.rnn.DecisionThresholdProperties;
import io.github.statefullstm.rnn.LstmEngine;
import net.jqwik.api.PropertyDefaults;

/**
 * The engine-neutral decision threshold, unchanged, on DL4J. Each try builds a DL4J network, so fewer tries than the
 * reference's keep it to seconds.
 */
@PropertyDefaults(tries = Dl4jDecisionThresholdProperties.TRIES)
class Dl4jDecisionThresholdProperties extends DecisionThresholdProperties {

    static final int TRIES = 25;

    @Override
    protected LstmEngine engine() {
        return new Dl4jEngine();
    }
}
