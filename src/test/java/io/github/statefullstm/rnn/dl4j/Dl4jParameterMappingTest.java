package io.github.statefullstm.rnn.dl4j;

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
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.IntRange;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** DL4J's LSTM parameter layout is mapped to the canonical (Keras) one exactly, gate blocks included. */
class Dl4jParameterMappingTest {

    private static final String BY_HAND = "dl4j against the equations by hand";

    private final Dl4jEngine engine = new Dl4jEngine();

    record Shape(int features, int units) {
    }

    @Property(tries = 25)
    @Claim("DL4J-1")
    void weightsRoundTripBitForBitThroughDl4j(@ForAll("smallShapes") Shape shape, @ForAll long seed) {
        Statistics.label("features").collect(shape.features());
        Statistics.label("units").collect(shape.units());
        LstmModel model = engine.build(ModelConfig.stateless(
                new LstmSpec(shape.features(), shape.units(), GateActivation.SIGMOID), 1));
        LstmWeights weights = Fixtures.weights(shape.features(), shape.units(), seed);

        model.setWeights(weights);

        assertArrayEquals(weights.flatten(), model.getWeights().flatten());
    }

    @Provide
    Arbitrary<Shape> smallShapes() {
        return Combinators.combine(Arbitraries.integers().between(1, 3), Arbitraries.integers().between(1, 6))
                .as(Shape::new);
    }

    @Property(tries = 4)
    @Claim({"DL4J-1", "DL4J-2"})
    void forwardPassEqualsTheKerasEquationsByHand(@ForAll GateActivation gate, @ForAll @IntRange(max = 1000) int seed) {
        Statistics.label("gate").collect(gate);
        int features = 2;
        int units = 3;
        int rows = 2;
        LstmModel model = engine.build(ModelConfig.stateful(new LstmSpec(features, units, gate), rows, 7));
        LstmWeights weights = Fixtures.weights(features, units, seed);
        LstmState initial = Fixtures.state(rows, units, seed + 1);
        double[][][] batch = Fixtures.batch(rows, 4, features, seed + 2);
        model.setWeights(weights);
        model.resetStates(initial);

        double[] predicted = model.predictOnBatch(batch);

        // Held to the error bounds of both arithmetics on these very inputs: a wrong gate block is off by 1e-2 or more.
        KerasEquations.Pass byHand = KerasEquations.forward(weights, gate, batch, initial, Arithmetic.REFERENCE);
        Agreement agree = Agreement.within(Tolerance.forward(weights, gate, batch, initial, Arithmetic.REFERENCE,
                Arithmetic.ND4J_DOUBLE), BY_HAND);
        agree.outputs("predictions", byHand.probabilities(), predicted);
        agree.states("final state", byHand.finalState(), model.finalStates());
    }

    /**
     * ND4J's hard sigmoid multiplies by the float constant 0.2f, not by 0.2: with that slope the equations by hand
     * and DL4J differ by rounding alone, within the error bounds of one arithmetic, on any weights and inputs.
     */
    @Property(tries = 25)
    @Claim("DL4J-1")
    void dl4jsHardSigmoidIsTheEquationsWithTheFloatSlope(@ForAll @IntRange(max = 1000) int seed) {
        int features = 2;
        int units = 3;
        int rows = 2;
        LstmModel model = engine.build(ModelConfig.stateful(new LstmSpec(features, units,
                GateActivation.HARD_SIGMOID), rows, 7));
        LstmWeights weights = Fixtures.weights(features, units, seed);
        LstmState initial = Fixtures.state(rows, units, seed + 1);
        double[][][] batch = Fixtures.batch(rows, 5, features, seed + 2);
        model.setWeights(weights);
        model.resetStates(initial);

        double[] predicted = model.predictOnBatch(batch);

        KerasEquations.Pass byHand = KerasEquations.forward(weights, GateActivation.HARD_SIGMOID, batch, initial,
                Arithmetic.ND4J_DOUBLE);
        Agreement agree = Agreement.within(Tolerance.forward(weights, GateActivation.HARD_SIGMOID, batch, initial,
                Arithmetic.ND4J_DOUBLE, Arithmetic.ND4J_DOUBLE), BY_HAND + " with slope 0.2f");
        agree.outputs("predictions", byHand.probabilities(), predicted);
        agree.states("final state", byHand.finalState(), model.finalStates());
    }

    @Example
    @Claim("DL4J-1")
    void everyCanonicalColumnHasItsOwnDl4jColumn() {
        int units = 4;
        boolean[] taken = new boolean[4 * units];
        for (int column = 0; column < 4 * units; column++) {
            taken[Dl4jParameterMapping.dl4jColumn(column, units)] = true;
        }
        for (int column = 0; column < 4 * units; column++) {
            assertEquals(true, taken[column], "DL4J column " + column + " receives no canonical column");
        }
    }
}
