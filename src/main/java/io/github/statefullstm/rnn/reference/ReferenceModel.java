package io.github.statefullstm.rnn.reference;

import io.github.statefullstm.rnn.KerasLstmModel;
import io.github.statefullstm.rnn.LstmState;
import io.github.statefullstm.rnn.LstmWeights;
import io.github.statefullstm.rnn.ModelConfig;

import java.util.Arrays;

/**
 * The reference engine's arithmetic: double precision, exact gradients, Keras 1's Adam. {@link LstmCore} computes the
 * passes on a {@link Tape}; the state's bookkeeping and the loss are {@link KerasLstmModel}'s, as for every engine.
 */
final class ReferenceModel extends KerasLstmModel {

    private final FlatParameters layout;
    private final LstmCore core;
    private final Tape tape;
    private final AdamMoments adam;
    private final double[] params;
    private final double[] grad;
    /** The batch of the last forward pass: its backward pass reads the inputs again. */
    private double[][][] inputs;

    ReferenceModel(ModelConfig config) {
        super(config);
        this.layout = new FlatParameters(config.spec().features(), config.spec().units());
        this.core = new LstmCore(layout, config.spec().gateActivation());
        this.tape = new Tape(layout.units());
        this.params = KerasInitialWeights.draw(layout, config.seed());
        this.grad = new double[layout.size()];
        this.adam = new AdamMoments(config.adam(), layout.size());
    }

    @Override
    protected Forward forward(double[][][] batch, LstmState start, boolean[][] skipped) {
        this.inputs = batch;
        tape.resize(batch.length, batch[0].length, skipped);
        for (int row = 0; row < batch.length; row++) {
            tape.setIncoming(row, start.h(row), start.c(row));
        }
        core.forward(params, batch, tape);
        double[][] h = new double[tape.rows][layout.units()];
        double[][] c = new double[tape.rows][layout.units()];
        for (int row = 0; row < tape.rows; row++) {
            tape.copyFinal(row, h[row], c[row]);
        }
        return new Forward(Arrays.copyOf(tape.logits, tape.rows), new LstmState(h, c));
    }

    @Override
    protected double[][] logitsAtEveryStep() {
        double[][] logits = new double[tape.rows][tape.steps];
        for (int row = 0; row < tape.rows; row++) {
            for (int step = 0; step < tape.steps; step++) {
                logits[row][step] = core.logitAfter(params, tape, row, step + 1);
            }
        }
        return logits;
    }

    @Override
    protected void backward(double[][] logitErrors) {
        Arrays.fill(grad, 0);
        core.backward(params, inputs, logitErrors, tape, grad);
    }

    @Override
    protected LstmWeights gradient() {
        return LstmWeights.unflatten(layout.features(), layout.units(), grad);
    }

    @Override
    protected void optimizerStep() {
        adam.update(params, grad);
    }

    @Override
    protected LstmWeights weights() {
        return LstmWeights.unflatten(layout.features(), layout.units(), params);
    }

    @Override
    protected void replaceWeights(LstmWeights weights) {
        System.arraycopy(weights.flatten(), 0, params, 0, params.length);
    }
}
