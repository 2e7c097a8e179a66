package io.github.statefullstm.rnn.dl4j;

import io.github.statefullstm.rnn.Arithmetic;
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

    @Override
    protected LstmEngine engine() {
        return new Dl4jEngine();
    }

    @Override
    protected Arithmetic arithmetic() {
        return Arithmetic.ND4J_DOUBLE;
    }

    /**
     * BLAS may sum a row's dot products in another order when the row sits in a batch of another size or at another
     * place: two computations agree within the sum of their error bounds, not to the bit.
     */
    @Override
    protected boolean repeatsBitForBit() {
        return false;
    }
}
