package io.github.statefullstm.rnn.dl4j;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The LSTM's input array, allocated once per batch shape and refilled in place: in the post's per-step protocol
 * every call has the same shape, and a fresh native array per call is a measurable share of an update. It is filled
 * from one Java array in a single copy; element-wise {@code putScalar} calls cost a stride computation each.
 *
 * <p>The shape is DL4J's recurrent layout (NCW), {@code [rows][features][steps]}, which libnd4j's fused LSTM kernels
 * also read (their data format 2).
 */
final class BatchArrays {

    private final DataType dataType;
    private final int features;
    private int rows = -1;
    private int steps = -1;
    private INDArray inputs;
    private double[] values;

    BatchArrays(DataType dataType, int features) {
        this.dataType = dataType;
        this.features = features;
    }

    /** Fills the input array with an already validated batch and returns it. */
    INDArray inputs(double[][][] batch) {
        shape(batch.length, batch[0].length);
        int at = 0;
        for (int row = 0; row < rows; row++) {
            for (int feature = 0; feature < features; feature++) {
                for (int step = 0; step < steps; step++) {
                    values[at++] = batch[row][step][feature];
                }
            }
        }
        inputs.data().setData(values);
        return inputs;
    }

    private void shape(int newRows, int newSteps) {
        if (newRows == rows && newSteps == steps) {
            return;
        }
        rows = newRows;
        steps = newSteps;
        inputs = Nd4j.create(dataType, rows, features, steps);
        values = new double[rows * features * steps];
    }
}
