package io.github.statefullstm.rnn;

/**
 * A batch's targets at the steps that have one, {@code [rows][steps]}: the per-step targets of a model that answers at
 * every step, with Keras' temporal sample weights of 0 and 1 ({@code counted}). The loss is the mean binary
 * cross-entropy over the counted steps, as Keras' weighted mean over the sample weights that are 1. A model's
 * one-output calls are the case of a target at the last step only ({@link #atLastStep}). Checked where a model takes
 * them ({@link CallChecks#stepTargets}).
 *
 * @param targets 0 or 1 where counted; anything finite where not
 * @param counted which steps of which rows have a target
 */
public record StepTargets(double[][] targets, boolean[][] counted) {

    /** The one-output targets: row i's target at the last of {@code steps} steps, no other step counted. */
    public static StepTargets atLastStep(double[] targets, int steps) {
        double[][] perStep = new double[targets.length][steps];
        boolean[][] counted = new boolean[targets.length][steps];
        for (int row = 0; row < targets.length; row++) {
            perStep[row][steps - 1] = targets[row];
            counted[row][steps - 1] = true;
        }
        return new StepTargets(perStep, counted);
    }

    /** How many steps of all rows have a target: the loss's denominator. */
    public int count() {
        int count = 0;
        for (boolean[] row : counted) {
            for (boolean step : row) {
                count += step ? 1 : 0;
            }
        }
        return count;
    }
}
