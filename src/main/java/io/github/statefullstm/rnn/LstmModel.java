package io.github.statefullstm.rnn;

/**
 * A model of recurrent layers (the post's one LSTM(units), or a GRU, or a stack: {@link LstmSpec}) -> Dense(1, sigmoid)
 * with Keras semantics. Its state is every layer's, row by row ({@link LstmState}).
 *
 * <p><b>State.</b> Inside a batch every row has its own state. Stateless ({@code stateful = false}): every batch
 * starts from zeros. Stateful: row i of each batch starts from the final state of row i of the previous batch
 * (and of no other row) until {@link #resetStates()}; the batch size is fixed.
 *
 * <p><b>Training.</b> {@link #trainOnBatch} makes exactly one Adam update from the gradient of the mean binary
 * cross-entropy over the batch's rows, back-propagated through all steps of the batch. The incoming state is a
 * constant: gradients stop at the batch boundary while the state goes on, as Keras' stateful
 * {@code train_on_batch} does.
 *
 * <p><b>Masks.</b> Behind Keras' {@code Masking} layer ({@link ModelConfig#masking()}), a step whose every feature
 * equals the mask value is skipped by every call: the row's state and output stay as they were, and it has no share
 * of the gradient. Without masking every step counts, zeros included.
 *
 * <p><b>Refusals.</b> A call with a bad argument (wrong batch size for a stateful model, wrong feature width,
 * ragged rows, NaN or infinite inputs, targets outside {0, 1}) throws {@link IllegalArgumentException} naming
 * what was wrong, and leaves weights, optimizer and state exactly as they were.
 */
public interface LstmModel {

    ModelConfig config();

    /** The probability of class 1 for each row, at its last step. Advances the state when stateful. */
    double[] predictOnBatch(double[][][] inputs);

    /**
     * The probability of class 1 for each row at every step, {@code [rows][steps]}: Keras' {@code return_sequences=True}
     * with the same {@code Dense(1, sigmoid)} at every step ({@code TimeDistributed}), on the same weights. The last
     * column is {@link #predictOnBatch}'s answer; a masked step answers from the state it carries through, as the step
     * before it (Keras answers a masked step before the first real one from zeros instead, which differs for a carried
     * state). Advances the state when stateful, as {@code predictOnBatch} does.
     */
    double[][] predictEveryStepOnBatch(double[][][] inputs);

    /** One parameter update; returns loss and accuracy of the forward pass. Advances the state when stateful. */
    BatchResult trainOnBatch(double[][][] inputs, double[] targets);

    /** Loss and accuracy without an update. Advances the state when stateful, as Keras' {@code test_on_batch}. */
    BatchResult testOnBatch(double[][][] inputs, double[] targets);

    /**
     * One parameter update from targets at chosen steps ({@link StepTargets}): the loss is the mean over the counted
     * steps of every row, each step's answer being {@link #predictEveryStepOnBatch}'s, back-propagated through all
     * steps of the batch from the incoming state held constant. Returns that loss and the accuracy over the counted
     * steps, of the forward pass. Advances the state when stateful. Targets at the last step only are
     * {@link #trainOnBatch(double[][][], double[])}, to the last bit.
     */
    BatchResult trainOnBatch(double[][][] inputs, StepTargets targets);

    /** Loss and accuracy over the counted steps without an update. Advances the state when stateful. */
    BatchResult testOnBatch(double[][][] inputs, StepTargets targets);

    /** The gradient of the mean loss over the counted steps; changes nothing, as the one-output gradient. */
    LstmWeights gradientOnBatch(double[][][] inputs, StepTargets targets);

    /**
     * The gradient of the mean loss over the batch with respect to every weight, in the canonical layout,
     * from the current incoming state held constant. Changes nothing: no update, no state change.
     */
    LstmWeights gradientOnBatch(double[][][] inputs, double[] targets);

    /** Sets every row of the carried state to zero. */
    void resetStates();

    /**
     * Sets row {@code row} of a stateful model's carried state to zero and leaves every other row's as it is: the row's
     * next batch starts a new sequence while the others go on (session-parallel batches, where each row is a queue of
     * sequences of their own lengths). Keras has no such call; it is what zeroing one row of the states tensor does. A
     * row outside the batch is refused, naming it; a stateless model carries nothing and throws
     * {@link IllegalStateException}.
     */
    void resetRow(int row);

    /**
     * Sets the carried state of a stateful model (Keras' {@code reset_states(states)}); rows must equal the batch size.
     * A stateless model carries nothing and throws {@link IllegalStateException}, as Keras does.
     */
    void resetStates(LstmState initial);

    /**
     * The state the next batch starts from: the carried state of a stateful model ({@code batchSize} rows);
     * for a stateless model, zeros shaped like the most recent batch (no rows before any batch).
     */
    LstmState states();

    /** The final state of every row after the most recent batch, stateless or stateful; zeros before any batch. */
    LstmState finalStates();

    LstmWeights getWeights();

    /** Replaces every weight; the optimizer's moments and the carried state stay as they are, as in Keras. */
    void setWeights(LstmWeights weights);
}
