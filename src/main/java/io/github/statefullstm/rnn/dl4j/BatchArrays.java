package io.github.statefullstm.rnn.dl4j;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The LSTM's input and output-error arrays, allocated once per batch shape and refilled in place: in the post's
 * per-step protocol every call has the same shape, and a fresh native array per call is a measurable share of an
 * update.
 *
 * <p>Shapes are DL4J's recurrent layout (NCW): inputs {@code [rows][features][steps]}, error
 * {@code [rows][units][steps]}, non-zero at the last step only, so the loss comes from the last step alone (Keras'
 * {@code return_sequences=False}).
 */
final class BatchArrays {

    private final DataType dataType;
    private final int features;
    private int rows = -1;
    private int steps = -1;
    private INDArray inputs;
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

    private void shape(int newRows, int newSteps) {
        if (newRows == rows && newSteps == steps) {
            return;
        }
        rows = newRows;
        steps = newSteps;
        inputs = Nd4j.create(dataType, rows, features, steps);
    }
}
