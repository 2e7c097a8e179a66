package io.github.statefullstm.rnn.dl4j;

import io.github.statefullstm.rnn.Adam;
import io.github.statefullstm.rnn.GateActivation;
import io.github.statefullstm.rnn.LstmModel;
import io.github.statefullstm.rnn.LstmSpec;
import io.github.statefullstm.rnn.LstmState;
import io.github.statefullstm.rnn.LstmWeights;
import io.github.statefullstm.rnn.ModelConfig;
import io.github.statefullstm.spec.Claim;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The DL4J engine trains with Keras' stateful semantics across separate {@code trainOnBatch} calls: the state goes
 * on, the gradient stops at the batch boundary, and each call is exactly one Adam update of the mean loss.
 */
class StatefulTrainingTest {

    private static final int FEATURES = 2;
    private static final int UNITS = 3;
    private static final int ROWS = 2;
    private static final int STEPS = 3;
    private static final LstmSpec SPEC = new LstmSpec(FEATURES, UNITS, GateActivation.SIGMOID);

    /** Central differences with this step have truncation error ~h² and rounding error ~1e-16 / h: both ~1e-10. */
    private static final double FINITE_DIFFERENCE_STEP = 1e-5;
    /** Agreement of an analytic and a central-difference gradient, relative to the gradient's largest entry. */
    private static final double GRADIENT_AGREEMENT = 1e-6;
    /** DL4J's Adam and the hand-written one do the same double arithmetic in a different order. */
    private static final double ADAM_ROUNDING = 1e-12;
    /** A gradient that ignores the carried state differs from the true one far beyond rounding. */
    private static final double MEANINGFUL_DIFFERENCE = 1e-3;

    private final Dl4jEngine engine = new Dl4jEngine();

    private LstmModel statefulModel() {
        return statefulModel(SPEC);
    }

    private LstmModel statefulModel(LstmSpec spec) {
        LstmModel model = engine.build(ModelConfig.stateful(spec, ROWS, 3));
        model.setWeights(Fixtures.weights(FEATURES, UNITS, 11));
        return model;
    }

    @ParameterizedTest
    @EnumSource(GateActivation.class)
    @Claim("DL4J-3")
    void gradientIsTheMeanLossDerivativeWithTheCarriedStateHeldConstant(GateActivation gate) {
        LstmModel model = statefulModel(new LstmSpec(FEATURES, UNITS, gate));
        model.predictOnBatch(Fixtures.batch(ROWS, STEPS, FEATURES, 1));
        LstmState carried = model.states();
        double[][][] batch = Fixtures.batch(ROWS, STEPS, FEATURES, 2);
        double[] targets = {1, 0};

        double[] analytic = model.gradientOnBatch(batch, targets).flatten();

        double[] weights = model.getWeights().flatten();
        double[] numeric = new double[weights.length];
        for (int i = 0; i < weights.length; i++) {
            numeric[i] = (lossAt(model, weights, i, +FINITE_DIFFERENCE_STEP, carried, batch, targets)
                    - lossAt(model, weights, i, -FINITE_DIFFERENCE_STEP, carried, batch, targets))
                    / (2 * FINITE_DIFFERENCE_STEP);
        }
        assertArrayEquals(numeric, analytic, GRADIENT_AGREEMENT * maxAbs(numeric));
    }

    private static double lossAt(LstmModel model, double[] weights, int index, double delta, LstmState carried,
                                 double[][][] batch, double[] targets) {
        double[] moved = weights.clone();
        moved[index] += delta;
        model.setWeights(LstmWeights.unflatten(FEATURES, UNITS, moved));
        model.resetStates(carried);
        double loss = model.testOnBatch(batch, targets).loss();
        model.setWeights(LstmWeights.unflatten(FEATURES, UNITS, weights));
        model.resetStates(carried);
        return loss;
    }

    @Test
    @Claim("DL4J-3")
    void gradientStartsFromTheCarriedStateNotFromZeros() {
        LstmModel model = statefulModel();
        model.predictOnBatch(Fixtures.batch(ROWS, STEPS, FEATURES, 1));
        double[][][] batch = Fixtures.batch(ROWS, STEPS, FEATURES, 2);
        double[] targets = {1, 0};

        double[] fromCarried = model.gradientOnBatch(batch, targets).flatten();
        model.resetStates();
        double[] fromZeros = model.gradientOnBatch(batch, targets).flatten();

        assertTrue(maxAbsDifference(fromCarried, fromZeros) > MEANINGFUL_DIFFERENCE,
                "the carried state must change the gradient");
    }

    @Test
    @Claim("DL4J-3")
    void gradientOnBatchChangesNeitherWeightsNorState() {
        LstmModel model = statefulModel();
        model.predictOnBatch(Fixtures.batch(ROWS, STEPS, FEATURES, 1));
        LstmWeights weights = model.getWeights();
        LstmState state = model.states();

        model.gradientOnBatch(Fixtures.batch(ROWS, STEPS, FEATURES, 2), new double[] {0, 1});

        assertEquals(weights, model.getWeights());
        assertEquals(state, model.states());
    }

    @Test
    @Claim("DL4J-4")
    void eachTrainOnBatchIsOneKerasAdamStepAndCarriesThePreUpdateState() {
        LstmModel trained = statefulModel();
        LstmModel twin = statefulModel();
        KerasAdam adam = new KerasAdam(Adam.KERAS);
        int batches = 4;
        for (int k = 0; k < batches; k++) {
            double[][][] batch = Fixtures.batch(ROWS, STEPS, FEATURES, 100 + k);
            double[] targets = Fixtures.targets(ROWS, 200 + k);

            trained.trainOnBatch(batch, targets);

            // The twin does by hand what Keras does: gradient from the carried state, state advanced with the
            // weights before the update, then one Adam step.
            LstmWeights gradient = twin.gradientOnBatch(batch, targets);
            twin.predictOnBatch(batch);
            twin.setWeights(adam.step(twin.getWeights(), gradient));

            assertArrayEquals(twin.getWeights().flatten(), trained.getWeights().flatten(), ADAM_ROUNDING,
                    "weights after batch " + k);
            for (int row = 0; row < ROWS; row++) {
                assertArrayEquals(twin.states().h(row), trained.states().h(row), ADAM_ROUNDING,
                        "h of row " + row + " after batch " + k);
                assertArrayEquals(twin.states().c(row), trained.states().c(row), ADAM_ROUNDING,
                        "c of row " + row + " after batch " + k);
            }
        }
    }

    @Test
    @Claim("DL4J-4")
    void trainOnBatchReportsTheLossOfItsForwardPass() {
        LstmModel trained = statefulModel();
        LstmModel twin = statefulModel();
        double[][][] batch = Fixtures.batch(ROWS, STEPS, FEATURES, 5);
        double[] targets = {0, 1};

        var expected = twin.testOnBatch(batch, targets);
        var reported = trained.trainOnBatch(batch, targets);

        assertEquals(expected.loss(), reported.loss(), ADAM_ROUNDING);
        assertEquals(expected.accuracy(), reported.accuracy());
    }

    private static double maxAbs(double[] values) {
        double max = 0;
        for (double value : values) {
            max = Math.max(max, Math.abs(value));
        }
        return max;
    }

    private static double maxAbsDifference(double[] a, double[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }
}
