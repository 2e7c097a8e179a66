package io.github.statefullstm.rnn.dl4j;

import io.github.statefullstm.rnn.LstmState;
import io.github.statefullstm.rnn.ModelConfig;

/**
 * Refuses a bad batch, target vector or state before anything reaches ND4J, whose own errors would come late,
 * name no parameter, or (for NaN) not come at all. Each message names the parameter, its value and the rule.
 */
final class BatchRules {

    private BatchRules() {
    }

    /** Checks a batch of inputs {@code [rows][steps][features]} and returns its number of steps. */
    static int checkInputs(double[][][] inputs, ModelConfig config) {
        require(inputs != null, "inputs", null, "must be given");
        require(inputs.length > 0, "inputs rows", inputs.length, "must be > 0");
        if (config.stateful()) {
            require(inputs.length == config.batchSize(), "inputs rows", inputs.length,
                    "a stateful model's batch size is fixed at " + config.batchSize());
        }
        int features = config.spec().features();
        require(inputs[0] != null && inputs[0].length > 0, "inputs[0] steps",
                inputs[0] == null ? null : inputs[0].length, "must be > 0");
        int steps = inputs[0].length;
        for (int row = 0; row < inputs.length; row++) {
            require(inputs[row] != null && inputs[row].length == steps, "inputs[" + row + "] steps",
                    inputs[row] == null ? null : inputs[row].length, "every row must have " + steps + " steps");
            for (int step = 0; step < steps; step++) {
                double[] x = inputs[row][step];
                require(x != null && x.length == features, "inputs[" + row + "][" + step + "] features",
                        x == null ? null : x.length, "must be " + features);
                for (int feature = 0; feature < features; feature++) {
                    require(Double.isFinite(x[feature]), "inputs[" + row + "][" + step + "][" + feature + "]",
                            x[feature], "must be finite");
                }
            }
        }
        return steps;
    }

    static void checkTargets(double[] targets, int rows) {
        require(targets != null, "targets", null, "must be given");
        require(targets.length == rows, "targets length", targets.length, "must equal the batch's rows, " + rows);
        for (int row = 0; row < rows; row++) {
            require(targets[row] == 0 || targets[row] == 1, "targets[" + row + "]", targets[row], "must be 0 or 1");
        }
    }

    static void checkState(LstmState state, ModelConfig config) {
        require(config.stateful(), "stateful", false, "resetStates(initial) needs a stateful model");
        require(state != null, "initial", null, "must be given");
        require(state.rows() == config.batchSize(), "initial rows", state.rows(),
                "must equal the batch size, " + config.batchSize());
        require(state.units() == config.spec().units(), "initial units", state.units(),
                "must equal the model's units, " + config.spec().units());
        for (int row = 0; row < state.rows(); row++) {
            for (double value : state.h(row)) {
                require(Double.isFinite(value), "initial h of row " + row, value, "must be finite");
            }
            for (double value : state.c(row)) {
                require(Double.isFinite(value), "initial c of row " + row, value, "must be finite");
            }
        }
    }

    private static void require(boolean holds, String parameter, Object value, String rule) {
        if (!holds) {
            throw new IllegalArgumentException(parameter + " = " + value + ": " + rule);
        }
    }
}
