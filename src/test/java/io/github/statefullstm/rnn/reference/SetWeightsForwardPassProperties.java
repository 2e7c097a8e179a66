package io.github.statefullstm.rnn.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.statefullstm.rnn.Arithmetic;
import io.github.statefullstm.rnn.BatchScenario;
import io.github.statefullstm.rnn.KerasEquations;
import io.github.statefullstm.rnn.LstmModel;
import io.github.statefullstm.rnn.LstmState;
import io.github.statefullstm.rnn.LstmWeights;
import io.github.statefullstm.spec.Claim;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * The forward pass is Keras' LSTM for any weights, not only the initial ones: a fresh model's dense bias is 0 and its
 * biases are 0 or 1, which hides a dropped or misplaced bias. Here every weight, the dense bias included, is drawn
 * at random and set.
 */
class SetWeightsForwardPassProperties {

    /** Both sides add the same terms in the same order: equal to the last bit. */
    private static final double EXACT = 0.0;
    private static final int MAX_STEPS = 4;
    /** Weights on [-1, 1]: every gate sees both signs, and hard-sigmoid gates reach their flat parts. */
    private static final double WEIGHT_LIMIT = 1.0;
    /** Keeps the weights' random stream apart from the scenario's own streams drawn from the same data seed. */
    private static final long WEIGHT_STREAM = 0x5DEECE66DL;

    private final ReferenceEngine engine = new ReferenceEngine();

    @Provide
    Arbitrary<BatchScenario> statelessBatches() {
        return BatchScenario.any(1, MAX_STEPS);
    }

    @Property
    @Claim("REF-6")
    void withAnyWeightsSetPredictionsAndFinalStatesAreKerasLstmEquations(
            @ForAll("statelessBatches") BatchScenario s) {
        Statistics.label("gates").collect(s.spec().gateActivation());
        LstmWeights weights = randomWeights(s);
        LstmModel model = engine.build(s.statelessConfig());
        model.setWeights(weights);
        assertEquals(weights.denseBias(), model.getWeights().denseBias(), EXACT, "dense bias read back");
        double[][][] batch = s.inputs(0);

        double[] predicted = model.predictOnBatch(batch);

        KerasEquations.Pass byHand = KerasEquations.forward(weights, s.spec().gateActivation(), batch,
                LstmState.zeros(s.rows(), s.spec().units()), Arithmetic.REFERENCE);
        assertArrayEquals(byHand.probabilities(), predicted, EXACT, () -> "probabilities at the last step, " + s);
        for (int row = 0; row < s.rows(); row++) {
            assertArrayEquals(byHand.finalState().h(row), model.finalStates().h(row), EXACT, "final h of row " + row);
            assertArrayEquals(byHand.finalState().c(row), model.finalStates().c(row), EXACT, "final c of row " + row);
        }
    }

    private static LstmWeights randomWeights(BatchScenario s) {
        SplittableRandom random = new SplittableRandom(s.dataSeed() ^ WEIGHT_STREAM);
        double[] flat = new double[LstmWeights.zeros(s.spec().features(), s.spec().units()).parameterCount()];
        for (int k = 0; k < flat.length; k++) {
            flat[k] = random.nextDouble(-WEIGHT_LIMIT, WEIGHT_LIMIT);
        }
        return LstmWeights.unflatten(s.spec().features(), s.spec().units(), flat);
    }
}
