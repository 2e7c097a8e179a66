package io.github.statefullstm.rnn.dl4j;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The network's input, label and label-mask arrays, allocated once per batch shape and refilled in place: in the
 * post's per-step protocol every call has the same shape, and a fresh native array per call is a measurable share
 * of an update.
 *
 * <p>Shapes are DL4J's recurrent layout (NCW): features {@code [rows][features][steps]}, labels
 * {@code [rows][1][steps]}, label mask {@code [rows][steps]} with a 1 only at the last step, so that the loss and its
 * gradient come from the last step alone (Keras' {@code return_sequences=False}).
 */
final class BatchArrays {

    private final DataType dataType;
    private final int features;
    private int rows = -1;
    private int steps = -1;
    private INDArray inputs;
    private INDArray labels;
    private INDArray lastStepMask;
    private INDArray lastStepError;

    BatchArrays(DataType dataType, int features) {
        this.dataType = dataType;
        this.features = features;
    }

    /** Fills the input array with an already validated batch and returns it. */
    INDArray inputs(double[][][] batch) {
        shape(batch.length, batch[0].length);
        long at = 0;
        for (int row = 0; row < rows; row++) {
            for (int feature = 0; feature < features; feature++) {
                for (int step = 0; step < steps; step++) {
                    inputs.putScalar(at++, batch[row][step][feature]);
                }
            }
        }
        return inputs;
    }

    /** Labels for the shape of the last {@link #inputs} call: the target at the last step, zero elsewhere. */
    INDArray labels(double[] targets) {
        for (int row = 0; row < rows; row++) {
            labels.putScalar((long) row * steps + steps - 1, targets[row]);
        }
        return labels;
    }

    /**
     * The error arriving at the LSTM's output, {@code [rows][units][steps]}, for the shape of the last {@link #inputs}
     * call: zero at every step but the last, which the caller fills.
     */
    INDArray lastStepError(int units) {
        if (lastStepError == null || lastStepError.size(1) != units || lastStepError.size(0) != rows
                || lastStepError.size(2) != steps) {
            lastStepError = Nd4j.create(dataType, rows, units, steps);
        }
        return lastStepError;
    }

    /** The mask that keeps only the last step's loss, or null when a batch has one step and needs none. */
    INDArray lastStepMask() {
        return lastStepMask;
    }

    private void shape(int newRows, int newSteps) {
        if (newRows == rows && newSteps == steps) {
            return;
        }
        rows = newRows;
        steps = newSteps;
        inputs = Nd4j.create(dataType, rows, features, steps);
        labels = Nd4j.create(dataType, rows, 1, steps);
        if (steps == 1) {
            lastStepMask = null;
        } else {
            lastStepMask = Nd4j.create(dataType, rows, steps);
            for (int row = 0; row < rows; row++) {
                lastStepMask.putScalar(row, steps - 1, 1.0);
            }
        }
    }
}
