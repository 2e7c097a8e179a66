package io.github.statefullstm.rnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.statefullstm.spec.Claim;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * What every engine refuses, one parameter at a time: each check of {@link CallChecks}, {@link LstmState} and
 * {@link LstmWeights} must fire on its own fault and name it, so that removing any one of them shows.
 */
@Label("STATE-7: every argument check fires on its own fault and names it")
class CallCheckProperties {

    @Provide
    Arbitrary<BatchScenario> multiRowScenarios() {
        return BatchScenario.any(2, 4);
    }

    @Property
    @Claim("STATE-7")
    @Label("a batch is refused for no rows, a missing row, zero steps, ragged steps, wrong features or a non-finite "
            + "value; a good one gives its steps")
    void aBadBatchIsRefusedByWhatIsWrongWithIt(@ForAll("multiRowScenarios") BatchScenario s) {
        int features = s.spec().features();
        int rows = s.rows();
        int last = rows - 1;
        Statistics.label("rows").collect(rows);
        assertEquals(s.steps(), CallChecks.inputs(s.inputs(0), features, rows), "steps of a good stateful batch");
        assertEquals(s.steps(), CallChecks.inputs(s.inputs(0), features, 0), "steps of a good stateless batch");
        assertEquals(s.steps(), CallChecks.inputs(s.inputs(0), s.statefulConfig()), "steps, stateful config");
        assertEquals(s.steps(), CallChecks.inputs(s.inputs(0, rows + 1, s.steps()), s.statelessConfig()),
                "a stateless config takes any number of rows");
        refused(() -> CallChecks.inputs(null, features, 0), "inputs = null");
        refused(() -> CallChecks.inputs(new double[0][][], features, 0), "inputs rows = 0", "at least one row");
        refused(() -> CallChecks.inputs(s.inputs(0, rows + 1, s.steps()), s.statefulConfig()),
                "batch size (rows) = " + (rows + 1), "fixed at " + rows);
        double[][][] firstMissing = s.inputs(0);
        firstMissing[0] = null;
        refused(() -> CallChecks.inputs(firstMissing, features, 0), "inputs[0] = null");
        refused(() -> CallChecks.inputs(new double[rows][0][features], features, 0), "inputs[0] steps = 0",
                "at least one step");
        double[][][] lastMissing = s.inputs(0);
        lastMissing[last] = null;
        refused(() -> CallChecks.inputs(lastMissing, features, 0), "inputs[" + last + "] steps = null");
        double[][][] ragged = s.inputs(0);
        ragged[last] = s.inputs(1, 1, s.steps() + 1)[0];
        refused(() -> CallChecks.inputs(ragged, features, 0),
                "inputs[" + last + "] steps = " + (s.steps() + 1), "steps of row 0 = " + s.steps());
        double[][][] stepMissing = s.inputs(0);
        stepMissing[last][s.steps() - 1] = null;
        refused(() -> CallChecks.inputs(stepMissing, features, 0),
                "inputs[" + last + "][" + (s.steps() - 1) + "] features = null");
        refused(() -> CallChecks.inputs(s.inputs(0), features + 1, 0),
                "inputs[0][0] features = " + features, "features = " + (features + 1));
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY}) {
            double[][][] poisoned = s.inputs(0);
            poisoned[last][s.steps() - 1][features - 1] = bad;
            refused(() -> CallChecks.inputs(poisoned, features, 0), "row " + last + ", step " + (s.steps() - 1)
                    + ", feature " + (features - 1), "= " + bad, "must be finite");
        }
    }

    @Property
    @Claim("STATE-7")
    @Label("targets are refused when missing, of another count, or not 0 or 1")
    void badTargetsAreRefused(@ForAll("multiRowScenarios") BatchScenario s) {
        int rows = s.rows();
        CallChecks.targets(s.targets(0), rows);
        refused(() -> CallChecks.targets(null, rows), "targets = null");
        refused(() -> CallChecks.targets(new double[rows + 1], rows), "targets length = " + (rows + 1),
                "batch's rows = " + rows);
        double[] half = s.targets(0);
        half[rows - 1] = 0.5;
        refused(() -> CallChecks.targets(half, rows), "targets[" + (rows - 1) + "] = 0.5", "0 or 1");
    }

    @Property
    @Claim("OUT-3")
    @Label("targets at chosen steps are refused when missing, of another shape, not 0 or 1 where counted, or none")
    void badStepTargetsAreRefused(@ForAll("multiRowScenarios") BatchScenario s) {
        int rows = s.rows();
        int steps = s.steps();
        StepTargets good = StepTargets.atLastStep(s.targets(0), steps);
        CallChecks.stepTargets(good, rows, steps);
        refused(() -> CallChecks.stepTargets(null, rows, steps), "step targets = null");
        refused(() -> CallChecks.stepTargets(new StepTargets(new double[rows + 1][steps], good.counted()), rows,
                steps), "step targets rows = " + (rows + 1), "batch's rows = " + rows);
        refused(() -> CallChecks.stepTargets(new StepTargets(good.targets(), new boolean[rows + 1][steps]), rows,
                steps), "counted steps rows = " + (rows + 1), "batch's rows = " + rows);
        refused(() -> CallChecks.stepTargets(new StepTargets(new double[rows][steps + 1], good.counted()), rows,
                steps), "step targets[0] steps = " + (steps + 1), "batch's steps = " + steps);
        refused(() -> CallChecks.stepTargets(new StepTargets(good.targets(), new boolean[rows][steps + 1]), rows,
                steps), "counted steps[0] steps = " + (steps + 1), "batch's steps = " + steps);
        double[][] half = good.targets();
        half[rows - 1][steps - 1] = 0.5;
        refused(() -> CallChecks.stepTargets(new StepTargets(half, good.counted()), rows, steps),
                "step targets[" + (rows - 1) + "][" + (steps - 1) + "] = 0.5", "0 or 1 where the step is counted");
        half[rows - 1][steps - 1] = 1;
        CallChecks.stepTargets(new StepTargets(half, good.counted()), rows, steps);
        double[][] uncounted = new double[rows][steps];
        uncounted[0][0] = 0.5;
        refused(() -> CallChecks.stepTargets(new StepTargets(uncounted, new boolean[rows][steps]), rows, steps),
                "counted steps = 0", "at least one step must have a target");
    }

    @Property
    @Claim({"STATE-7", "SHAPE-1"})
    @Label("a state is refused when missing, of another shape, depth or cell, or non-finite in h or in c, naming the "
            + "entry, and a row to reset outside the batch, naming it; a stateless model takes neither")
    void aBadStateIsRefused(@ForAll("multiRowScenarios") BatchScenario s) {
        int rows = s.rows();
        LstmSpec spec = s.spec();
        int units = spec.units();
        int last = rows - 1;
        CallChecks.state(s.state(0), rows, spec);
        CallChecks.initialState(s.state(0), s.statefulConfig());
        refused(() -> CallChecks.state(null, rows, spec), "state = null");
        refused(() -> CallChecks.state(s.state(0), rows + 1, spec), "state rows = " + rows,
                "batch size = " + (rows + 1));
        refused(() -> CallChecks.state(s.state(0), rows, spec.withUnits(units + 1)), "state units = " + units, "units = " + (units + 1));
        refused(() -> CallChecks.state(s.state(0), rows, spec.withLayers(spec.layers() + 1)),
                "state layers = " + spec.layers(), "layers = " + (spec.layers() + 1));
        Cell other = spec.cell() == Cell.LSTM ? Cell.GRU : Cell.LSTM;
        refused(() -> CallChecks.state(s.state(0), rows, spec.withCell(other)), "state c = ",
                other.carriesCell() ? "has a cell c" : "h alone");
        refused(() -> CallChecks.initialState(LstmState.zeros(spec, rows + 1), s.statefulConfig()),
                "state rows = " + (rows + 1));
        for (boolean inH : new boolean[] {true, false}) {
            if (!inH && !spec.cell().carriesCell()) {
                continue;
            }
            double[][] h = s.state(0).h();
            double[][] c = s.state(0).c();
            int top = spec.layers() - 1;
            (inH ? h : c)[last][top * units + units - 1] = Double.NaN;
            String layer = spec.layers() == 1 ? "" : " of layer " + top;
            String entry = "state " + (inH ? "h" : "c") + "[" + last + "][" + (units - 1) + "]" + layer + " = NaN";
            refused(() -> CallChecks.state(LstmState.ofRows(spec.layers(), h, c), rows, spec), entry,
                    "must be finite");
        }
        IllegalStateException stateless = assertThrows(IllegalStateException.class,
                () -> CallChecks.initialState(s.state(0), s.statelessConfig()));
        assertTrue(stateless.getMessage().contains("needs a stateful model"), stateless::getMessage);
        CallChecks.row(last, s.statefulConfig());
        refused(() -> CallChecks.row(rows, s.statefulConfig()), "row = " + rows, "[0, " + rows + ")");
        refused(() -> CallChecks.row(-1, s.statefulConfig()), "row = -1", "[0, " + rows + ")");
        IllegalStateException noRows = assertThrows(IllegalStateException.class,
                () -> CallChecks.row(0, s.statelessConfig()));
        assertTrue(noRows.getMessage().contains("needs a stateful model"), noRows::getMessage);
    }

    @Property
    @Claim({"STATE-7", "SHAPE-1"})
    @Label("weights are refused when missing, of another cell, depth, features or units, or non-finite, naming the entry")
    void badWeightsAreRefused(@ForAll("multiRowScenarios") BatchScenario s) {
        LstmSpec spec = s.spec();
        int features = spec.features();
        int units = spec.units();
        LstmWeights good = LstmWeights.zeros(spec);
        CallChecks.weights(good, spec);
        refused(() -> CallChecks.weights(null, spec), "weights = null");
        refused(() -> CallChecks.weights(good, new LstmSpec(features + 1, units, spec.gateActivation(), spec.cell(),
                spec.layers())), "weights features = " + features, "features = " + (features + 1));
        refused(() -> CallChecks.weights(good, spec.withUnits(units + 1)), "weights units = " + units, "units = " + (units + 1));
        refused(() -> CallChecks.weights(good, spec.withLayers(spec.layers() + 1)),
                "weights layers = " + spec.layers(), "layers = " + (spec.layers() + 1));
        Cell other = spec.cell() == Cell.LSTM ? Cell.GRU : Cell.LSTM;
        refused(() -> CallChecks.weights(good, spec.withCell(other)), "weights cell = " + spec.cell().id(),
                "cell = " + other.id());
        double[] flat = good.flatten();
        int k = Math.floorMod(s.dataSeed(), flat.length);
        flat[k] = Double.NEGATIVE_INFINITY;
        refused(() -> CallChecks.weights(LstmWeights.unflatten(spec, flat), spec),
                "weights flat[" + k + "] = -Infinity", "must be finite");
    }

    @Property
    @Claim("STATE-7")
    @Label("a state whose h and c are missing or differ in shape cannot be built")
    void aStateOfMismatchedHAndCCannotBeBuilt(@ForAll("multiRowScenarios") BatchScenario s) {
        double[][] h = s.state(0).h();
        double[][] c = s.state(0).c();
        int rows = s.rows();
        int width = h[0].length;
        refused(() -> new LstmState(null, c), "h and c must be given");
        refused(() -> new LstmState(h, null), "h and c must be given");
        refused(() -> new LstmState(h, java.util.Arrays.copyOf(c, rows - 1)),
                "state rows = " + rows + " and " + (rows - 1), "same number of rows");
        double[][] wideC = c.clone();
        wideC[rows - 1] = new double[width + 1];
        refused(() -> LstmState.ofRows(s.spec().layers(), h, wideC),
                "state row " + (rows - 1) + " = " + width + " and " + (width + 1), "same width");
        double[][] narrowRows = {new double[width], new double[width + 1]};
        refused(() -> new LstmState(narrowRows, narrowRows), "state row 1 = " + (width + 1) + " and " + (width + 1));
    }

    @Property
    @Claim("STATE-7")
    @Label("weights of the wrong shape cannot be built: each array's length is checked against the units")
    void weightsOfTheWrongShapeCannotBeBuilt(@ForAll("multiRowScenarios") BatchScenario s) {
        int f = s.spec().features();
        int u = s.spec().units();
        LstmWeights good = LstmWeights.zeros(f, u);
        double[][] kernel = good.kernel();
        double[][] recurrent = good.recurrentKernel();
        double[] bias = good.bias();
        double[] dense = good.denseKernel();
        String gates = "4 * units = " + 4 * u;
        assertEquals(good, new LstmWeights(kernel, recurrent, bias, dense, 0), "a good shape is accepted");
        refused(() -> new LstmWeights(null, recurrent, bias, dense, 0), "every array must be given");
        refused(() -> new LstmWeights(kernel, recurrent, bias, null, 0), "every array must be given");
        refused(() -> new LstmWeights(kernel, recurrent, bias, new double[0], 0), "denseKernel length = 0", "> 0");
        refused(() -> new LstmWeights(new double[0][], recurrent, bias, dense, 0), "kernel rows (features) = 0");
        double[][] shortKernel = kernel.clone();
        shortKernel[f - 1] = new double[4 * u - 1];
        refused(() -> new LstmWeights(shortKernel, recurrent, bias, dense, 0),
                "kernel[" + (f - 1) + "] length = " + (4 * u - 1), gates);
        refused(() -> new LstmWeights(kernel, java.util.Arrays.copyOf(recurrent, u + 1), bias, dense, 0),
                "recurrentKernel rows = " + (u + 1), "units = " + u);
        double[][] shortRecurrent = recurrent.clone();
        shortRecurrent[u - 1] = new double[4 * u + 1];
        refused(() -> new LstmWeights(kernel, shortRecurrent, bias, dense, 0),
                "recurrentKernel[" + (u - 1) + "] length = " + (4 * u + 1), gates);
        refused(() -> new LstmWeights(kernel, recurrent, new double[4 * u + 1], dense, 0),
                "bias length = " + (4 * u + 1), gates);
        refused(() -> LstmWeights.unflatten(f, u, new double[good.parameterCount() + 1]),
                "flat length = " + (good.parameterCount() + 1), "= " + good.parameterCount());
    }

    private static void refused(Runnable call, String... words) {
        IllegalArgumentException refusal = assertThrows(IllegalArgumentException.class, call::run);
        for (String word : List.of(words)) {
            assertTrue(refusal.getMessage().contains(word),
                    () -> "message \"" + refusal.getMessage() + "\" should mention \"" + word + "\"");
        }
    }
}
