package io.github.statefullstm.rnn.dl4j;

import io.github.statefullstm.rnn.Agreement;
import io.github.statefullstm.rnn.Arithmetic;
import io.github.statefullstm.rnn.GateActivation;
import io.github.statefullstm.rnn.LstmModel;
import io.github.statefullstm.rnn.LstmSpec;
import io.github.statefullstm.rnn.LstmState;
import io.github.statefullstm.rnn.ModelConfig;
import io.github.statefullstm.rnn.Tolerance;
import io.github.statefullstm.spec.Claim;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How the DL4J engine passes state between predictOnBatch calls, stateful and stateless. */
class StatePassingProperties {

    private static final int FEATURES = 1;
    private static final int UNITS = 4;
    private static final int ROWS = 3;
    private static final LstmSpec SPEC = new LstmSpec(FEATURES, UNITS, GateActivation.SIGMOID);
    private static final String DL4J_TWICE = "dl4j against itself";

    /** A sequence length and where it is cut into two chunks. */
    record Split(int steps, int cut, long seed) {
    }

    @Provide
    Arbitrary<Split> sequencesWithACut() {
        return Arbitraries.integers().between(2, 12).flatMap(steps -> Combinators.combine(
                Arbitraries.integers().between(1, steps - 1), Arbitraries.longs())
                .as((cut, seed) -> new Split(steps, cut, seed)));
    }

    @Property(tries = 30)
    @Claim("DL4J-2")
    void feedingASequenceInTwoChunksEqualsFeedingItWhole(@ForAll("sequencesWithACut") Split split) {
        Statistics.label("steps").collect(split.steps());
        Statistics.label("cut at").collect(split.cut() == 1 ? "first step" : split.cut() == split.steps() - 1
                ? "last step" : "inside");
        double[][][] whole = Fixtures.batch(ROWS, split.steps(), FEATURES, split.seed());
        LstmModel wholeModel = statefulModel();
        LstmModel chunkedModel = statefulModel();

        double[] expected = wholeModel.predictOnBatch(whole);
        chunkedModel.predictOnBatch(steps(whole, 0, split.cut()));
        double[] chunked = chunkedModel.predictOnBatch(steps(whole, split.cut(), split.steps()));

        // the same double arithmetic step by step, some sums perhaps in another order: two runs of one arithmetic
        Agreement agree = Agreement.within(Tolerance.forward(wholeModel.getWeights(), SPEC.gateActivation(), whole,
                LstmState.zeros(ROWS, UNITS), Arithmetic.ND4J_DOUBLE, Arithmetic.ND4J_DOUBLE), DL4J_TWICE);
        agree.outputs("cut at step " + split.cut(), expected, chunked);
        agree.states("cut at step " + split.cut() + ", carried state", wholeModel.states(), chunkedModel.states());
    }

    @Property(tries = 20)
    @Claim("DL4J-2")
    void eachRowContinuesOnlyItsOwnState(@ForAll("rowPermutations") int[] permutation, @ForAll long seed) {
        Statistics.label("moved rows").collect((int) java.util.stream.IntStream.range(0, ROWS)
                .filter(row -> permutation[row] != row).count());
        LstmModel model = statefulModel();
        double[][][] first = Fixtures.batch(ROWS, 3, FEATURES, seed);
        double[][][] second = Fixtures.batch(ROWS, 2, FEATURES, seed + 1);
        model.predictOnBatch(first);
        LstmState carried = model.states();
        double[] afterBoth = model.predictOnBatch(second);

        // Permute the carried state's rows and the second batch's rows alike: every row's answer moves with it.
        double[][] h = new double[ROWS][];
        double[][] c = new double[ROWS][];
        double[][][] permuted = new double[ROWS][][];
        for (int row = 0; row < ROWS; row++) {
            h[row] = carried.h(permutation[row]);
            c[row] = carried.c(permutation[row]);
            permuted[row] = second[permutation[row]];
        }
        model.resetStates(new LstmState(h, c));
        double[] permutedAnswers = model.predictOnBatch(permuted);

        // both read the second batch from the same carried numbers: two runs of one arithmetic
        Agreement agree = Agreement.within(Tolerance.forward(model.getWeights(), SPEC.gateActivation(), second,
                carried, Arithmetic.ND4J_DOUBLE, Arithmetic.ND4J_DOUBLE), DL4J_TWICE);
        for (int row = 0; row < ROWS; row++) {
            agree.outputs("rows permuted to " + Arrays.toString(permutation), afterBoth, permutation[row],
                    permutedAnswers, row);
        }
    }

    @Provide
    Arbitrary<int[]> rowPermutations() {
        return Arbitraries.shuffle(0, 1, 2).map(list -> list.stream().mapToInt(Integer::intValue).toArray());
    }

    @Property(tries = 10)
    @Claim("DL4J-2")
    void statelessBatchesAlwaysStartFromZeros(@ForAll long seed) {
        LstmModel model = new Dl4jEngine().build(ModelConfig.stateless(SPEC, 9));
        double[][][] batch = Fixtures.batch(ROWS, 3, FEATURES, seed);

        double[] first = model.predictOnBatch(batch);
        Statistics.label("largest |c| the next batch must not start from").collect(largestCell(model.finalStates()));
        double[] again = model.predictOnBatch(batch);

        // the same calls on the same numbers: bit for bit (STATE-8), unless the first batch's state leaked in
        assertArrayEquals(first, again, 0.0);
        assertTrue(model.states().isZero());
        assertEquals(ROWS, model.states().rows());
        assertTrue(!model.finalStates().isZero(), "the final state of a stateless batch is still reported");
    }

    @Property(tries = 10)
    @Claim("DL4J-2")
    void resetStatesReturnsEveryRowToZero(@ForAll long seed) {
        LstmModel model = statefulModel();
        double[][][] batch = Fixtures.batch(ROWS, 3, FEATURES, seed);
        double[] fromZeros = model.predictOnBatch(batch);
        double[] fromCarried = model.predictOnBatch(batch);
        Statistics.label("the carried state moved the outputs").collect(!Arrays.equals(fromZeros, fromCarried));

        model.resetStates();

        assertTrue(model.states().isZero());
        // the first batch's computation again, from the same zeros: bit for bit (STATE-8)
        assertArrayEquals(fromZeros, model.predictOnBatch(batch), 0.0);
    }

    /** How strong a state is, as a bucket: the larger it is, the more a wrongly carried state would show. */
    private static String largestCell(LstmState state) {
        double largest = 0;
        for (int row = 0; row < state.rows(); row++) {
            for (double c : state.c(row)) {
                largest = Math.max(largest, Math.abs(c));
            }
        }
        return largest < 0.1 ? "under 0.1" : largest < 0.5 ? "0.1..0.5" : "0.5 and over";
    }

    private LstmModel statefulModel() {
        LstmModel model = new Dl4jEngine().build(ModelConfig.stateful(SPEC, ROWS, 9));
        model.setWeights(Fixtures.weights(FEATURES, UNITS, 17));
        return model;
    }

    private static double[][][] steps(double[][][] batch, int from, int to) {
        double[][][] part = new double[batch.length][][];
        for (int row = 0; row < batch.length; row++) {
            part[row] = Arrays.copyOfRange(batch[row], from, to);
        }
        return part;
    }
}
