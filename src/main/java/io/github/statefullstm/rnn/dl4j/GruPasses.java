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
 * A GRU layer's passes (Keras' {@code reset_after=False}) over batches of one shape, written in libnd4j's plain ops,
 * each bound once ({@link BoundOp}): nine per step forward, twelve per step backward, and three per batch for the
 * weight gradients (a fourth above layer 0 for the errors at the inputs), each one matrix product over every step's
 * rows at once.
 *
 * <p><b>Why not libnd4j's GRU kernels.</b> In 1.0.0-M2.1, {@code gruCell_bp} sends the candidate's error back to the
 * previous h as {@code ((dL/dĥ ⊙ (1 - ĥ²)) ⊙ r)·U_hᵀ} where the chain rule gives {@code ((dL/dĥ ⊙ (1 - ĥ²))·U_hᵀ) ⊙ r},
 * and leaves pushing dL/dh through the gates to its caller; {@code gruCell} takes sigmoid gates only and fails for one
 * unit; the whole-sequence {@code gru} computes the other variant (reset after the product, without a recurrent bias)
 * and its {@code gru_bp} is wrong too (reports/dl4j-gru.md). The plain ops compute Keras' equations as written.
 *
 * <p><b>Forward</b>, per step, with Keras' blocks z | r | h of the kernel K, recurrent kernel U and bias b:
 * {@code Z = x·K + b}; {@code Z[z|r] += h·U[z|r]}; {@code G = σ(Z[z|r])}; {@code R = r ⊙ h};
 * {@code Z[h] += R·U[h]}; {@code ĥ = tanh(Z[h])}; {@code D = h - ĥ}; {@code h' = z ⊙ D + ĥ}.
 *
 * <p><b>Backward</b>, per step from the last, with {@code carried} the error at h from the step after:
 * {@code dh = e_t + carried}; {@code carried = dh ⊙ z}; {@code dĥ = dh - carried}; {@code dZ[h] = tanh'(Z[h]) ⊙ dĥ};
 * {@code dz = dh ⊙ D}; {@code M = dZ[h]·U[h]ᵀ}; {@code dr = M ⊙ h}; {@code dZ[z|r] = σ'(Z[z|r]) ⊙ [dz|dr]};
 * {@code carried += M ⊙ r}; {@code carried += dZ[z|r]·U[z|r]ᵀ}. Then, over every step at once, {@code dK = Xᵀ·dZ},
 * {@code dU[h] = Rᵀ·dZ[h]}, {@code db = 1ᵀ·dZ} and the errors at the inputs {@code dZ·Kᵀ}; {@code dU[z|r]}, whose h
 * before each step is the incoming state's at the first, gets its share step by step. The state enters a batch as a constant: the error the first step leaves in {@code carried} is
 * dropped.
 */
final class GruPasses implements LayerPasses {

    private final int rows;
    private final int steps;
    private final int units;
    /** The incoming h, {@code [rows][units]}, and h after each step, {@code [steps][rows][units]}. */
    private final INDArray start;
    private final INDArray h;
    private final INDArray hErrors;
    private final INDArray carried;
    private final double[] zeroState;
    private final BoundOp[][] forward;
    private final BoundOp[][] backward;
    private final List<BoundOp> gradients = new ArrayList<>();
    /** The masked steps of the batch the passes run, {@code [row][step]}, or null when it has none. */
    private boolean[][] skipped;

    /**
     * The passes of layer {@code layer} reading {@code inputs} ({@code [steps][rows][inputs]}), taking the errors at
     * its h from {@code hErrors} ({@code [steps][rows][units]}) and writing the errors at its inputs to
     * {@code inputErrors} (same shape as {@code inputs}, or null when nothing reads them).
     */
    GruPasses(GateActivation gates, DataType dataType, int rows, int steps, KernelParameters parameters, int layer,
              INDArray inputs, INDArray hErrors, INDArray inputErrors) {
        this.rows = rows;
        this.steps = steps;
        this.units = parameters.kernelUnits();
        this.hErrors = hErrors;
        int u = units;
        int in = parameters.inputsOf(layer);
        this.start = Nd4j.create(dataType, rows, u);
        this.h = Nd4j.create(dataType, steps, rows, u);
        INDArray preActivations = Nd4j.create(dataType, steps, rows, 3L * u);
        INDArray gateValues = Nd4j.create(dataType, steps, rows, 2L * u);
        INDArray candidates = Nd4j.create(dataType, steps, rows, u);
        INDArray differences = candidates.ulike();
        INDArray resetH = candidates.ulike();
        INDArray preErrors = preActivations.ulike();
        this.carried = Nd4j.create(dataType, rows, u);
        this.zeroState = new double[rows * u];
        INDArray dh = carried.ulike();
        INDArray candidateError = carried.ulike();
        INDArray resetHError = carried.ulike();
        INDArray throughReset = carried.ulike();
        INDArray gateErrors = Nd4j.create(dataType, rows, 2L * u);
        INDArray values = parameters.values();
        INDArray gradient = parameters.gradient();
        INDArray kernel = parameters.kernel(values, layer);
        INDArray bias = parameters.bias(values, layer);
        INDArray recurrentGates = columns(parameters.recurrentKernel(values, layer), 0, 2 * u);
        INDArray recurrentCandidate = columns(parameters.recurrentKernel(values, layer), 2 * u, 3 * u);
        INDArray recurrentGradient = parameters.recurrentKernel(gradient, layer);
        INDArray recurrentGatesGradient = columns(recurrentGradient, 0, 2 * u);
        String gate = gates == GateActivation.SIGMOID ? "sigmoid" : "hardsigmoid";
        this.forward = new BoundOp[steps][];
        this.backward = new BoundOp[steps][];
        for (int t = 0; t < steps; t++) {
            INDArray x = step(inputs, t);
            INDArray previous = t == 0 ? start : step(h, t - 1);
            INDArray z = step(preActivations, t);
            INDArray zGates = columns(z, 0, 2 * u);
            INDArray zCandidate = columns(z, 2 * u, 3 * u);
            INDArray g = step(gateValues, t);
            INDArray update = columns(g, 0, u);
            INDArray reset = columns(g, u, 2 * u);
            INDArray candidate = step(candidates, t);
            INDArray difference = step(differences, t);
            INDArray rh = step(resetH, t);
            INDArray next = step(h, t);
            forward[t] = new BoundOp[] {
                op("xw_plus_b", new INDArray[] {x, kernel, bias}, z),
                product(previous, recurrentGates, zGates, false, 1),
                op(gate, new INDArray[] {zGates}, g),
                op("multiply", new INDArray[] {reset, previous}, rh),
                product(rh, recurrentCandidate, zCandidate, false, 1),
                op("tanh", new INDArray[] {zCandidate}, candidate),
                op("subtract", new INDArray[] {previous, candidate}, difference),
                op("multiply", new INDArray[] {update, difference}, next),
                op("add", new INDArray[] {next, candidate}, next)};
            INDArray dz = step(preErrors, t);
            INDArray dzGates = columns(dz, 0, 2 * u);
            INDArray dzCandidate = columns(dz, 2 * u, 3 * u);
            backward[t] = new BoundOp[] {
                op("add", new INDArray[] {step(hErrors, t), carried}, dh),
                op("multiply", new INDArray[] {dh, update}, carried),
                op("subtract", new INDArray[] {dh, carried}, candidateError),
                op("tanh_bp", new INDArray[] {zCandidate, candidateError}, dzCandidate),
                op("multiply", new INDArray[] {dh, difference}, columns(gateErrors, 0, u)),
                product(dzCandidate, recurrentCandidate, resetHError, true, 0),
                op("multiply", new INDArray[] {resetHError, previous}, columns(gateErrors, u, 2 * u)),
                op(gate + "_bp", new INDArray[] {zGates, gateErrors}, dzGates),
                op("multiply", new INDArray[] {resetHError, reset}, throughReset),
                op("add", new INDArray[] {carried, throughReset}, carried),
                product(dzGates, recurrentGates, carried, true, 1),
                // the step's share of dU[z|r] = h_prevᵀ·dZ[z|r], added: the gradient starts at zero
                new BoundOp("matmul", new INDArray[] {previous, dzGates}, new INDArray[] {recurrentGatesGradient},
                        new long[] {1, 0}, new boolean[0], new double[] {1, 1})};
        }
        INDArray allInputs = everyStep(inputs, in);
        INDArray allResetH = everyStep(resetH, u);
        INDArray allErrors = everyStep(preErrors, 3 * u);
        gradients.add(transposedProduct(allInputs, allErrors, parameters.kernel(gradient, layer)));
        gradients.add(transposedProduct(allResetH, columns(allErrors, 2 * u, 3 * u),
                columns(recurrentGradient, 2 * u, 3 * u)));
        INDArray ones = Nd4j.ones(dataType, 1, (long) steps * rows);
        gradients.add(new BoundOp("matmul", new INDArray[] {ones, allErrors},
                new INDArray[] {parameters.bias(gradient, layer).reshape(1, 3L * u)}, new long[] {0, 0},
                new boolean[0], new double[] {1, 0}));
        if (inputErrors != null) {
            gradients.add(new BoundOp("matmul", new INDArray[] {allErrors, kernel},
                    new INDArray[] {everyStep(inputErrors, in)}, new long[] {0, 1}, new boolean[0],
                    new double[] {1, 0}));
        }
    }

    @Override
    public INDArray h() {
        return h;
    }

    @Override
    public void skip(boolean[][] maskedSteps) {
        this.skipped = maskedSteps;
    }

    @Override
    public void forward(double[] startH, double[] startC) {
        start.data().setData(startH);
        for (int t = 0; t < steps; t++) {
            for (BoundOp op : forward[t]) {
                op.run();
            }
            if (skipped != null) {
                carryThroughMaskedRows(t);
            }
        }
    }

    /** After step t: a row masked at t gets back the h it had before the step. */
    private void carryThroughMaskedRows(int t) {
        DataBuffer after = h.data();
        DataBuffer before = t == 0 ? start.data() : after;
        for (int row = 0; row < rows; row++) {
            if (skipped[row][t]) {
                long from = t == 0 ? (long) row * units : stateAt(t - 1, row);
                long to = stateAt(t, row);
                for (int unit = 0; unit < units; unit++) {
                    after.put(to + unit, before.getDouble(from + unit));
                }
            }
        }
    }

    @Override
    public void backward() {
        carried.data().setData(zeroState);
        for (int t = steps - 1; t >= 0; t--) {
            double[][] held = skipped == null ? null : holdMaskedRows(t);
            for (BoundOp op : backward[t]) {
                op.run();
            }
            if (held != null) {
                restoreMaskedRows(t, held);
            }
        }
        for (BoundOp op : gradients) {
            op.run();
        }
    }

    /**
     * Before step t's backward ops: a row masked at t enters them with zero errors, so its errors at the step's
     * pre-activations are zero (no share of the gradient, none for the inputs), and what it had, with the loss's error
     * at this step added, is held to pass on unchanged.
     */
    private double[][] holdMaskedRows(int t) {
        DataBuffer carriedValues = carried.data();
        DataBuffer lossErrors = hErrors.data();
        double[][] held = new double[rows][];
        for (int row = 0; row < rows; row++) {
            if (skipped[row][t]) {
                long at = (long) row * units;
                long lossAt = ((long) t * rows + row) * units;
                held[row] = new double[units];
                for (int unit = 0; unit < units; unit++) {
                    held[row][unit] = carriedValues.getDouble(at + unit) + lossErrors.getDouble(lossAt + unit);
                    carriedValues.put(at + unit, 0);
                    lossErrors.put(lossAt + unit, 0);
                }
            }
        }
        return held;
    }

    private void restoreMaskedRows(int t, double[][] held) {
        DataBuffer carriedValues = carried.data();
        for (int row = 0; row < rows; row++) {
            if (held[row] != null) {
                for (int unit = 0; unit < units; unit++) {
                    carriedValues.put((long) row * units + unit, held[row][unit]);
                }
            }
        }
    }

    @Override
    public double[] everyH() {
        return h.data().getDoublesAt(0, steps * rows * units);
    }

    @Override
    public double[] lastH() {
        return h.data().getDoublesAt(stateAt(steps - 1, 0), rows * units);
    }

    @Override
    public double[] lastC() {
        return new double[0];
    }

    /** Where row {@code row} of h after step {@code t} begins. */
    private long stateAt(int t, int row) {
        return ((long) t * rows + row) * units;
    }

    private static BoundOp op(String name, INDArray[] inputs, INDArray output) {
        return new BoundOp(name, inputs, new INDArray[] {output}, new long[0], new boolean[0], new double[0]);
    }

    /** {@code out = a·b (or a·bᵀ) + beta · out}: beta 1 adds to what is there. */
    private static BoundOp product(INDArray a, INDArray b, INDArray out, boolean transposeB, double beta) {
        return new BoundOp("matmul", new INDArray[] {a, b}, new INDArray[] {out},
                new long[] {0, transposeB ? 1 : 0}, new boolean[0], new double[] {1, beta});
    }

    /** {@code out = aᵀ·b}. */
    private static BoundOp transposedProduct(INDArray a, INDArray b, INDArray out) {
        return new BoundOp("matmul", new INDArray[] {a, b}, new INDArray[] {out}, new long[] {1, 0},
                new boolean[0], new double[] {1, 0});
    }

    /**
     * {@code [steps][rows][width]} as {@code [steps * rows][width]}: every step's rows at once. It must be a view of
     * the same memory, as the ops that fill the steps write there.
     */
    private static INDArray everyStep(INDArray sequence, int width) {
        INDArray all = sequence.reshape(sequence.size(0) * sequence.size(1), width);
        if (all.data().addressPointer().address() != sequence.data().addressPointer().address()
                || all.offset() != sequence.offset()) {
            throw new IllegalStateException("a reshape copied where a view was needed: " + sequence.shapeInfoToString());
        }
        return all;
    }

    private static INDArray columns(INDArray matrix, long from, long to) {
        return matrix.get(NDArrayIndex.all(), NDArrayIndex.interval(from, to));
    }

    private static INDArray step(INDArray sequence, int t) {
        return sequence.get(NDArrayIndex.point(t), NDArrayIndex.all(), NDArrayIndex.all());
    }
}
