package io.github.statefullstm.rnn.dl4j;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One recurrent layer's passes over batches of one shape ({@code rows} x {@code steps}), over arrays bound once and
 * overwritten by every batch. A layer reads its inputs from an array it was given (the batch's, or the h of the layer
 * below), takes the loss's errors at its h from an array it was given (the head's, or the errors the layer above sent
 * to its inputs), and leaves its own errors at its inputs in an array it was given (none for layer 0).
 */
interface LayerPasses {

    /** h after every step, {@code [steps][rows][k]}: what the layer above reads as its inputs. */
    INDArray h();

    /**
     * Which steps of the next batch are masked, {@code [row][step]} (null for none): a masked row's state goes through
     * the step unchanged, and its errors too, with no share of the gradient.
     */
    void skip(boolean[][] maskedSteps);

    /** Runs every step from the given state ({@code [rows][k]} row by row; c ignored by a cell without one). */
    void forward(double[] startH, double[] startC);

    /**
     * Adds the layer's gradient for the errors at its h, and writes the errors at its inputs, for the batch of the
     * last {@link #forward}; the incoming state is a constant.
     */
    void backward();

    /** h after every step, {@code [steps][rows][k]} step by step, after {@link #forward}. */
    double[] everyH();

    /** The final h, {@code [rows][k]} row by row, after {@link #forward}. */
    double[] lastH();

    /** The final c, {@code [rows][k]} row by row, after {@link #forward}; empty for a cell without one. */
    double[] lastC();
}
