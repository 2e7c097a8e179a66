package io.github.statefullstm.rnn.reference;

import io.github.statefullstm.rnn.BatchResult;
import io.github.statefullstm.rnn.CallChecks;
import io.github.statefullstm.rnn.KerasCrossEntropy;
import io.github.statefullstm.rnn.LstmModel;
import io.github.statefullstm.rnn.LstmState;
import io.github.statefullstm.rnn.LstmWeights;
import io.github.statefullstm.rnn.ModelConfig;

import java.util.Arrays;

/**
 * The reference {@link LstmModel}: double precision, exact gradients, Keras 1 semantics. This class owns the state
 * bookkeeping (what a batch starts from, what it leaves behind); {@link LstmCore} owns the arithmetic.
 *
 * <p>Every public call validates all of its arguments first and only then changes anything.
 */
final class ReferenceModel implements LstmModel {

    /** Keras' binary accuracy rounds the prediction: above one half is class 1. */
    private static final double DECISION_THRESHOLD = 0.5;

    private final ModelConfig config;
    private final FlatParameters layout;
    private final LstmCore core;
    private final Tape tape;
    private final AdamMoments adam;
    private final double[] params;
    private final double[] grad;
    /** Stateful only: the state the next batch starts from, one row per batch row. */
    private final double[][] carriedH;
    private final double[][] carriedC;
    /** The final state of every row of the most recent batch. */
    private double[][] finalH;
    private double[][] finalC;

    ReferenceModel(ModelConfig config) {
        this.config = config;
        this.layout = new FlatParameters(config.spec().features(), config.spec().units());
        this.core = new LstmCore(layout, config.spec().gateActivation());
        this.tape = new Tape(layout.units());
        this.params = KerasInitialWeights.draw(layout, config.seed());
        this.grad = new double[layout.size()];
        this.adam = new AdamMoments(config.adam(), layout.size());
        int carriedRows = config.stateful() ? config.batchSize() : 0;
        this.carriedH = new double[carriedRows][layout.units()];
        this.carriedC = new double[carriedRows][layout.units()];
        this.finalH = new double[carriedRows][layout.units()];
        this.finalC = new double[carriedRows][layout.units()];
    }

    @Override
    public ModelConfig config() {
        return config;
    }

    @Override
    public double[] predictOnBatch(double[][][] inputs) {
        run(inputs);
        double[] predictions = new double[tape.rows];
        for (int row = 0; row < tape.rows; row++) {
            predictions[row] = LstmCore.sigmoid(tape.logits[row]);
        }
        return predictions;
    }

    @Override
    public BatchResult trainOnBatch(double[][][] inputs, double[] targets) {
        checkBatch(inputs, targets);
        forward(inputs);
        BatchResult result = score(targets);
        Arrays.fill(grad, 0);
        core.backward(params, inputs, targets, tape, grad);
        adam.update(params, grad);
        keepFinalStates();
        return result;
    }

    @Override
    public BatchResult testOnBatch(double[][][] inputs, double[] targets) {
        checkBatch(inputs, targets);
        run(inputs);
        return score(targets);
    }

    @Override
    public LstmWeights gradientOnBatch(double[][][] inputs, double[] targets) {
        checkBatch(inputs, targets);
        forward(inputs);
        double[] gradient = new double[layout.size()];
        core.backward(params, inputs, targets, tape, gradient);
        return LstmWeights.unflatten(layout.features(), layout.units(), gradient);
    }

    @Override
    public void resetStates() {
        // kata:begin bookkeeping
        for (int row = 0; row < carriedH.length; row++) {
            Arrays.fill(carriedH[row], 0);
            Arrays.fill(carriedC[row], 0);
        }
        // kata:end
    }

    @Override
    public void resetStates(LstmState initial) {
        CallChecks.initialState(initial, config);
        // kata:begin bookkeeping
        for (int row = 0; row < carriedH.length; row++) {
            carriedH[row] = initial.h(row);
            carriedC[row] = initial.c(row);
        }
        // kata:end
    }

    @Override
    public LstmState states() {
        return config.stateful() ? new LstmState(carriedH, carriedC) : LstmState.zeros(finalH.length, layout.units());
    }

    @Override
    public LstmState finalStates() {
        return new LstmState(finalH, finalC);
    }

    @Override
    public LstmWeights getWeights() {
        return LstmWeights.unflatten(layout.features(), layout.units(), params);
    }

    @Override
    public void setWeights(LstmWeights weights) {
        CallChecks.weights(weights, layout.features(), layout.units());
        System.arraycopy(weights.flatten(), 0, params, 0, params.length);
    }

    private void checkBatch(double[][][] inputs, double[] targets) {
        checkInputs(inputs);
        CallChecks.targets(targets, inputs.length);
    }

    private int checkInputs(double[][][] inputs) {
        return CallChecks.inputs(inputs, layout.features(), config.stateful() ? config.batchSize() : 0);
    }

    /** A forward pass that advances the state: predict and test. */
    private void run(double[][][] inputs) {
        checkInputs(inputs);
        forward(inputs);
        keepFinalStates();
    }

    /** Fills the tape from the incoming state (carried or zero) through every step; changes no model field. */
    private void forward(double[][][] inputs) {
        tape.resize(inputs.length, inputs[0].length);
        for (int row = 0; row < inputs.length; row++) {
            if (config.stateful()) {
                startFromCarriedState(row);
            } else {
                tape.clearIncoming(row);
            }
        }
        core.forward(params, inputs, tape);
    }

    /** A stateful row starts where the same row of the previous batch ended, or from zeros after a reset. */
    private void startFromCarriedState(int row) {
        // kata:begin bookkeeping
        tape.setIncoming(row, carriedH[row], carriedC[row]);
        // kata:end
    }

    private void keepFinalStates() {
        if (finalH.length != tape.rows) {
            finalH = new double[tape.rows][layout.units()];
            finalC = new double[tape.rows][layout.units()];
        }
        for (int row = 0; row < tape.rows; row++) {
            tape.copyFinal(row, finalH[row], finalC[row]);
            if (config.stateful()) {
                carryFinalState(row);
            }
        }
    }

    /** What a stateful row leaves behind for the same row of the next batch. */
    private void carryFinalState(int row) {
        // kata:begin bookkeeping
        tape.copyFinal(row, carriedH[row], carriedC[row]);
        // kata:end
    }

    /** Mean binary cross-entropy and accuracy of the forward pass in the tape. */
    private BatchResult score(double[] targets) {
        double loss = 0;
        int correct = 0;
        for (int row = 0; row < tape.rows; row++) {
            double logit = tape.logits[row];
            loss += KerasCrossEntropy.lossOfLogit(logit, targets[row]);
            boolean saysOne = LstmCore.sigmoid(logit) > DECISION_THRESHOLD;
            if (saysOne == (targets[row] == 1)) {
                correct++;
            }
        }
        return new BatchResult(loss / tape.rows, (double) correct / tape.rows);
    }
}
