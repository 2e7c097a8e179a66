package io.github.statefullstm.rnn.dl4j;

import io.github.statefullstm.rnn.BadCallProperties;
import io.github.statefullstm.rnn.LstmEngine;
import net.jqwik.api.PropertyDefaults;

/**
 * The engine-neutral refusal suite (STATE-7), unchanged, on DL4J. Each try builds two DL4J networks and trains each
 * for two batches through native calls, so fewer tries than the reference's keep the suite to seconds.
 */
@PropertyDefaults(tries = Dl4jBadCallProperties.TRIES)
class Dl4jBadCallProperties extends BadCallProperties {

    static final int TRIES = 25;

    @Override
    protected LstmEngine engine() {
        return new Dl4jEngine();
    }
}
