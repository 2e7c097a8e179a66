package io.github.statefullstm.experiment;

import io.github.statefullstm.rnn.LstmEngine;
import io.github.statefullstm.rnn.dl4j.Dl4jEngine;

/**
 * A-E on DL4J, the engine the post's claims are about, for three seeds: a minute or more rather than seconds, so it
 * runs in Maven's {@code verify} phase (Failsafe), which {@code .ci/run} includes, and not in the everyday
 * {@code ./mvnw test}. Every experiment trains in this one JVM: the engine's memory does not grow with the updates it
 * makes (reports/dl4j-speed.md).
 */
class Dl4jPostExperimentsIT extends PostExperimentClaims {

    @Override
    protected LstmEngine engine() {
        return new Dl4jEngine();
    }

    @Override
    protected long[] seeds() {
        return new long[] {1, 2, 3};
    }
}
