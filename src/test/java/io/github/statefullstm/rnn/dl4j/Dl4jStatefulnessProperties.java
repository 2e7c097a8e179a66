package io.github.statefullstm.rnn.dl4j;

import io.github.statefullstm.rnn.LstmEngine;
import io.github.statefullstm.rnn.StatefulnessProperties;
import net.jqwik.api.PropertyDefaults;

/**
 * The engine-neutral statefulness suite, unchanged, on DL4J. Each try builds DL4J networks and makes a few
 * native calls of about a millisecond each, so fewer tries than the reference's keep the suite to seconds.
 */
@PropertyDefaults(tries = Dl4jStatefulnessProperties.TRIES)
class Dl4jStatefulnessProperties extends StatefulnessProperties {

    static final int TRIES = 25;

    /**
     * Double precision, but BLAS may sum a row's dot products in another order when it sits in a batch of another
     * size or when steps arrive in other chunks: agreement to about 1e-15 per operation, compounded over the steps.
     */
    private static final double DOUBLE_ROUNDING = 1e-10;

    @Override
    protected LstmEngine engine() {
        return new Dl4jEngine();
    }

    @Override
    protected double tolerance() {
        return DOUBLE_ROUNDING;
    }
}
