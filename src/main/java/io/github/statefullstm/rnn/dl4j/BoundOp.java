package io.github.statefullstm.rnn.dl4j;

import org.bytedeco.javacpp.LongPointer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.nd4j.nativeblas.OpaqueContext;

/**
 * One libnd4j op with its arrays and arguments bound once, in an op context of its own, and run as often as needed
 * without allocating anything.
 *
 * <p><b>Why.</b> {@code Nd4j.exec(op)} builds a new op context for every call, and every output array a call makes
 * is a new native buffer: for a tiny LSTM that bookkeeping costs more than the arithmetic, and in JavaCPP's
 * {@code nopointergc} mode nothing ever frees it (reports/dl4j-speed.md). A context built once with
 * {@code buildContext()} and run with {@code exec(op, context)} reads and writes the same buffers every time, so an
 * update allocates nothing natively that outlives it: memory stays flat however long a run trains.
 *
 * <p>A bound array must stay the same array: rebinding one adds a wrapper to the native context that only the
 * context's end frees. So the arrays are bound at construction only, and callers change their contents instead.
 */
final class BoundOp {

    private final CustomOp op;
    private final OpContext context;
    /** The one integer argument that changes between runs (Adam's iteration), written in place. */
    private LongPointer changingInteger;

    BoundOp(String name, INDArray[] inputs, INDArray[] outputs, long[] integers, boolean[] booleans,
            double[] floats) {
        this.op = DynamicCustomOp.builder(name).build();
        this.context = Nd4j.getExecutioner().buildContext();
        context.setInputArrays(inputs);
        context.setOutputArrays(outputs);
        context.setIArguments(integers);
        context.setBArguments(booleans);
        context.setTArguments(floats);
    }

    void run() {
        Nd4j.getExecutioner().exec(op, context);
    }

    /**
     * Runs with its only integer argument set to {@code value}. {@code OpContext.setIArguments} would allocate a new
     * native array per call; this writes into one kept for the purpose and hands the context that.
     */
    void run(long value) {
        if (changingInteger == null) {
            changingInteger = new LongPointer(1);
        }
        changingInteger.put(0, value);
        NativeOpsHolder.getInstance().getDeviceNativeOps()
                .setGraphContextIArguments((OpaqueContext) context.contextPointer(), changingInteger, 1);
        run();
    }
}
