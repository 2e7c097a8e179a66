package io.github.statefullstm.rnn;

import java.util.List;
import java.util.SplittableRandom;

/**
 * A call with one thing wrong with it: which fault, made through which batch call, on which scenario's model.
 * Knows how to make the call and which words its refusal must contain.
 */
record BadCall(BatchScenario scenario, Fault fault, Call call) {

    /** What is wrong with the call. */
    enum Fault {
        WRONG_BATCH_SIZE, WRONG_FEATURES, RAGGED_STEPS, ZERO_STEPS, NAN_INPUT, INFINITE_INPUT,
        TARGET_NOT_BINARY, WRONG_TARGET_COUNT, STATE_WRONG_ROWS, STATE_WRONG_UNITS, WEIGHTS_WRONG_SHAPE
    }

    /** Which batch call carries an input or target fault; state and weight faults have their own call. */
    enum Call { PREDICT, TRAIN, TEST, GRADIENT }

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
            case NAN_INPUT, INFINITE_INPUT -> {
                int[] at = badSpot();
                inputs[at[0]][at[1]][at[2]] = fault == Fault.NAN_INPUT ? Double.NaN : Double.NEGATIVE_INFINITY;
            }
            case TARGET_NOT_BINARY -> targets[s.someRow(1)] = 0.5;
            case WRONG_TARGET_COUNT -> targets = new double[s.rows() + 1];
            case STATE_WRONG_ROWS -> {
                model.resetStates(LstmState.zeros(s.rows() + 1, units));
                return;
            }
            case STATE_WRONG_UNITS -> {
                model.resetStates(LstmState.zeros(s.rows(), units + 1));
                return;
            }
            case WEIGHTS_WRONG_SHAPE -> {
                model.setWeights(LstmWeights.zeros(s.spec().features(), units + 1));
                return;
            }
        }
        boolean targetFault = fault == Fault.TARGET_NOT_BINARY || fault == Fault.WRONG_TARGET_COUNT;
        switch (targetFault && call == Call.PREDICT ? Call.TRAIN : call) {
            case PREDICT -> model.predictOnBatch(inputs);
            case TRAIN -> model.trainOnBatch(inputs, targets);
            case TEST -> model.testOnBatch(inputs, targets);
            case GRADIENT -> model.gradientOnBatch(inputs, targets);
        }
    }

    /** What the refusal's message must mention to name the problem; for a bad input value, where it is. */
    List<String> wordsTheRefusalMustName() {
        return switch (fault) {
            case WRONG_BATCH_SIZE -> List.of("batch size");
            case WRONG_FEATURES -> List.of("features");
            case RAGGED_STEPS, ZERO_STEPS -> List.of("steps");
            case NAN_INPUT, INFINITE_INPUT -> {
                int[] at = badSpot();
                yield List.of("row " + at[0], "step " + at[1], "feature " + at[2]);
            }
            case TARGET_NOT_BINARY, WRONG_TARGET_COUNT -> List.of("targets");
            case STATE_WRONG_ROWS -> List.of("rows");
            case STATE_WRONG_UNITS -> List.of("units");
            case WEIGHTS_WRONG_SHAPE -> List.of("weights");
        };
    }

    /** Row, step and feature of the poisoned input. */
    private int[] badSpot() {
        SplittableRandom random = scenario.random(5, 0);
        return new int[] {random.nextInt(scenario.rows()), random.nextInt(scenario.steps()),
                random.nextInt(scenario.spec().features())};
    }
}
