package io.github.statefullstm.rnn.reference;

import io.github.statefullstm.rnn.Arithmetic;
import io.github.statefullstm.rnn.BatchScenario;
import io.github.statefullstm.rnn.KerasEquations;
import io.github.statefullstm.rnn.LstmModel;
import io.github.statefullstm.rnn.LstmState;
import io.github.statefullstm.rnn.LstmWeights;
import io.github.statefullstm.spec.Claim;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The reference engine's forward pass is Keras' LSTM, checked against the equations written out independently in
 * {@link KerasEquations}: the gradient checks (REF-1) only show that the backward pass fits the forward pass, not
 * that the forward pass is an LSTM. It runs on the weights as initialised and on weights set at random: a fresh
 * model's dense bias is 0 and its biases are 0 or 1, which would hide a dropped or misplaced bias.
 */
class ReferenceForwardPassProperties {

    /**
     * Exact: both sides add the same terms in the same order (bias, then inputs, then the recurrent terms) and apply
     * the same functions, so in double precision they agree to the last bit.
     */
    private static final double EXACT = 0.0;
    /** Long enough for the recurrent terms to matter several times over. */
    private static final int MAX_STEPS = 6;
    /** Weights on [-1, 1]: every gate sees both signs, and hard-sigmoid gates reach their flat parts. */
    private static final double WEIGHT_LIMIT = 1.0;
    /** Keeps the weights' random stream apart from the scenario's own streams drawn from the same data seed. */
    private static final long WEIGHT_STREAM = 0x5DEECE66DL;

    private final ReferenceEngine engine = new ReferenceEngine();

    /** Which weights the pass runs on. */
    enum Weights { AS_INITIALISED, EVERY_WEIGHT_SET_AT_RANDOM }

    /** A stateless batch (every row starts from zeros, so the check needs nothing but the cell) and its weights. */
    record WeightedBatch(BatchScenario scenario, Weights weights) {
    }

    @Provide
    Arbitrary<WeightedBatch> statelessBatchesOnEitherWeights() {
        return Combinators.combine(BatchScenario.any(1, MAX_STEPS), Arbitraries.of(Weights.class))
                .as(WeightedBatch::new);
    }

    @Property
    @Claim("REF-6")
    void predictionsAndFinalStatesAreKerasLstmEquations(@ForAll("statelessBatchesOnEitherWeights") WeightedBatch b) {
        BatchScenario s = b.scenario();
        Statistics.label("steps").collect(s.steps());
        Statistics.label("units").collect(s.spec().units());
        Statistics.label("gates").collect(s.spec().gateActivation());
        Statistics.label("weights").collect(b.weights());
        LstmModel model = engine.build(s.statelessConfig());
        if (b.weights() == Weights.EVERY_WEIGHT_SET_AT_RANDOM) {
            LstmWeights drawn = randomWeights(s);
            model.setWeights(drawn);
            assertEquals(drawn.denseBias(), model.getWeights().denseBias(), EXACT, "dense bias read back");
        }
        LstmWeights weights = model.getWeights();
        double[][][] batch = s.inputs(0);

        double[] predicted = model.predictOnBatch(batch);

        KerasEquations.Pass byHand = KerasEquations.forward(weights, s.spec().gateActivation(), batch,
                LstmState.zeros(s.spec(), s.rows()), Arithmetic.REFERENCE);
        assertArrayEquals(byHand.probabilities(), predicted, EXACT, () -> "probabilities at the last step, " + b);
        for (int row = 0; row < s.rows(); row++) {
            assertArrayEquals(byHand.finalState().h(row), model.finalStates().h(row), EXACT, "final h of row " + row);
            assertArrayEquals(byHand.finalState().c(row), model.finalStates().c(row), EXACT, "final c of row " + row);
        }
    }

    private static LstmWeights randomWeights(BatchScenario s) {
        SplittableRandom random = new SplittableRandom(s.dataSeed() ^ WEIGHT_STREAM);
        double[] flat = new double[LstmWeights.zeros(s.spec()).parameterCount()];
        for (int k = 0; k < flat.length; k++) {
            flat[k] = random.nextDouble(-WEIGHT_LIMIT, WEIGHT_LIMIT);
        }
        return LstmWeights.unflatten(s.spec(), flat);
    }
}
