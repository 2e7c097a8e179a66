package io.github.statefullstm.rnn.dl4j;

import io.github.statefullstm.rnn.Adam;
import io.github.statefullstm.rnn.Agreement;
import io.github.statefullstm.rnn.Arithmetic;
import io.github.statefullstm.rnn.GateActivation;
import io.github.statefullstm.rnn.KerasEquations;
import io.github.statefullstm.rnn.LstmModel;
import io.github.statefullstm.rnn.LstmSpec;
import io.github.statefullstm.rnn.LstmState;
import io.github.statefullstm.rnn.LstmWeights;
import io.github.statefullstm.rnn.ModelConfig;
import io.github.statefullstm.rnn.Tolerance;
import io.github.statefullstm.spec.Claim;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

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

    private static final String DL4J = "dl4j";
    /**
     * What one Adam step rounds: lr_t (a power, a square root, a division), the quotient and the subtraction, one
     * rounding each, relative; m and v round twice per update they have been through. Both the engine and the
     * hand-written step round so.
     */
    private static final int ADAM_STEP_ROUNDINGS = 8;
    private static final int ROUNDINGS_PER_MOMENT_UPDATE = 2;

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

        LstmWeights analytic = model.gradientOnBatch(batch, targets);

        // the exact derivatives of Keras' equations from the carried state, held constant (KerasEquations)
        LstmWeights weights = model.getWeights();
        double[] exact = KerasEquations.withDerivatives(weights, gate, batch, carried, Arithmetic.REFERENCE)
                .gradient(targets).values();
        Agreement agree = Agreement.within(Tolerance.gradient(weights, gate, batch, carried, targets,
                Arithmetic.REFERENCE, Arithmetic.ND4J_DOUBLE), DL4J);
        int undetermined = agree.weights("gradient from the carried state",
                LstmWeights.unflatten(FEATURES, UNITS, exact), analytic);
        assertTrue(undetermined < exact.length, "no weight could be checked");
    }

    @Test
    @Claim("DL4J-3")
    void gradientStartsFromTheCarriedStateNotFromZeros() {
        LstmModel model = statefulModel();
        model.predictOnBatch(Fixtures.batch(ROWS, STEPS, FEATURES, 1));
        LstmState carried = model.states();
        double[][][] batch = Fixtures.batch(ROWS, STEPS, FEATURES, 2);
        double[] targets = {1, 0};

        double[] fromCarried = model.gradientOnBatch(batch, targets).flatten();
        model.resetStates();
        double[] fromZeros = model.gradientOnBatch(batch, targets).flatten();

        // Beyond anything rounding could do: more than the error bound of the gradient from the carried state.
        Tolerance rounding = Tolerance.gradient(model.getWeights(), SPEC.gateActivation(), batch, carried, targets,
                Arithmetic.ND4J_DOUBLE, Arithmetic.ND4J_DOUBLE);
        boolean moved = false;
        for (int k = 0; k < fromCarried.length; k++) {
            moved |= Math.abs(fromCarried[k] - fromZeros[k]) > rounding.weight(k);
        }
        assertTrue(moved, "the carried state must change the gradient");
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
            LstmWeights before = trained.getWeights();
            Agreement forward = Agreement.within(Tolerance.forward(before, SPEC.gateActivation(), batch,
                    trained.states(), Arithmetic.ND4J_DOUBLE, Arithmetic.ND4J_DOUBLE), DL4J);

            trained.trainOnBatch(batch, targets);

            // The twin does by hand what Keras does: gradient from the carried state, state advanced with the
            // weights before the update, then one Adam step. It starts each batch from the trained model's weights,
            // so that each step is compared on its own and rounding does not pile up over the batches.
            LstmWeights gradient = twin.gradientOnBatch(batch, targets);
            twin.predictOnBatch(batch);
            twin.setWeights(adam.step(twin.getWeights(), gradient));

            double[] expected = twin.getWeights().flatten();
            double[] actual = trained.getWeights().flatten();
            double[] start = before.flatten();
            int roundings = ADAM_STEP_ROUNDINGS + ROUNDINGS_PER_MOMENT_UPDATE * (k + 1);
            for (int i = 0; i < expected.length; i++) {
                // both round the step and the weight, each side on its own, relative to their sizes
                double step = Math.abs(actual[i] - start[i]);
                double allowed = 2 * roundings * Arithmetic.ND4J_DOUBLE.unitRoundoff() * (Math.abs(start[i]) + step);
                assertEquals(expected[i], actual[i], allowed, "weight flat[" + i + "] after batch " + k);
            }
            forward.states("carried state after batch " + k, twin.states(), trained.states());
            twin.setWeights(trained.getWeights());
        }
    }

    @Test
    @Claim("DL4J-4")
    void trainOnBatchReportsTheLossOfItsForwardPass() {
        LstmModel trained = statefulModel();
        LstmModel twin = statefulModel();
        double[][][] batch = Fixtures.batch(ROWS, STEPS, FEATURES, 5);
        double[] targets = {0, 1};
        Agreement agree = Agreement.within(Tolerance.forward(trained.getWeights(), SPEC.gateActivation(), batch,
                trained.states(), targets, Arithmetic.ND4J_DOUBLE, Arithmetic.ND4J_DOUBLE), DL4J);

        var expected = twin.testOnBatch(batch, targets);
        var reported = trained.trainOnBatch(batch, targets);

        agree.loss("trainOnBatch against testOnBatch", expected.loss(), reported.loss());
        assertEquals(expected.accuracy(), reported.accuracy());
    }

}
