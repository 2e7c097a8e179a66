package io.github.statefullstm.experiment;

import io.github.statefullstm.rnn.LstmEngine;
import io.github.statefullstm.rnn.reference.ReferenceEngine;

/**
 * A-E on the pure-Java reference, three seeds each: half a minute of training, which {@code ./mvnw verify} runs beside
 * the DL4J runs so that {@code ./mvnw test} stays under a minute.
 */
class ReferencePostExperimentsIT extends PostExperimentClaims {

    @Override
    protected LstmEngine engine() {
        return new ReferenceEngine();
    }

    @Override
    protected long[] seeds() {
        return new long[] {1, 2, 3};
    }
}
