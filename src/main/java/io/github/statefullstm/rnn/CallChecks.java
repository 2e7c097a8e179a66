package io.github.statefullstm.rnn;

import io.github.statefullstm.refusal.Refusal;

/**
 * What every engine refuses, checked before it touches anything, so a refused call leaves state, weights and
 * optimizer as they were, and before any native library sees the data, whose own errors would come late, name no
 * parameter, or (for NaN) not come at all. Part of the {@link LstmModel} contract, so all engines word it alike.
 */
public final class CallChecks {

    private CallChecks() {
    }

    /** Checks a batch for a model built with {@code config}; returns its number of steps. */
    public static int inputs(double[][][] inputs, ModelConfig config) {
        return inputs(inputs, config.spec().features(), config.stateful() ? config.batchSize() : 0);
    }

    /**
     * A stateful model's carried state can be set; a stateless one always starts from zeros. Then checks the
     * state's shape and values as {@link #state(LstmState, int, int)}.
     */
    public static void initialState(LstmState initial, ModelConfig config) {
        if (!config.stateful()) {
            throw new IllegalStateException("resetStates(state) needs a stateful model: a stateless one always starts "
                    + "from zeros");
        }
        state(initial, config.batchSize(), config.spec());
    }

    /** A row of a stateful model's carried state: one of its batch's rows; a stateless model carries none. */
    public static void row(int row, ModelConfig config) {
        if (!config.stateful()) {
            throw new IllegalStateException("resetRow(row) needs a stateful model: a stateless one carries no state");
        }
        require(row >= 0 && row < config.batchSize(), "row", row,
                "must be in [0, " + config.batchSize() + "), a row of the model's batch");
    }

    /**
     * Checks a batch's shape and values; returns its number of steps.
     *
     * @param fixedRows the batch size a stateful model demands, or 0 when any number of rows is fine
     */
    public static int inputs(double[][][] inputs, int features, int fixedRows) {
        require(inputs != null, "inputs", null, "must be given");
        require(inputs.length > 0, "inputs rows", 0, "a batch needs at least one row");
        require(fixedRows == 0 || inputs.length == fixedRows, "batch size (rows)", inputs.length,
                "a stateful model's batch size is fixed at " + fixedRows);
        require(inputs[0] != null, "inputs[0]", null, "must be given");
        int steps = inputs[0].length;
        require(steps > 0, "inputs[0] steps", 0, "a row needs at least one step");
        // Every element is checked on every call, so each refusal's text is only made when it is needed.
        for (int row = 0; row < inputs.length; row++) {
            if (inputs[row] == null || inputs[row].length != steps) {
                refuse("inputs[" + row + "] steps", inputs[row] == null ? null : inputs[row].length,
                        "every row must have the steps of row 0 = " + steps);
            }
            for (int step = 0; step < steps; step++) {
                double[] x = inputs[row][step];
                if (x == null || x.length != features) {
                    refuse("inputs[" + row + "][" + step + "] features", x == null ? null : x.length,
                            "must be the model's features = " + features);
                }
                for (int feature = 0; feature < features; feature++) {
                    if (!Double.isFinite(x[feature])) {
                        refuse("inputs[" + row + "][" + step + "][" + feature + "] (row " + row + ", step " + step
                                + ", feature " + feature + ")", x[feature], "must be finite");
                    }
                }
            }
        }
        return steps;
    }

    public static void targets(double[] targets, int rows) {
        require(targets != null, "targets", null, "must be given");
        require(targets.length == rows, "targets length", targets.length, "must equal the batch's rows = " + rows);
        for (int row = 0; row < rows; row++) {
            if (targets[row] != 0 && targets[row] != 1) {
                refuse("targets[" + row + "]", targets[row], "must be 0 or 1");
            }
        }
    }

    /**
     * Targets at chosen steps of a batch of {@code rows} x {@code steps}: both arrays of that shape, each counted target
     * 0 or 1, and at least one step counted, since the loss is a mean over them.
     */
    public static void stepTargets(StepTargets targets, int rows, int steps) {
        require(targets != null && targets.targets() != null && targets.counted() != null, "step targets", null,
                "must be given, targets and counted steps");
        require(targets.targets().length == rows, "step targets rows", targets.targets().length,
                "must equal the batch's rows = " + rows);
        require(targets.counted().length == rows, "counted steps rows", targets.counted().length,
                "must equal the batch's rows = " + rows);
        int counted = 0;
        for (int row = 0; row < rows; row++) {
            double[] rowTargets = targets.targets()[row];
            boolean[] rowCounted = targets.counted()[row];
            if (rowTargets == null || rowTargets.length != steps) {
                refuse("step targets[" + row + "] steps", rowTargets == null ? null : rowTargets.length,
                        "must equal the batch's steps = " + steps);
            }
            if (rowCounted == null || rowCounted.length != steps) {
                refuse("counted steps[" + row + "] steps", rowCounted == null ? null : rowCounted.length,
                        "must equal the batch's steps = " + steps);
            }
            for (int step = 0; step < steps; step++) {
                if (rowCounted[step]) {
                    counted++;
                    if (rowTargets[step] != 0 && rowTargets[step] != 1) {
                        refuse("step targets[" + row + "][" + step + "]", rowTargets[step],
                                "must be 0 or 1 where the step is counted");
                    }
                }
            }
        }
        require(counted > 0, "counted steps", 0, "at least one step must have a target: the loss is a mean over them");
    }

    /**
     * A state a model of architecture {@code spec} can carry for {@code rows} rows: its layers, units and cell, and
     * finite values.
     */
    public static void state(LstmState state, int rows, LstmSpec spec) {
        require(state != null, "state", null, "must be given");
        require(state.rows() == rows, "state rows", state.rows(), "must equal the batch size = " + rows);
        require(state.layers() == spec.layers(), "state layers", state.layers(),
                "must equal the model's layers = " + spec.layers());
        require(state.units() == spec.units(), "state units", state.units(),
                "must equal the model's units = " + spec.units());
        require(state.hasCell() == spec.cell().carriesCell(), "state c", state.hasCell() ? "given" : "absent",
                spec.cell().carriesCell() ? "an LSTM's state has a cell c" : "a GRU's state is h alone, without c");
        for (int row = 0; row < rows; row++) {
            finite("state h", row, state.h(row), spec.units());
            finite("state c", row, state.c(row), spec.units());
        }
    }

    /** Each value of a row's state finite, named by its layer when there are several. */
    private static void finite(String what, int row, double[] values, int units) {
        for (int k = 0; k < values.length; k++) {
            if (!Double.isFinite(values[k])) {
                String layer = values.length == units ? "" : " of layer " + k / units;
                refuse(what + "[" + row + "][" + k % units + "]" + layer, values[k], "must be finite");
            }
        }
    }

    /** Weights a model of architecture {@code spec} can take: its cell, layers, features and units, finite values. */
    public static void weights(LstmWeights weights, LstmSpec spec) {
        require(weights != null, "weights", null, "must be given");
        require(weights.cell() == spec.cell(), "weights cell", weights.cell().id(),
                "must equal the model's cell = " + spec.cell().id());
        require(weights.layers() == spec.layers(), "weights layers", weights.layers(),
                "must equal the model's layers = " + spec.layers());
        require(weights.features() == spec.features(), "weights features", weights.features(),
                "must equal the model's features = " + spec.features());
        require(weights.units() == spec.units(), "weights units", weights.units(),
                "must equal the model's units = " + spec.units());
        double[] flat = weights.flatten();
        for (int k = 0; k < flat.length; k++) {
            if (!Double.isFinite(flat[k])) {
                refuse("weights flat[" + k + "]", flat[k], "must be finite");
            }
        }
    }

    private static void require(boolean holds, String parameter, Object value, String rule) {
        Refusal.require(holds, parameter, value, rule);
    }

    private static void refuse(String parameter, Object value, String rule) {
        throw new IllegalArgumentException(Refusal.describe(parameter, value, rule));
    }
}
