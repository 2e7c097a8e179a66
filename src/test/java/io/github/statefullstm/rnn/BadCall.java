package io.github.statefullstm.rnn;

import java.util.List;

/**
 * A call with one thing wrong with it: which fault, made through which batch call, on which scenario's model, and
 * where in the batch a bad value sits. Knows how to make the call and which words its refusal must contain.
 */
record BadCall(BatchScenario scenario, Fault fault, Call call, Spot at) {

    /** What is wrong with the call. */
    enum Fault {
        WRONG_BATCH_SIZE, WRONG_FEATURES, RAGGED_STEPS, ZERO_STEPS, NAN_INPUT, INFINITE_INPUT,
        TARGET_NOT_BINARY, WRONG_TARGET_COUNT, STATE_WRONG_ROWS, STATE_WRONG_UNITS, WEIGHTS_WRONG_SHAPE,
        ROW_OUT_OF_RANGE
    }

    /** Which batch call carries an input or target fault; state and weight faults have their own call. */
    enum Call { PREDICT, TRAIN, TEST, GRADIENT }

    /** A place in the batch: the poisoned input of a NaN or infinite input, and the row of a target not 0 or 1. */
    record Spot(int row, int step, int feature) {
        @Override
        public String toString() {
            return "row " + row + ", step " + step + ", feature " + feature;
        }
    }

    /** Makes the call on {@code model}, with batch 1 of the scenario spoiled by the fault. */
    void applyTo(LstmModel model) {
        BatchScenario s = scenario;
        double[][][] inputs = s.inputs(1);
        double[] targets = s.targets(1);
        int units = s.spec().units();
        switch (fault) {
            case WRONG_BATCH_SIZE -> inputs = s.inputs(1, s.rows() + 1, s.steps());
            case WRONG_FEATURES -> inputs = new BatchScenario(
                    new LstmSpec(s.spec().features() + 1, units, s.spec().gateActivation()),
                    s.weightSeed(), s.rows(), s.steps(), s.dataSeed()).inputs(1);
            case RAGGED_STEPS -> inputs[s.rows() - 1] = s.inputs(2, 1, s.steps() + 1)[0];
            case ZERO_STEPS -> inputs = new double[s.rows()][0][s.spec().features()];
            case NAN_INPUT, INFINITE_INPUT -> inputs[at.row()][at.step()][at.feature()] =
                    fault == Fault.NAN_INPUT ? Double.NaN : Double.NEGATIVE_INFINITY;
            case TARGET_NOT_BINARY -> targets[at.row()] = 0.5;
            case WRONG_TARGET_COUNT -> targets = new double[s.rows() + 1];
            case STATE_WRONG_ROWS -> {
                model.resetStates(LstmState.zeros(s.spec(), s.rows() + 1));
                return;
            }
            case STATE_WRONG_UNITS -> {
                model.resetStates(LstmState.zeros(s.spec().withUnits(units + 1), s.rows()));
                return;
            }
            case WEIGHTS_WRONG_SHAPE -> {
                model.setWeights(LstmWeights.zeros(s.spec().withUnits(units + 1)));
                return;
            }
            case ROW_OUT_OF_RANGE -> {
                model.resetRow(rowOutOfRange());
                return;
            }
        }
        switch (batchCall()) {
            case PREDICT -> model.predictOnBatch(inputs);
            case TRAIN -> model.trainOnBatch(inputs, targets);
            case TEST -> model.testOnBatch(inputs, targets);
            case GRADIENT -> model.gradientOnBatch(inputs, targets);
        }
    }

    /** The model method the fault reaches it through. */
    String callMade() {
        return switch (fault) {
            case STATE_WRONG_ROWS, STATE_WRONG_UNITS -> "resetStates";
            case WEIGHTS_WRONG_SHAPE -> "setWeights";
            case ROW_OUT_OF_RANGE -> "resetRow";
            default -> switch (batchCall()) {
                case PREDICT -> "predictOnBatch";
                case TRAIN -> "trainOnBatch";
                case TEST -> "testOnBatch";
                case GRADIENT -> "gradientOnBatch";
            };
        };
    }

    /** predictOnBatch takes no targets, so a target fault drawn for it goes through trainOnBatch instead. */
    private Call batchCall() {
        boolean targetFault = fault == Fault.TARGET_NOT_BINARY || fault == Fault.WRONG_TARGET_COUNT;
        return targetFault && call == Call.PREDICT ? Call.TRAIN : call;
    }

    /** What the refusal's message must mention to name the problem; for a bad input value, where it is. */
    List<String> wordsTheRefusalMustName() {
        return switch (fault) {
            case WRONG_BATCH_SIZE -> List.of("batch size");
            case WRONG_FEATURES -> List.of("features");
            case RAGGED_STEPS, ZERO_STEPS -> List.of("steps");
            case NAN_INPUT, INFINITE_INPUT -> List.of("row " + at.row(), "step " + at.step(),
                    "feature " + at.feature());
            case TARGET_NOT_BINARY, WRONG_TARGET_COUNT -> List.of("targets");
            case STATE_WRONG_ROWS -> List.of("rows");
            case STATE_WRONG_UNITS -> List.of("units");
            case WEIGHTS_WRONG_SHAPE -> List.of("weights");
            case ROW_OUT_OF_RANGE -> List.of("row = " + rowOutOfRange(), "[0, " + scenario.rows() + ")");
        };
    }

    /** Below the batch's rows or past them, as the spot's row says: -1 for row 0, the batch size for the others. */
    private int rowOutOfRange() {
        return at.row() == 0 ? -1 : scenario.rows();
    }

    @Override
    public String toString() {
        boolean placed = fault == Fault.NAN_INPUT || fault == Fault.INFINITE_INPUT || fault == Fault.TARGET_NOT_BINARY;
        return fault + (placed ? " at " + at : "") + " via " + callMade() + " on " + scenario;
    }
}
