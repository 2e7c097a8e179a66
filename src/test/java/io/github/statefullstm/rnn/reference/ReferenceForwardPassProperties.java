package io.github.statefullstm.rnn.reference;

import io.github.statefullstm.rnn.Arithmetic;
import io.github.statefullstm.rnn.BatchScenario;
import io.github.statefullstm.rnn.KerasEquations;
import io.github.statefullstm.rnn.LstmModel;
import io.github.statefullstm.rnn.LstmState;
import io.github.statefullstm.rnn.LstmWeights;
import io.github.statefullstm.spec.Claim;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * The reference engine's forward pass is Keras' LSTM, checked against the equations written out independently in
 * {@link KerasEquations}: the gradient checks (REF-1) only show that the backward pass fits the forward pass, not
 * that the forward pass is an LSTM.
 */
class ReferenceForwardPassProperties {

    /**
     * Exact: both sides add the same terms in the same order (bias, then inputs, then the recurrent terms) and apply
     * the same functions, so in double precision they agree to the last bit.
     */
    private static final double EXACT = 0.0;
    /** Long enough for the recurrent terms to matter several times over. */
    private static final int MAX_STEPS = 6;

    private final ReferenceEngine engine = new ReferenceEngine();

    /** Stateless batches: every row starts from zeros, so the check needs nothing but the cell. */
    @Provide
    Arbitrary<BatchScenario> statelessBatches() {
        return BatchScenario.any(1, MAX_STEPS);
    }

    @Property
    @Claim("REF-6")
    void predictionsAndFinalStatesAreKerasLstmEquations(@ForAll("statelessBatches") BatchScenario s) {
        Statistics.label("steps").collect(s.steps());
        Statistics.label("units").collect(s.spec().units());
        Statistics.label("gates").collect(s.spec().gateActivation());
        LstmModel model = engine.build(s.statelessConfig());
        LstmWeights weights = model.getWeights();
        double[][][] batch = s.inputs(0);

        double[] predicted = model.predictOnBatch(batch);

        KerasEquations.Pass byHand = KerasEquations.forward(weights, s.spec().gateActivation(), batch,
                LstmState.zeros(s.rows(), s.spec().units()), Arithmetic.REFERENCE);
        assertArrayEquals(byHand.probabilities(), predicted, EXACT, "probabilities at the last step");
        for (int row = 0; row < s.rows(); row++) {
            assertArrayEquals(byHand.finalState().h(row), model.finalStates().h(row), EXACT, "final h of row " + row);
            assertArrayEquals(byHand.finalState().c(row), model.finalStates().c(row), EXACT, "final c of row " + row);
        }
    }
}
