package io.github.statefullstm.rnn.dl4j;

import io.github.statefullstm.rnn.Arithmetic;
import io.github.statefullstm.rnn.EngineUnderTest;

/** The DL4J engine as the engine-neutral suites run it. */
final class Dl4jUnderTest {

    /**
     * BLAS may sum a row's dot products in another order when the row sits in a batch of another size or at another
     * place: two computations agree within the sum of their error bounds, not to the bit.
     */
    static final EngineUnderTest ENGINE = new EngineUnderTest(new Dl4jEngine(), Arithmetic.ND4J_DOUBLE, false);

    /**
     * Each try builds DL4J networks and makes a few native calls of about a millisecond each, so fewer tries than the
     * reference's keep each suite to seconds.
     */
    static final int TRIES = 25;

    private Dl4jUnderTest() {
    }
}
