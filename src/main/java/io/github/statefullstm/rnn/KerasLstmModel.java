package io.github.statefullstm.rnn;

import java.util.Arrays;

/**
 * Everything of an {@link LstmModel} that does not depend on the engine, written once: the call checks, the carried
 * and final state and what a batch starts from, {@code resetStates}, which steps a {@link Masking} skips, Keras' loss
 * with its clip and its accuracy, and how a call strings the engine's passes together. An engine supplies the arithmetic only: a forward pass over a batch
 * from a given state, the backward pass of that batch from the errors of its logits, and the optimizer's step.
 *
 * <p><b>State.</b> Stateless, every batch starts from zeros. Stateful, row i of each batch starts from the final state
 * of row i of the batch before, and of no other row, until {@link #resetStates()}. The incoming state is a constant to
 * the backward pass: gradients stop at the batch boundary while the state goes on, as in Keras' stateful
 * {@code train_on_batch}. The final state a training call carries is that of its forward pass, made with the weights
 * before the update, as Keras' state update runs in the same forward pass.
 *
 * <p><b>Refusals.</b> Every call checks all of its arguments ({@link CallChecks}) before anything moves, so that a
 * refused call leaves weights, optimizer and state as they were.
 */
public abstract class KerasLstmModel implements LstmModel {

    /** Keras' binary accuracy rounds the probability: round(0.5) is 0 (half to even), so class 1 needs p > 0.5. */
    public static final double DECISION_THRESHOLD = 0.5;

    private final ModelConfig config;
    /** A row's carried h and c: every layer's units side by side, as {@link LstmState#h(int)} holds them. */
    private final int hWidth;
    private final int cWidth;
    /** Stateful only: the state the next batch starts from, one row per batch row. */
    private final double[][] carriedH;
    private final double[][] carriedC;
    /** The final state of every row of the most recent batch. */
    private LstmState last;

    protected KerasLstmModel(ModelConfig config) {
        this.config = config;
        LstmSpec spec = config.spec();
        this.hWidth = spec.layers() * spec.units();
        this.cWidth = spec.cell().carriesCell() ? hWidth : 0;
        int carriedRows = config.stateful() ? config.batchSize() : 0;
        this.carriedH = new double[carriedRows][hWidth];
        this.carriedC = new double[carriedRows][cWidth];
        this.last = LstmState.zeros(spec, carriedRows);
    }

    /** What an engine's forward pass gives: each row's logit at its last step, and each row's final state. */
    public record Forward(double[] logits, LstmState finalState) {
    }

    /**
     * Runs the batch (already checked) forward from {@code start}, one row of state per row of the batch, and keeps
     * what its backward pass will need. Where {@code skipped[row][step]} is true the step is masked: the row's h and c
     * go through it unchanged and the backward pass sends the state's errors through it unchanged, with no share of
     * the gradient; {@code skipped} is null when no step of the batch is masked.
     */
    protected abstract Forward forward(double[][][] inputs, LstmState start, boolean[][] skipped);

    /**
     * Back-propagates the batch of the last forward pass from the errors of its logits, dLoss/dLogit per row and step
     * ({@code [rows][steps]}, 0 where a step's answer counts for nothing), through every step back to the incoming
     * state, which it treats as a constant; the result is the engine's gradient. With errors at the last step only it
     * computes exactly what it computed before answers at other steps could count, to the last bit.
     */
    protected abstract void backward(double[][] logitErrors);

    /**
     * Each row's logit at every step of the last forward pass, {@code [rows][steps]}, from the h the step left; the
     * last column is the forward pass's own logits, to the last bit.
     */
    protected abstract double[][] logitsAtEveryStep();

    /** The gradient the last backward pass left, in the canonical layout. */
    protected abstract LstmWeights gradient();

    /** One step of the optimizer from the gradient the last backward pass left. */
    protected abstract void optimizerStep();

    protected abstract LstmWeights weights();

    /** Replaces every weight (already checked); the optimizer's moments stay as they are, as in Keras. */
    protected abstract void replaceWeights(LstmWeights weights);

    @Override
    public final ModelConfig config() {
        return config;
    }

    @Override
    public final double[] predictOnBatch(double[][][] inputs) {
        CallChecks.inputs(inputs, config);
        Forward pass = forwardFromTheStart(inputs);
        keep(pass.finalState());
        return probabilities(pass);
    }

    @Override
    public final double[][] predictEveryStepOnBatch(double[][][] inputs) {
        CallChecks.inputs(inputs, config);
        Forward pass = forwardFromTheStart(inputs);
        keep(pass.finalState());
        return probabilitiesAtEveryStep();
    }

    /** The probability after every step of the last forward pass, {@code [rows][steps]}. */
    private double[][] probabilitiesAtEveryStep() {
        double[][] logits = logitsAtEveryStep();
        double[][] probabilities = new double[logits.length][];
        for (int row = 0; row < logits.length; row++) {
            probabilities[row] = probabilities(logits[row]);
        }
        return probabilities;
    }

    @Override
    public final BatchResult testOnBatch(double[][][] inputs, double[] targets) {
        CallChecks.inputs(inputs, config);
        CallChecks.targets(targets, inputs.length);
        Forward pass = forwardFromTheStart(inputs);
        keep(pass.finalState());
        return score(probabilities(pass), targets);
    }

    @Override
    public final BatchResult trainOnBatch(double[][][] inputs, double[] targets) {
        int steps = CallChecks.inputs(inputs, config);
        CallChecks.targets(targets, inputs.length);
        Forward pass = forwardFromTheStart(inputs);
        double[] probabilities = probabilities(pass);
        backward(atLastStep(logitErrors(probabilities, targets), steps));
        optimizerStep();
        keep(pass.finalState());
        // Keras reports the loss of the forward pass, made with the weights before the update.
        return score(probabilities, targets);
    }

    @Override
    public final LstmWeights gradientOnBatch(double[][][] inputs, double[] targets) {
        int steps = CallChecks.inputs(inputs, config);
        CallChecks.targets(targets, inputs.length);
        Forward pass = forwardFromTheStart(inputs);
        backward(atLastStep(logitErrors(probabilities(pass), targets), steps));
        return gradient();
    }

    @Override
    public final BatchResult trainOnBatch(double[][][] inputs, StepTargets targets) {
        int steps = CallChecks.inputs(inputs, config);
        CallChecks.stepTargets(targets, inputs.length, steps);
        Forward pass = forwardFromTheStart(inputs);
        double[][] probabilities = probabilitiesAtEveryStep();
        backward(logitErrors(probabilities, targets));
        optimizerStep();
        keep(pass.finalState());
        return score(probabilities, targets);
    }

    @Override
    public final BatchResult testOnBatch(double[][][] inputs, StepTargets targets) {
        int steps = CallChecks.inputs(inputs, config);
        CallChecks.stepTargets(targets, inputs.length, steps);
        Forward pass = forwardFromTheStart(inputs);
        keep(pass.finalState());
        return score(probabilitiesAtEveryStep(), targets);
    }

    @Override
    public final LstmWeights gradientOnBatch(double[][][] inputs, StepTargets targets) {
        int steps = CallChecks.inputs(inputs, config);
        CallChecks.stepTargets(targets, inputs.length, steps);
        forwardFromTheStart(inputs);
        backward(logitErrors(probabilitiesAtEveryStep(), targets));
        return gradient();
    }

    @Override
    public final void resetStates() {
        // kata:begin bookkeeping
        for (int row = 0; row < carriedH.length; row++) {
            Arrays.fill(carriedH[row], 0);
            Arrays.fill(carriedC[row], 0);
        }
        // kata:end
    }

    @Override
    public final void resetRow(int row) {
        CallChecks.row(row, config);
        // kata:begin bookkeeping
        carriedH[row] = new double[hWidth];
        carriedC[row] = new double[cWidth];
        // kata:end
    }

    @Override
    public final void resetStates(LstmState initial) {
        CallChecks.initialState(initial, config);
        // kata:begin bookkeeping
        for (int row = 0; row < carriedH.length; row++) {
            carriedH[row] = initial.h(row);
            carriedC[row] = initial.c(row);
        }
        // kata:end
    }

    @Override
    public final LstmState states() {
        // the carried rows as they are, not through carriedState(): what a batch starts from is the kata's to get wrong
        return config.stateful() ? LstmState.ofRows(config.spec().layers(), carriedH, carriedC)
                : LstmState.zeros(config.spec(), last.rows());
    }

    @Override
    public final LstmState finalStates() {
        return last;
    }

    @Override
    public final LstmWeights getWeights() {
        return weights();
    }

    @Override
    public final void setWeights(LstmWeights weights) {
        CallChecks.weights(weights, config.spec());
        replaceWeights(weights);
    }

    /** The engine's forward pass of a checked batch from what it starts from, skipping the steps the masking masks. */
    private Forward forwardFromTheStart(double[][][] inputs) {
        return forward(inputs, start(inputs.length), config.masking().skippedSteps(inputs));
    }

    /** What a batch of {@code rows} starts from: a stateful model's carried state, a stateless one's zeros. */
    private LstmState start(int rows) {
        return config.stateful() ? carriedState() : LstmState.zeros(config.spec(), rows);
    }

    /** The state a stateful model's next batch starts from, row i of it from row i of the carried state. */
    private LstmState carriedState() {
        // kata:begin bookkeeping
        return LstmState.ofRows(config.spec().layers(), carriedH, carriedC);
        // kata:end
    }

    /** What a batch leaves behind: its final state, which a stateful row carries to the same row of the next batch. */
    private void keep(LstmState finalState) {
        last = finalState;
        if (config.stateful()) {
            carry(finalState);
        }
    }

    /** Row i's final state becomes row i's next start. */
    private void carry(LstmState finalState) {
        // kata:begin bookkeeping
        for (int row = 0; row < carriedH.length; row++) {
            carriedH[row] = finalState.h(row);
            carriedC[row] = finalState.c(row);
        }
        // kata:end
    }

    private static double[] probabilities(Forward pass) {
        return probabilities(pass.logits());
    }

    private static double[] probabilities(double[] logits) {
        double[] probabilities = new double[logits.length];
        for (int row = 0; row < logits.length; row++) {
            probabilities[row] = Sigmoid.of(logits[row]);
        }
        return probabilities;
    }

    /**
     * dLoss/dLogit of each row for the mean loss over the rows: with a sigmoid output and binary cross-entropy it is
     * (p - y) / rows, or 0 where Keras clips the probability and the loss is flat.
     */
    private static double[] logitErrors(double[] probabilities, double[] targets) {
        double[] errors = new double[probabilities.length];
        for (int row = 0; row < errors.length; row++) {
            errors[row] = KerasCrossEntropy.logitGradient(probabilities[row], targets[row]) / errors.length;
        }
        return errors;
    }

    /** Each row's error at the last of {@code steps} steps, and none at the others. */
    private static double[][] atLastStep(double[] rowErrors, int steps) {
        double[][] errors = new double[rowErrors.length][steps];
        for (int row = 0; row < rowErrors.length; row++) {
            errors[row][steps - 1] = rowErrors[row];
        }
        return errors;
    }

    /**
     * dLoss/dLogit at every step for the mean loss over the counted steps: (p - y) / counted where a step counts (0
     * where Keras clips the probability), 0 where it does not.
     */
    private static double[][] logitErrors(double[][] probabilities, StepTargets targets) {
        int count = targets.count();
        double[][] errors = new double[probabilities.length][];
        for (int row = 0; row < errors.length; row++) {
            errors[row] = new double[probabilities[row].length];
            for (int step = 0; step < errors[row].length; step++) {
                if (targets.counted()[row][step]) {
                    errors[row][step] = KerasCrossEntropy.logitGradient(probabilities[row][step],
                            targets.targets()[row][step]) / count;
                }
            }
        }
        return errors;
    }

    /** Keras' binary cross-entropy and binary accuracy, each the mean over the counted steps, row by row. */
    private static BatchResult score(double[][] probabilities, StepTargets targets) {
        double loss = 0;
        int correct = 0;
        for (int row = 0; row < probabilities.length; row++) {
            for (int step = 0; step < probabilities[row].length; step++) {
                if (targets.counted()[row][step]) {
                    double target = targets.targets()[row][step];
                    loss += KerasCrossEntropy.loss(probabilities[row][step], target);
                    correct += (probabilities[row][step] > DECISION_THRESHOLD ? 1 : 0) == target ? 1 : 0;
                }
            }
        }
        int count = targets.count();
        return new BatchResult(loss / count, (double) correct / count);
    }

    /** Keras' mean binary cross-entropy and binary accuracy of the batch. */
    private static BatchResult score(double[] probabilities, double[] targets) {
        double loss = 0;
        int correct = 0;
        for (int row = 0; row < probabilities.length; row++) {
            loss += KerasCrossEntropy.loss(probabilities[row], targets[row]);
            double predicted = probabilities[row] > DECISION_THRESHOLD ? 1 : 0;
            if (predicted == targets[row]) {
                correct++;
            }
        }
        return new BatchResult(loss / probabilities.length, (double) correct / probabilities.length);
    }
}
