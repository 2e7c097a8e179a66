package io.github.statefullstm.rnn.dl4j;

import io.github.statefullstm.rnn.Arithmetic;
import io.github.statefullstm.rnn.EngineUnderTest;
import io.github.statefullstm.rnn.StateQuestionsProperties;
import net.jqwik.api.PropertyDefaults;

/** The readers' questions about state, unchanged, on DL4J; as few tries as its statefulness suite, for the same cost. */
@PropertyDefaults(tries = Dl4jStatefulnessProperties.TRIES)
class Dl4jStateQuestionsProperties extends StateQuestionsProperties {

    /**
     * BLAS may sum a row's dot products in another order when the row sits in a batch of another size or at another
     * place: two computations agree within the sum of their error bounds, not to the bit.
     */
    private static final EngineUnderTest DL4J = new EngineUnderTest(new Dl4jEngine(), Arithmetic.ND4J_DOUBLE, false);

    @Override
    protected EngineUnderTest engineUnderTest() {
        return DL4J;
    }
}
