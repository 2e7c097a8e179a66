package io.github.statefullstm.rnn.dl4j;

import io.github.statefullstm.rnn.BadCallProperties;
import io.github.statefullstm.rnn.LstmEngine;
import io.github.statefullstm.spec.Claim;
import net.jqwik.api.PropertyDefaults;

/**
 * The engine-neutral refusal suite (STATE-7), unchanged, on DL4J: what DL4J-8 claims for this engine. Each try builds
 * two DL4J networks and trains each for two batches through native calls, so fewer tries than the reference's keep the
 * suite to seconds.
 */
@Claim("DL4J-8")
@PropertyDefaults(tries = Dl4jBadCallProperties.TRIES)
class Dl4jBadCallProperties extends BadCallProperties {

    static final int TRIES = 25;

    @Override
    protected LstmEngine engine() {
        return new Dl4jEngine();
    }
}
