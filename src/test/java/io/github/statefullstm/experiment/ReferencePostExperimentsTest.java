package io.github.statefullstm.experiment;

import io.github.statefullstm.rnn.LstmEngine;
import io.github.statefullstm.rnn.reference.ReferenceEngine;

/** A-E on the pure-Java reference: seconds for all of them, so they run on every {@code ./mvnw test}. */
class ReferencePostExperimentsTest extends PostExperimentClaims {

    @Override
    protected LstmEngine engine() {
        return new ReferenceEngine();
    }

    @Override
    protected long[] seeds() {
        return new long[] {1, 2, 3};
    }
}
