package io.github.statefullstm.rnn.reference;

import io.github.statefullstm.rnn.DecisionThresholdProperties;
import io.github.statefullstm.rnn.LstmEngine;

/** The engine-neutral decision threshold on the reference engine. */
class ReferenceDecisionThresholdProperties extends DecisionThresholdProperties {

    @Override
    protected LstmEngine engine() {
        return new ReferenceEngine();
    }
}
