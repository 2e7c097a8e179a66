package io.github.statefullstm.experiment;

import io.github.statefullstm.cli.ChildJvm;
import io.github.statefullstm.rnn.LstmEngine;
import io.github.statefullstm.rnn.dl4j.Dl4jEngine;

/**
 * A-E on DL4J, the engine the post's claims are about, for three seeds: minutes rather than seconds, so it runs in
 * Maven's {@code verify} phase (Failsafe), which {@code .ci/run} includes, and not in the everyday {@code mvn test}.
 *
 * <p>Each experiment trains in a JVM of its own, as in the main job: libnd4j's LSTM backward kernel keeps native
 * memory that no collection frees (reports/dl4j-speed.md), and fifteen experiments in one JVM kept 11.9 GB
 * resident (17.6 GB with the default heap), where one experiment's JVM stays under 4 GB.
 */
class Dl4jPostExperimentsIT extends PostExperimentClaims {

    @Override
    protected LstmEngine engine() {
        return new Dl4jEngine();
    }

    @Override
    protected ExperimentResult train(Protocol protocol) throws Exception {
        return ChildJvm.experiment(protocol, engine().name());
    }

    @Override
    protected long[] seeds() {
        return new long[] {1, 2, 3};
    }
}
