package io.github.statefullstm.rnn.dl4j;

import io.github.statefullstm.rnn.Cell;
import io.github.statefullstm.rnn.KerasLstmModel;
import io.github.statefullstm.rnn.LstmState;
import io.github.statefullstm.rnn.LstmWeights;
import io.github.statefullstm.rnn.ModelConfig;
import org.nd4j.linalg.api.buffer.DataType;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The DL4J engine's arithmetic: every layer's passes in libnd4j, bound once per batch shape ({@link StackPasses}), an
 * LSTM layer's in its LSTM cell kernels, one bound native call per step each way ({@link CellPasses}), a GRU layer's in
 * its plain ops ({@link GruPasses}), over parameters held in the passes' layout ({@link KernelParameters}); the dense
 * head is a few lines of arithmetic here. DL4J offers no public way to carry an LSTM's state across {@code fit()} calls
 * ({@code fit()} clears it, {@code rnnTimeStep} never trains); the state's bookkeeping, which is Keras', is
 * {@link KerasLstmModel}'s, as for every engine. DL4J draws the initial weights from the seed ({@link InitialWeights}),
 * an LSTM's in its own {@code MultiLayerNetwork} ({@link NetworkBlueprint}), whose layers compute the same passes
 * (DL4J-12) but are not run here, because they cost a native call per operation per step and allocate afresh on every
 * call (reports/dl4j-speed.md).
 *
 * <p><b>Memory.</b> The arrays of each batch shape are made once and overwritten by every batch of that shape, so
 * an update allocates nothing natively that outlives it.
 */
final class Dl4jLstmModel extends KerasLstmModel {

    private final DataType dataType;
    private final KernelParameters parameters;
    /** The passes of each batch shape seen so far, by rows and steps: a run meets a handful of shapes. */
    private final Map<List<Integer>, StackPasses> passes = new HashMap<>();
    private final int units;
    private final int layers;
    private final int kernelUnits;
    /** The passes of the last forward pass: its backward pass runs on them. */
    private StackPasses cells;
    /** Updates made so far: Adam's bias correction counts them. */
    private int iteration;

    Dl4jLstmModel(ModelConfig config, Precision precision) {
        super(config);
        this.units = config.spec().units();
        this.layers = config.spec().layers();
        // only libnd4j's LSTM kernels need a second unit; the GRU's plain ops take one
        this.kernelUnits = config.spec().cell() == Cell.LSTM ? Math.max(units, CellPasses.FEWEST_KERNEL_UNITS) : units;
        this.dataType = precision.dataType();
        this.parameters = new KernelParameters(dataType, config.spec(), kernelUnits, config.adam());
        parameters.write(InitialWeights.draw(config, precision));
    }

    @Override
    protected Forward forward(double[][][] inputs, LstmState start, boolean[][] skipped) {
        int rows = inputs.length;
        int steps = inputs[0].length;
        cells = passes.computeIfAbsent(List.of(rows, steps), shape -> new StackPasses(config().spec(), dataType,
                rows, steps, parameters));
        cells.skip(skipped);
        startKernels(inputs, start);
        double[] topH = cells.lastH();
        return new Forward(denseHead(topH, 0, rows), finalState(rows, topH));
    }

    /**
     * Every layer's final h and c, without the inert unit, as the canonical state: each row's layers side by side. The
     * top layer's h is the one the head read, already copied out of the native buffer.
     */
    private LstmState finalState(int rows, double[] topH) {
        double[][] h = new double[rows][layers * units];
        double[][] c = new double[rows][config().spec().cell().carriesCell() ? layers * units : 0];
        for (int layer = 0; layer < layers; layer++) {
            realUnits(layer == layers - 1 ? topH : cells.lastH(layer), h, layer);
            if (c[0].length > 0) {
                realUnits(cells.lastC(layer), c, layer);
            }
        }
        return LstmState.ofRows(layers, h, c);
    }

    /**
     * The dense head's backward pass by hand, then the kernels'. The loss depends on h through the head's answers: the
     * head's gradient is the sum over rows, and over the steps whose answer counts, of the logit's error times that
     * step's h (its bias's, of the error alone), and the error reaching the LSTM at that h is the logit's error times
     * the head's kernel. The last step's share comes first, as it did when it was the only one.
     */
    @Override
    protected void backward(double[][] logitErrors) {
        int rows = logitErrors.length;
        int steps = cells.steps();
        int stepSize = rows * kernelUnits;
        double[] denseKernel = parameters.denseKernel();
        double[] hErrors = new double[steps * stepSize];
        double[] kernelGradient = new double[units];
        double[] hError = new double[stepSize];
        double biasGradient = headBackward(errorsAt(logitErrors, steps - 1), cells.lastH(), denseKernel, hError,
                kernelGradient);
        System.arraycopy(hError, 0, hErrors, (steps - 1) * stepSize, stepSize);
        double[] everyH = null;
        for (int step = steps - 2; step >= 0; step--) {
            double[] errors = errorsAt(logitErrors, step);
            if (anyError(errors)) {
                everyH = everyH == null ? cells.everyH() : everyH;
                hError = new double[stepSize];
                biasGradient += headBackward(errors, Arrays.copyOfRange(everyH, step * stepSize,
                        (step + 1) * stepSize), denseKernel, hError, kernelGradient);
                System.arraycopy(hError, 0, hErrors, step * stepSize, stepSize);
            }
        }
        parameters.clearGradient();
        parameters.setDenseGradient(kernelGradient, biasGradient);
        cells.backward(hErrors);
    }

    /** Whether some row's answer at a step counts: a plain loop, as it runs on every update of a multi-step batch. */
    private static boolean anyError(double[] errors) {
        for (double error : errors) {
            if (error != 0) {
                return true;
            }
        }
        return false;
    }

    /** Every row's logit error at one step. */
    private static double[] errorsAt(double[][] logitErrors, int step) {
        double[] errors = new double[logitErrors.length];
        for (int row = 0; row < errors.length; row++) {
            errors[row] = logitErrors[row][step];
        }
        return errors;
    }

    /** Runs the kernels over the batch from the state the model gives: the carried one, or zeros. */
    private void startKernels(double[][][] inputs, LstmState start) {
        // kata:begin dl4j
        cells.forward(inputs, kernelWidth(start.h()), kernelWidth(start.c()));
        // kata:end
    }

    /**
     * The dense head's gradient at one step into {@code kernelGradient}, added (returning the bias's), and the error
     * reaching the LSTM at that step's h ({@code lastH}, the last step's when the answer is there alone) into
     * {@code hError}, {@code [rows][k]} row by row, from each row's logit error at the step.
     */
    private double headBackward(double[] logitErrors, double[] lastH, double[] denseKernel, double[] hError,
                                double[] kernelGradient) {
        // kata:begin dl4j
        double biasGradient = 0;
        for (int row = 0; row < logitErrors.length; row++) {
            double error = logitErrors[row];
            biasGradient += error;
            for (int unit = 0; unit < units; unit++) {
                hError[row * kernelUnits + unit] = error * denseKernel[unit];
                kernelGradient[unit] += error * lastH[row * kernelUnits + unit];
            }
        }
        return biasGradient;
        // kata:end
    }

    @Override
    protected LstmWeights gradient() {
        return parameters.gradientWeights();
    }

    /** Keras 1's Adam, libnd4j's {@code adam_updater}, turns the gradient into its step, subtracted from the weights. */
    @Override
    protected void optimizerStep() {
        // kata:begin dl4j
        parameters.adamStep(iteration);
        iteration++;
        // kata:end
    }

    @Override
    protected LstmWeights weights() {
        return parameters.weights();
    }

    @Override
    protected void replaceWeights(LstmWeights weights) {
        parameters.write(weights);
    }

    /** The head's logit for each row, from one step's h, {@code [rows][k]} row by row from {@code at}. */
    private double[] denseHead(double[] h, int at, int rows) {
        double bias = parameters.denseBias();
        double[] kernel = parameters.denseKernel();
        double[] logits = new double[rows];
        for (int row = 0; row < rows; row++) {
            double z = bias;
            for (int unit = 0; unit < units; unit++) {
                z += h[at + row * kernelUnits + unit] * kernel[unit];
            }
            logits[row] = z;
        }
        return logits;
    }

    @Override
    protected double[][] logitsAtEveryStep() {
        double[] h = cells.everyH();
        int rows = cells.rows();
        double[][] logits = new double[rows][cells.steps()];
        for (int step = 0; step < cells.steps(); step++) {
            double[] atStep = denseHead(h, step * rows * kernelUnits, rows);
            for (int row = 0; row < rows; row++) {
                logits[row][step] = atStep[row];
            }
        }
        return logits;
    }

    /** One layer's {@code [rows][k]} row by row, without the inert unit, into its place in each row's layers. */
    private void realUnits(double[] kernelRows, double[][] state, int layer) {
        for (int row = 0; row < state.length; row++) {
            System.arraycopy(kernelRows, row * kernelUnits, state[row], layer * units, units);
        }
    }

    /**
     * Each row's layers side by side ({@code [rows][layers * units]}) as the passes' {@code [layer][rows][k]}, the
     * inert unit at zero; a state without c stays empty.
     */
    private double[] kernelWidth(double[][] state) {
        if (state.length == 0 || state[0].length == 0) {
            return new double[0];
        }
        int rows = state.length;
        double[] values = new double[layers * rows * kernelUnits];
        for (int layer = 0; layer < layers; layer++) {
            for (int row = 0; row < rows; row++) {
                System.arraycopy(state[row], layer * units, values, (layer * rows + row) * kernelUnits, units);
            }
        }
        return values;
    }
}
