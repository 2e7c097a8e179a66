package io.github.statefullstm.bench;

import io.github.statefullstm.rnn.LstmModel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The post's task and its per-step stateful protocol, for any engine: 1,200 sequences of 20 steps, zeros except
 * step 0, where exactly half hold 1 (seeded shuffle); the target is step 0; the first 1,000 train, the last 200
 * validate. A small stand-in until the project's {@code sequence} package provides the task.
 */
public final class PerStepProtocol {

    public static final int TRAIN = 1000;
    public static final int VALIDATION = 200;
    public static final int STEPS = 20;

    private final double[] firstSteps;

    public PerStepProtocol(long seed) {
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < TRAIN + VALIDATION; i++) {
            values.add(i < (TRAIN + VALIDATION) / 2 ? 1.0 : 0.0);
        }
        Collections.shuffle(values, new Random(seed));
        firstSteps = values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /**
     * One epoch: the training sequences {@code rows} at a time side by side, one step per trainOnBatch, and a reset
     * after every 20 batches, when every row has finished its sequence. {@code rows} = 1 is the post's own run.
     */
    public void trainEpoch(LstmModel model, int rows) {
        for (int group = 0; group < TRAIN / rows; group++) {
            double[] targets = firstSteps(group * rows, rows);
            for (int step = 0; step < STEPS; step++) {
                model.trainOnBatch(stepOf(targets, step), targets);
            }
            model.resetStates();
        }
    }

    /** Fed step by step, reset between sequences, judged at the last step, as the post validates. */
    public double validationAccuracy(LstmModel model, int rows) {
        int correct = 0;
        for (int group = 0; group < VALIDATION / rows; group++) {
            double[] targets = firstSteps(TRAIN + group * rows, rows);
            model.resetStates();
            double[] probabilities = null;
            for (int step = 0; step < STEPS; step++) {
                probabilities = model.predictOnBatch(stepOf(targets, step));
            }
            for (int row = 0; row < rows; row++) {
                if ((probabilities[row] > 0.5 ? 1 : 0) == targets[row]) {
                    correct++;
                }
            }
        }
        model.resetStates();
        return (double) correct / VALIDATION;
    }

    private double[] firstSteps(int from, int rows) {
        double[] values = new double[rows];
        System.arraycopy(firstSteps, from, values, 0, rows);
        return values;
    }

    private static double[][][] stepOf(double[] firstOfEachRow, int step) {
        double[][][] batch = new double[firstOfEachRow.length][1][1];
        for (int row = 0; row < firstOfEachRow.length; row++) {
            batch[row][0][0] = step == 0 ? firstOfEachRow[row] : 0;
        }
        return batch;
    }
}
