package io.github.statefullstm.rnn.dl4j;

import io.github.statefullstm.rnn.GateActivation;
import io.github.statefullstm.rnn.LstmModel;
import io.github.statefullstm.rnn.LstmSpec;
import io.github.statefullstm.rnn.LstmState;
import io.github.statefullstm.rnn.LstmWeights;
import io.github.statefullstm.rnn.ModelConfig;
import io.github.statefullstm.spec.Claim;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A bad call is refused before ND4J sees it, with a message naming what was wrong, and changes nothing. */
class RefusalProperties {

    private static final int ROWS = 2;
    private static final int FEATURES = 2;
    private static final int UNITS = 3;

    /** A bad batch and the parameter its refusal must name. */
    record BadCall(String kind, double[][][] inputs, double[] targets, String named) {
    }

    private final LstmModel model = primedModel();

    private static LstmModel primedModel() {
        LstmModel model = new Dl4jEngine().build(
                ModelConfig.stateful(new LstmSpec(FEATURES, UNITS, GateActivation.SIGMOID), ROWS, 5));
        model.trainOnBatch(Fixtures.batch(ROWS, 2, FEATURES, 1), new double[] {0, 1});
        return model;
    }

    /** The calls that take a batch; predictOnBatch takes no targets, so it only meets the input refusals. */
    enum Call { TRAIN, TEST, GRADIENT, PREDICT }

    @Property(tries = 60)
    @Claim("DL4J-8")
    void badCallsAreRefusedByNameAndChangeNothing(@ForAll("badCalls") BadCall call, @ForAll Call operation) {
        Assume.that(operation != Call.PREDICT || !call.kind().startsWith("target"));
        Statistics.label("kind").collect(call.kind());
        Statistics.label("call").collect(operation);
        LstmWeights weights = model.getWeights();
        LstmState state = model.states();

        IllegalArgumentException refusal = assertThrows(IllegalArgumentException.class, () -> {
            switch (operation) {
                case TRAIN -> model.trainOnBatch(call.inputs(), call.targets());
                case TEST -> model.testOnBatch(call.inputs(), call.targets());
                case GRADIENT -> model.gradientOnBatch(call.inputs(), call.targets());
                case PREDICT -> model.predictOnBatch(call.inputs());
            }
        });

        assertTrue(refusal.getMessage().contains(call.named()), refusal.getMessage());
        assertEquals(weights, model.getWeights());
        assertEquals(state, model.states());
    }

    @Property(tries = 10)
    @Claim("DL4J-8")
    void aStateOfTheWrongShapeIsRefusedAndChangesNothing(@ForAll @IntRange(min = 1, max = 5) int rows,
                                                         @ForAll @IntRange(min = 1, max = 5) int units) {
        Assume.that(rows != ROWS || units != UNITS);
        Statistics.label("wrong").collect(rows != ROWS && units != UNITS ? "both" : rows != ROWS ? "rows" : "units");
        LstmState state = model.states();

        IllegalArgumentException refusal = assertThrows(IllegalArgumentException.class,
                () -> model.resetStates(Fixtures.state(rows, units, 1)));

        assertTrue(refusal.getMessage().startsWith("state"), refusal.getMessage());
        assertEquals(state, model.states());
    }

    @Provide
    Arbitrary<BadCall> badCalls() {
        double[] goodTargets = {1, 0};
        return Arbitraries.integers().between(0, 5).flatMap(kind -> Arbitraries.longs().map(seed -> {
            double[][][] batch = Fixtures.batch(ROWS, 3, FEATURES, seed);
            return switch (kind) {
                case 0 -> new BadCall("wrong rows", Fixtures.batch(ROWS + 1, 3, FEATURES, seed),
                        new double[] {1, 0, 1}, "batch size (rows)");
                case 1 -> {
                    batch[1] = Fixtures.batch(1, 2, FEATURES, seed)[0];
                    yield new BadCall("ragged steps", batch, goodTargets, "inputs[1] steps");
                }
                case 2 -> new BadCall("wrong features", Fixtures.batch(ROWS, 3, FEATURES + 1, seed), goodTargets,
                        "features");
                case 3 -> {
                    batch[0][2][1] = Double.NaN;
                    yield new BadCall("NaN input", batch, goodTargets, "inputs[0][2][1]");
                }
                case 4 -> {
                    batch[1][0][0] = Double.POSITIVE_INFINITY;
                    yield new BadCall("infinite input", batch, goodTargets, "inputs[1][0][0]");
                }
                default -> new BadCall("target not 0 or 1", batch, new double[] {1, 0.5}, "targets[1]");
            };
        }));
    }
}
