package io.github.statefullstm.rnn.dl4j;

import io.github.statefullstm.rnn.GateActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.Arrays;

/**
 * The LSTM's training passes as two native calls: libnd4j's fused {@code lstmLayer} (forward over every step of the
 * batch) and {@code lstmLayer_bp} (its exact backward pass), the kernels behind ND4J's own {@code LSTMLayer} op.
 *
 * <p><b>Why not the DL4J layer's own passes.</b> DL4J's {@code LSTM} layer computes a step in about fifteen ND4J
 * operations and its backward pass first recomputes the forward pass, so an update of 64 windows of 10 steps costs
 * several hundred native calls, each paying ND4J's per-call bookkeeping (reports/dl4j-speed.md). Here the whole time
 * loop runs inside one call each way. The results equal the layer's: both match the reference engine to rounding
 * (DL4J-9).
 *
 * <p><b>Layout.</b> The kernels take the gates in Keras' order (input, forget, cell candidate, output), while the
 * network keeps DL4J's block order ({@link Dl4jParameterMapping}). The weights are reordered on the way in and the
 * gradients on the way out by multiplying with a 0/1 selection matrix: one small native call per array, and exact,
 * since every product is by 1 or 0. Inputs are DL4J's recurrent layout {@code [rows][features][steps]} (the kernels'
 * data format 2), so the same input array serves DL4J's layers and the kernels.
 *
 * <p><b>One unit.</b> With a single unit, libnd4j 1.0.0-M2.1's kernels compute wrong gradients, fail with "B array
 * has wrong number of rows" or corrupt native memory (found by the shared statefulness suite, whose generators try
 * one unit first). So a one-unit LSTM runs in the kernels with a second, inert unit: every weight into and out of it
 * is zero and its state starts at zero, so its gates sit at their value for 0 and its cell stays 0; its h is
 * tanh(0)·o = 0 at every step and reaches no other unit. Its gradients are dropped.
 */
final class FusedLstm {

    /** libnd4j's data format code for {@code [batch][features][steps]}. */
    private static final int ROWS_FEATURES_STEPS = 2;
    /** libnd4j's direction code for a forward, one-directional layer. */
    private static final int FORWARD = 0;
    /** libnd4j's activation codes (lstmLayer.cpp): 0 = tanh, 2 = sigmoid, 7 = hard sigmoid. */
    private static final int TANH = 0;
    private static final int SIGMOID = 2;
    private static final int HARD_SIGMOID = 7;
    /** Cell clipping off: Keras does not clip the cell state. */
    private static final double NO_CELL_CLIP = 0;
    /** The fewest units the kernels handle correctly (see "One unit" above). */
    static final int FEWEST_KERNEL_UNITS = 2;

    private final int gateActivation;
    private final DataType dataType;
    private final int units;
    /** The kernels' width: {@link #units}, or more when the kernels cannot run that few. */
    private final int kernelUnits;
    /** {@code [4u][4k]}: a row of DL4J-ordered gate columns times this is the same row in the kernels' layout. */
    private final INDArray dl4jToKernel;
    /** Its transpose: the kernels' layout back to DL4J's, dropping the inert unit's columns. */
    private final INDArray kernelToDl4j;

    /*
     * Scratch arrays, allocated once (or once per batch shape) and overwritten by every call: each native array costs
     * a tracked allocation, which at this size is a visible share of an update. lstmLayer_bp zeroes its gradient
     * outputs before summing into them, and the inert unit's rows of the recurrent kernel are never written.
     */
    private final INDArray kernel;
    private final INDArray recurrentKernel;
    private final INDArray bias;
    private final INDArray kernelGradient;
    private final INDArray recurrentGradient;
    private final INDArray biasGradient;
    private long[] inputShape = new long[0];
    private INDArray inputGradient;
    private INDArray initialH;
    private INDArray initialC;
    private INDArray initialHGradient;
    private INDArray initialCGradient;
    private INDArray finalHError;
    private double[] finalHErrorValues;

    FusedLstm(GateActivation gates, DataType dataType, int features, int units) {
        this.gateActivation = switch (gates) {
            case SIGMOID -> SIGMOID;
            case HARD_SIGMOID -> HARD_SIGMOID;
        };
        this.dataType = dataType;
        this.units = units;
        this.kernelUnits = Math.max(units, FEWEST_KERNEL_UNITS);
        this.dl4jToKernel = Nd4j.create(dataType, 4L * units, 4L * kernelUnits);
        for (int column = 0; column < 4 * units; column++) {
            int gate = column / units;
            int unit = column % units;
            dl4jToKernel.putScalar(Dl4jParameterMapping.dl4jColumn(column, units), gate * kernelUnits + unit, 1);
        }
        this.kernelToDl4j = dl4jToKernel.transpose().dup();
        this.kernel = Nd4j.create(dataType, features, 4L * kernelUnits);
        this.recurrentKernel = Nd4j.create(dataType, kernelUnits, 4L * kernelUnits);
        this.bias = Nd4j.create(dataType, 4L * kernelUnits);
        this.kernelGradient = kernel.ulike();
        this.recurrentGradient = recurrentKernel.ulike();
        this.biasGradient = bias.ulike();
    }

    /**
     * A forward pass over one batch: the final state the caller reads, and what the matching {@link #backward} needs.
     * Valid until the next {@link #forward}.
     */
    final class Forward {
        private final INDArray inputs;
        private final boolean stated;
        private final INDArray finalH;
        private final INDArray finalC;

        private Forward(INDArray inputs, boolean stated, INDArray finalH, INDArray finalC) {
            this.inputs = inputs;
            this.stated = stated;
            this.finalH = finalH;
            this.finalC = finalC;
        }

        /** The final h, {@code [rows][units]}, freshly allocated. */
        INDArray finalH() {
            return finalH;
        }

        /** The final c, {@code [rows][units]}, freshly allocated. */
        INDArray finalC() {
            return finalC;
        }
    }

    /**
     * Runs every step of the batch from the initial state ({@code null} h and c mean zeros) with the network's
     * current LSTM parameters (DL4J's {@code W} {@code [features][4u]}, {@code RW} {@code [u][4u]}, {@code b}
     * {@code [4u]}), as Keras' {@code return_sequences=False} LSTM does.
     */
    Forward forward(INDArray inputs, INDArray dl4jKernel, INDArray dl4jRecurrentKernel, INDArray dl4jBias,
                    INDArray startH, INDArray startC) {
        dl4jKernel.mmuli(dl4jToKernel, kernel);
        dl4jRecurrentKernel.mmuli(dl4jToKernel, realUnitRows(recurrentKernel));
        asRow(dl4jBias, units).mmuli(dl4jToKernel, asRow(bias, kernelUnits));
        shapeFor(inputs);
        boolean stated = startH != null;
        if (stated) {
            realUnitColumns(initialH).assign(startH);
            realUnitColumns(initialC).assign(startC);
        }
        int rows = (int) inputs.size(0);
        INDArray h = Nd4j.create(dataType, rows, kernelUnits);
        INDArray c = Nd4j.create(dataType, rows, kernelUnits);
        DynamicCustomOp.DynamicCustomOpsBuilder op = DynamicCustomOp.builder("lstmLayer");
        op.addInputs(stated ? new INDArray[] {inputs, kernel, recurrentKernel, bias, initialH, initialC}
                : new INDArray[] {inputs, kernel, recurrentKernel, bias});
        op.addOutputs(h, c);
        configure(op, stated, false);
        Nd4j.exec(op.build());
        return new Forward(inputs, stated, narrow(h), narrow(c));
    }

    /**
     * The gradient of a loss that depends on the final h only: given {@code dLoss/dh_T} ({@code [rows][units]}) for
     * that forward pass, writes {@code dLoss/dW}, {@code dLoss/dRW} and {@code dLoss/db} into the given DL4J-ordered
     * gradient views. The initial state is a constant: its own gradient is computed by the kernel and dropped, which
     * is where Keras' stateful training stops the gradient.
     */
    void backward(Forward forward, double[][] finalHErrorRows, INDArray dl4jKernelGradient,
                  INDArray dl4jRecurrentGradient, INDArray dl4jBiasGradient) {
        int at = 0;
        for (double[] row : finalHErrorRows) {
            System.arraycopy(row, 0, finalHErrorValues, at, units);
            at += kernelUnits;
        }
        finalHError.data().setData(finalHErrorValues);
        DynamicCustomOp.DynamicCustomOpsBuilder op = DynamicCustomOp.builder("lstmLayer_bp");
        if (forward.stated) {
            op.addInputs(forward.inputs, kernel, recurrentKernel, bias, initialH, initialC, finalHError);
            op.addOutputs(inputGradient, kernelGradient, recurrentGradient, biasGradient, initialHGradient,
                    initialCGradient);
        } else {
            op.addInputs(forward.inputs, kernel, recurrentKernel, bias, finalHError);
            op.addOutputs(inputGradient, kernelGradient, recurrentGradient, biasGradient);
        }
        configure(op, forward.stated, true);
        Nd4j.exec(op.build());
        kernelGradient.mmuli(kernelToDl4j, dl4jKernelGradient);
        realUnitRows(recurrentGradient).mmuli(kernelToDl4j, dl4jRecurrentGradient);
        asRow(biasGradient, kernelUnits).mmuli(kernelToDl4j, asRow(dl4jBiasGradient, units));
    }

    /** Allocates the per-shape scratch when the batch shape changes; the padded state columns stay zero. */
    private void shapeFor(INDArray inputs) {
        if (Arrays.equals(inputShape, inputs.shape())) {
            return;
        }
        inputShape = inputs.shape();
        int rows = (int) inputs.size(0);
        inputGradient = inputs.ulike();
        initialH = Nd4j.create(dataType, rows, kernelUnits);
        initialC = Nd4j.create(dataType, rows, kernelUnits);
        initialHGradient = initialH.ulike();
        initialCGradient = initialC.ulike();
        finalHError = initialH.ulike();
        finalHErrorValues = new double[rows * kernelUnits];
    }

    /** The real units' rows of a {@code [k][4k]} array (all of it when nothing is padded). */
    private INDArray realUnitRows(INDArray array) {
        return kernelUnits == units ? array : array.get(NDArrayIndex.interval(0, units), NDArrayIndex.all());
    }

    /** The real units' columns of a {@code [rows][k]} array (all of it when nothing is padded). */
    private INDArray realUnitColumns(INDArray array) {
        return kernelUnits == units ? array : array.get(NDArrayIndex.all(), NDArrayIndex.interval(0, units));
    }

    private INDArray narrow(INDArray state) {
        return kernelUnits == units ? state : realUnitColumns(state).dup();
    }

    /** A {@code [4n]} bias as the {@code [1][4n]} row a matrix product needs, sharing its data. */
    private static INDArray asRow(INDArray bias, int width) {
        return bias.reshape(1, 4L * width);
    }

    /**
     * The kernels' flags, in lstmLayer.cpp's order: biases, sequence lengths, initial h, initial c, peepholes, then
     * which outputs (forward) or output errors (backward) are in play: the whole sequence, the last h, the last c.
     */
    private void configure(DynamicCustomOp.DynamicCustomOpsBuilder op, boolean stated, boolean backward) {
        op.addIntegerArguments(ROWS_FEATURES_STEPS, FORWARD, gateActivation, TANH, TANH);
        op.addBooleanArguments(true, false, stated, stated, false, false, true, !backward);
        op.addFloatingPointArguments(NO_CELL_CLIP);
    }
}
