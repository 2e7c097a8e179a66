package io.github.statefullstm.rnn.dl4j;

import io.github.statefullstm.rnn.GateActivation;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.List;

/**
 * An LSTM layer's passes over batches of one shape ({@code rows} x {@code steps}), as libnd4j's {@code lstmLayerCell}
 * (one step forward) and {@code lstmLayerCellBp} (that step's exact backward pass), one bound call per step each way,
 * over arrays allocated once for the shape and overwritten by every batch.
 *
 * <p><b>Why the cell kernels, not the whole-sequence {@code lstmLayer} and {@code lstmLayer_bp}.</b> The sequence
 * kernels make their scratch arrays per call and {@code lstmLayer_bp} never frees four of them (a libnd4j bug,
 * explained in reports/dl4j-speed.md): about 800 bytes per row and step for good, on every update. The cell kernels
 * make no such sets; with every array bound once ({@link BoundOp}) an update allocates nothing that outlives it, and
 * a long run's memory stays flat. The time loop runs here instead of in C++: a call per step each way.
 *
 * <p><b>How the backward chain works.</b> {@code lstmLayerCellBp} adds, it does not overwrite: it adds its step's
 * share to the weight gradients, adds the given {@code dL/dh} of its step to the error it finds in its {@code dL/dhI}
 * output, and the error it finds in its {@code dL/dcI} output is the cell's error from the step after. So the two
 * carried errors are bound as outputs of every step's call, start at zero, and each call leaves in them the errors
 * for the step before it; the weight gradients, bound likewise, end as the sum over steps. The error of the loss,
 * which depends on the last h only, enters at the last step; the others get zeros. The initial state's errors are
 * what the first step leaves, and they are dropped: the state enters a batch as a constant, which is where Keras'
 * stateful training stops the gradient.
 *
 * <p><b>Layout.</b> Inputs are {@code [steps][rows][features]}, states {@code [rows][k]} per step, the gates in
 * Keras' order ({@link KernelParameters}).
 *
 * <p><b>One unit.</b> With a single unit, libnd4j 1.0.0-M2.1's LSTM kernels compute wrong gradients, fail with "B
 * array has wrong number of rows" or corrupt native memory (found by the shared statefulness suite, whose
 * generators try one unit first). So a one-unit LSTM runs with a second, inert unit ({@code k = 2}): every weight
 * into and out of it is zero and its state starts at zero, so its gates sit at their value for 0, its cell stays 0
 * and its h is tanh(0)·o = 0 at every step, reaching no other unit.
 */
final class CellPasses implements LayerPasses {

    /** The fewest units the kernels handle correctly (see "One unit" above). */
    static final int FEWEST_KERNEL_UNITS = 2;

    /** libnd4j's activation codes (lstmLayer.cpp): 0 = tanh, 2 = sigmoid, 7 = hard sigmoid. */
    private static final long TANH = 0;
    private static final long SIGMOID = 2;
    private static final long HARD_SIGMOID = 7;
    /** Cell clipping off: Keras does not clip the cell state. */
    private static final double NO_CELL_CLIP = 0;

    private final int rows;
    private final int steps;
    private final int kernelUnits;
    /** {@code [steps][rows][inputs]}: the errors at the inputs of every step, or null when nothing reads them. */
    private final INDArray inputErrors;
    private final double[] zeroInputErrors;
    private final INDArray startH;
    private final INDArray startC;
    /** {@code [steps][rows][k]}: h and c after each step. */
    private final INDArray h;
    private final INDArray c;
    /** {@code [steps][rows][k]}: the loss's error at h after each step, through the head's answer there. */
    private final INDArray hErrors;
    private final INDArray carriedHError;
    private final INDArray carriedCError;
    private final double[] zeroState;
    private final BoundOp[] forward;
    private final BoundOp[] backward;
    /** The masked steps of the batch the passes run, {@code [row][step]}, or null when it has none. */
    private boolean[][] skipped;

    /**
     * The passes of layer {@code layer} reading {@code inputs} ({@code [steps][rows][inputs]}), taking the errors at
     * its h from {@code hErrors} ({@code [steps][rows][k]}) and writing the errors at its inputs to
     * {@code inputErrors} (same shape as {@code inputs}, or null when nothing reads them).
     */
    CellPasses(GateActivation gates, DataType dataType, int rows, int steps, KernelParameters parameters, int layer,
               INDArray inputs, INDArray hErrors, INDArray inputErrors) {
        this.rows = rows;
        this.steps = steps;
        this.kernelUnits = parameters.kernelUnits();
        this.startH = Nd4j.create(dataType, rows, kernelUnits);
        this.startC = startH.ulike();
        this.h = Nd4j.create(dataType, steps, rows, kernelUnits);
        this.c = h.ulike();
        this.hErrors = hErrors;
        this.inputErrors = inputErrors;
        this.zeroInputErrors = inputErrors == null ? null : new double[(int) inputErrors.length()];
        this.carriedHError = startH.ulike();
        this.carriedCError = startH.ulike();
        this.zeroState = new double[rows * kernelUnits];
        INDArray scratchInputError = inputErrors == null ? Nd4j.create(dataType, rows, parameters.inputsOf(layer))
                : null;
        INDArray values = parameters.values();
        INDArray gradient = parameters.gradient();
        long[] activations = {gates == GateActivation.SIGMOID ? SIGMOID : HARD_SIGMOID, TANH, TANH};
        boolean[] biasNoPeepholes = {true, false};
        double[] noClip = {NO_CELL_CLIP};
        this.forward = new BoundOp[steps];
        this.backward = new BoundOp[steps];
        for (int t = 0; t < steps; t++) {
            INDArray x = step(inputs, t);
            INDArray previousH = t == 0 ? startH : step(h, t - 1);
            INDArray previousC = t == 0 ? startC : step(c, t - 1);
            forward[t] = new BoundOp("lstmLayerCell",
                    new INDArray[] {x, parameters.kernel(values, layer), parameters.recurrentKernel(values, layer),
                            parameters.bias(values, layer), previousH, previousC},
                    new INDArray[] {step(h, t), step(c, t)}, activations, biasNoPeepholes, noClip);
            backward[t] = new BoundOp("lstmLayerCellBp",
                    new INDArray[] {x, parameters.kernel(values, layer), parameters.recurrentKernel(values, layer),
                            parameters.bias(values, layer), previousH, previousC, step(hErrors, t)},
                    new INDArray[] {inputErrors == null ? scratchInputError : step(inputErrors, t),
                            parameters.kernel(gradient, layer), parameters.recurrentKernel(gradient, layer),
                            parameters.bias(gradient, layer), carriedHError, carriedCError},
                    activations, biasNoPeepholes, noClip);
        }
    }

    @Override
    public INDArray h() {
        return h;
    }

    /**
     * Which steps of the next batch are masked, {@code [row][step]} (null for none): the kernels run every row at every
     * step, and a masked row's h and c are then put back to what they were before the step, and its errors sent
     * through the step unchanged. These copies run on the host, element by element: only batches with a masked step
     * pay for them.
     */
    @Override
    public void skip(boolean[][] maskedSteps) {
        this.skipped = maskedSteps;
    }

    @Override
    public void forward(double[] startHValues, double[] startCValues) {
        startH.data().setData(startHValues);
        startC.data().setData(startCValues);
        for (int t = 0; t < steps; t++) {
            forward[t].run();
            if (skipped != null) {
                carryThroughMaskedRows(t);
            }
        }
    }

    /** After step t's kernel: a row masked at t gets back the h and c it had before the step. */
    private void carryThroughMaskedRows(int t) {
        DataBuffer hValues = h.data();
        DataBuffer cValues = c.data();
        for (int row = 0; row < rows; row++) {
            if (skipped[row][t]) {
                long to = stateAt(t, row);
                DataBuffer hBefore = t == 0 ? startH.data() : hValues;
                DataBuffer cBefore = t == 0 ? startC.data() : cValues;
                long from = t == 0 ? (long) row * kernelUnits : stateAt(t - 1, row);
                for (int unit = 0; unit < kernelUnits; unit++) {
                    hValues.put(to + unit, hBefore.getDouble(from + unit));
                    cValues.put(to + unit, cBefore.getDouble(from + unit));
                }
            }
        }
    }

    @Override
    public double[] everyH() {
        return h.data().getDoublesAt(0, steps * rows * kernelUnits);
    }

    @Override
    public double[] lastH() {
        return h.data().getDoublesAt(lastStepAt(), rows * kernelUnits);
    }

    @Override
    public double[] lastC() {
        return c.data().getDoublesAt(lastStepAt(), rows * kernelUnits);
    }

    /**
     * Adds to the parameters' gradient the gradient of a loss whose {@code dLoss/dh} after every step is in the bound
     * errors ({@code [steps][rows][k]}: zeros where nothing counts), for the batch of the last {@link #forward}, and
     * writes the errors at the inputs.
     */
    @Override
    public void backward() {
        carriedHError.data().setData(zeroState);
        carriedCError.data().setData(zeroState);
        if (inputErrors != null) {
            inputErrors.data().setData(zeroInputErrors);
        }
        for (int t = steps - 1; t >= 0; t--) {
            if (skipped == null) {
                backward[t].run();
            } else {
                backwardSkippingMaskedRows(t);
            }
        }
    }

    /**
     * Step t's backward call with the errors of the rows masked at t held back: such a row enters the call with zero
     * errors, so it adds nothing to the weights' gradient (the call is linear in them), and leaves with the errors it
     * had, h's with the loss's error at this step added, as the identity the step is for it passes them on.
     */
    private void backwardSkippingMaskedRows(int t) {
        DataBuffer carriedH = carriedHError.data();
        DataBuffer cErrors = carriedCError.data();
        DataBuffer lossErrors = hErrors.data();
        List<double[]> held = new ArrayList<>();
        for (int row = 0; row < rows; row++) {
            if (skipped[row][t]) {
                long at = (long) row * kernelUnits;
                long lossAt = stateAt(t, row);
                double[] rowErrors = new double[2 * kernelUnits];
                for (int unit = 0; unit < kernelUnits; unit++) {
                    rowErrors[unit] = carriedH.getDouble(at + unit) + lossErrors.getDouble(lossAt + unit);
                    rowErrors[kernelUnits + unit] = cErrors.getDouble(at + unit);
                    carriedH.put(at + unit, 0);
                    cErrors.put(at + unit, 0);
                    lossErrors.put(lossAt + unit, 0);
                }
                held.add(rowErrors);
            }
        }
        backward[t].run();
        int next = 0;
        for (int row = 0; row < rows; row++) {
            if (skipped[row][t]) {
                long at = (long) row * kernelUnits;
                double[] rowErrors = held.get(next++);
                for (int unit = 0; unit < kernelUnits; unit++) {
                    carriedH.put(at + unit, rowErrors[unit]);
                    cErrors.put(at + unit, rowErrors[kernelUnits + unit]);
                }
            }
        }
    }

    /** Where row {@code row} of step t's {@code [rows][k]} begins in h and c. */
    private long stateAt(int t, int row) {
        return ((long) t * rows + row) * kernelUnits;
    }

    /** Where the last step's {@code [rows][k]} begins in h and c. */
    private int lastStepAt() {
        return (steps - 1) * rows * kernelUnits;
    }

    private static INDArray step(INDArray sequence, int t) {
        return sequence.get(NDArrayIndex.point(t), NDArrayIndex.all(), NDArrayIndex.all());
    }
}
