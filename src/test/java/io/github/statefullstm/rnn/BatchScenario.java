package io.github.statefullstm.rnn;

import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.statistics.Statistics;

/**
 * One generated situation for the statefulness properties: a model architecture and seed, a batch shape, and a
 * data seed from which any number of input batches, targets and states are drawn reproducibly. jqwik shrinks the
 * shape; the numbers inside a batch come from the data seed, so a failure replays exactly. What a property chooses
 * about a batch (a row to watch, an order of rows, a spot to spoil) is generated beside the scenario, not drawn from
 * its seed, so that a failure shrinks to and shows the choice.
 */
public record BatchScenario(LstmSpec spec, long weightSeed, int rows, int steps, long dataSeed) {

    /** Small shapes find the same bugs as big ones and keep failures readable. */
    private static final int MAX_ROWS = 4;
    private static final int MAX_FEATURES = 2;
    private static final int MAX_UNITS = 4;
    /**
     * Two layers have the one boundary every taller stack repeats: a layer whose input is the h of the layer below,
     * and whose errors go back down to it.
     */
    private static final int MAX_LAYERS = 2;

    /** Inputs on [-2, 2]: wide enough to push hard-sigmoid gates into their flat, clipped parts. */
    private static final double INPUT_LIMIT = 2.0;
    /** States on [-1, 1] for h (it is o * tanh(c)) and twice that for c, which is unbounded but rarely large. */
    private static final double H_LIMIT = 1.0;
    private static final double C_LIMIT = 2.0;
    /** Separates the random streams of inputs, targets and states drawn for the same index. */
    private static final long INPUTS = 1, TARGETS = 2, STATES = 3;

    /**
     * Scenarios of small random shapes, gates, cells, depths and seeds, with {@code minRows} to {@value #MAX_ROWS} rows
     * and 1 to {@code maxSteps} steps: the statefulness and refusal suites and the engine-to-engine checks all draw
     * from these, so every claim they make holds for a GRU and for a stack as for the post's one LSTM layer.
     */
    public static Arbitrary<BatchScenario> any(int minRows, int maxSteps) {
        return scenarios(Arbitraries.of(Cell.class), Arbitraries.integers().between(1, MAX_LAYERS), minRows, maxSteps);
    }

    /**
     * The same, of one LSTM layer only: for what only that shape has, such as DL4J's own LSTM layer, which the DL4J
     * engine is checked against.
     */
    public static Arbitrary<BatchScenario> oneLstmLayer(int minRows, int maxSteps) {
        return scenarios(Arbitraries.just(Cell.LSTM), Arbitraries.just(1), minRows, maxSteps);
    }

    private static Arbitrary<BatchScenario> scenarios(Arbitrary<Cell> cells, Arbitrary<Integer> layers, int minRows,
                                                      int maxSteps) {
        Arbitrary<LstmSpec> specs = Combinators.combine(
                Arbitraries.integers().between(1, MAX_FEATURES),
                Arbitraries.integers().between(1, MAX_UNITS),
                Arbitraries.of(GateActivation.class), cells, layers).as(LstmSpec::new);
        return Combinators.combine(specs, Arbitraries.longs(), Arbitraries.integers().between(minRows, MAX_ROWS),
                Arbitraries.integers().between(1, maxSteps), Arbitraries.longs()).as(BatchScenario::new);
    }

    /** Tells jqwik's statistics the shape this try ran: rows, steps, units and gates. */
    public void collectShape() {
        Statistics.label("rows").collect(rows);
        Statistics.label("steps").collect(steps);
        Statistics.label("units").collect(spec.units());
        Statistics.label("gates").collect(spec.gateActivation());
        Statistics.label("cell").collect(spec.cell());
        Statistics.label("layers").collect(spec.layers());
    }

    public ModelConfig statefulConfig() {
        return ModelConfig.stateful(spec, rows, weightSeed);
    }

    public ModelConfig statelessConfig() {
        return ModelConfig.stateless(spec, weightSeed);
    }

    public ModelConfig config(boolean stateful) {
        return stateful ? statefulConfig() : statelessConfig();
    }

    /** Batch number {@code index} of this scenario's stream: {@code rows x steps x features}. */
    public double[][][] inputs(int index) {
        return inputs(index, rows, steps);
    }

    public double[][][] inputs(int index, int rowCount, int stepCount) {
        SplittableRandom random = random(INPUTS, index);
        double[][][] batch = new double[rowCount][stepCount][spec.features()];
        for (double[][] row : batch) {
            for (double[] step : row) {
                for (int f = 0; f < step.length; f++) {
                    step[f] = random.nextDouble(-INPUT_LIMIT, INPUT_LIMIT);
                }
            }
        }
        return batch;
    }

    public double[] targets(int index) {
        SplittableRandom random = random(TARGETS, index);
        double[] targets = new double[rows];
        for (int row = 0; row < rows; row++) {
            targets[row] = random.nextBoolean() ? 1 : 0;
        }
        return targets;
    }

    /** A random nonzero state for every row and layer, as a stateful model may carry in the middle of a stream. */
    public LstmState state(int index) {
        SplittableRandom random = random(STATES, index);
        int width = spec.layers() * spec.units();
        double[][] h = new double[rows][width];
        double[][] c = new double[rows][spec.cell().carriesCell() ? width : 0];
        for (int row = 0; row < rows; row++) {
            for (int j = 0; j < width; j++) {
                h[row][j] = random.nextDouble(-H_LIMIT, H_LIMIT);
                if (c[row].length > 0) {
                    c[row][j] = random.nextDouble(-C_LIMIT, C_LIMIT);
                }
            }
        }
        return LstmState.ofRows(spec.layers(), h, c);
    }

    private SplittableRandom random(long stream, int index) {
        return new SplittableRandom(dataSeed * 1_000_003L + stream * 7919L + index);
    }

    @Override
    public String toString() {
        return "BatchScenario{features=" + spec.features() + ", units=" + spec.units() + ", gates="
                + spec.gateActivation() + ", cell=" + spec.cell().id() + ", layers=" + spec.layers() + ", rows=" + rows
                + ", steps=" + steps + ", weightSeed=" + weightSeed + ", dataSeed=" + dataSeed + "}";
    }
}
