package io.github.statefullstm.training;

import io.github.statefullstm.rnn.BatchResult;
import io.github.statefullstm.rnn.LstmModel;
import io.github.statefullstm.rnn.StepTargets;
import io.github.statefullstm.sequence.BatchPlan;
import io.github.statefullstm.sequence.Sample;
import java.util.List;

/**
 * One batch of a plan as a model takes it: its rows' steps, one feature each, and their targets at the steps they
 * answer ({@link Sample#answered}), with the one call that trains or tests on them.
 */
final class AnsweredBatch {

    /** What a batch that no row answers scores: nothing, weighed by its zero answers. */
    private static final BatchResult NOTHING_TO_SCORE = new BatchResult(0, 0);

    private final Sample[] rows;
    private final double[][][] inputs;
    private final int answers;

    private AnsweredBatch(Sample[] rows) {
        this.rows = rows;
        this.inputs = new double[rows.length][][];
        int count = 0;
        for (int row = 0; row < rows.length; row++) {
            inputs[row] = asSteps(rows[row]);
            count += rows[row].answers();
        }
        this.answers = count;
    }

    /** The batch's rows, each the sample the plan puts there. */
    static AnsweredBatch of(List<Sample> samples, BatchPlan.Batch batch) {
        Sample[] rows = new Sample[batch.size()];
        for (int row = 0; row < rows.length; row++) {
            rows[row] = samples.get(batch.row(row));
        }
        return new AnsweredBatch(rows);
    }

    /** How many answers its rows give: the weight of its loss and accuracy among a plan's. */
    int answers() {
        return answers;
    }

    /** One update from the answers; its loss and accuracy over them, of the forward pass. */
    BatchResult trainOn(LstmModel model) {
        return call(model, true);
    }

    /** Loss and accuracy over the answers, no update. */
    BatchResult testOn(LstmModel model) {
        return call(model, false);
    }

    /**
     * Rows answered once, at their last step, as the post's model answers, take the one-output calls. A batch with a
     * row answered at chosen steps is a many-to-many model's (Keras' {@code return_sequences} under temporal sample
     * weights): it takes its targets at those steps, even where they are the last steps alone, which give the
     * one-output figures to the bit (OUT-3). A batch no row answers has no loss to learn from: it is only read forward,
     * which moves a stateful model's state on as the other calls do.
     */
    private BatchResult call(LstmModel model, boolean training) {
        if (answeredOnceEach()) {
            double[] targets = new double[rows.length];
            for (int row = 0; row < rows.length; row++) {
                targets[row] = rows[row].target();
            }
            return training ? model.trainOnBatch(inputs, targets) : model.testOnBatch(inputs, targets);
        }
        if (answers == 0) {
            model.predictOnBatch(inputs);
            return NOTHING_TO_SCORE;
        }
        StepTargets targets = stepTargets();
        return training ? model.trainOnBatch(inputs, targets) : model.testOnBatch(inputs, targets);
    }

    /** Whether every row answers once, at its last step, as the post's model does. */
    private boolean answeredOnceEach() {
        for (Sample row : rows) {
            if (row.answersAtChosenSteps()) {
                return false;
            }
        }
        return true;
    }

    /** Each row's target at each step it answers; the steps it does not answer count for nothing. */
    private StepTargets stepTargets() {
        double[][] targets = new double[rows.length][];
        boolean[][] counted = new boolean[rows.length][];
        for (int row = 0; row < rows.length; row++) {
            targets[row] = new double[rows[row].length()];
            counted[row] = new boolean[rows[row].length()];
            for (int t = 0; t < rows[row].length(); t++) {
                counted[row][t] = rows[row].answered(t);
                targets[row][t] = counted[row][t] ? rows[row].target() : 0;
            }
        }
        return new StepTargets(targets, counted);
    }

    /** One feature per step, as the post's {@code X.reshape(X.shape + (1,))}. */
    private static double[][] asSteps(Sample sample) {
        double[][] steps = new double[sample.length()][1];
        for (int t = 0; t < sample.length(); t++) {
            steps[t][0] = sample.step(t);
        }
        return steps;
    }
}
