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
    /** One tape per layer, layer 0 first. */
    private final Tape[] tapes;
    private final AdamMoments adam;
    private final double[] params;
    private final double[] grad;
    /** The batch of the last forward pass: its backward pass reads the inputs again. */
    private double[][][] inputs;

    ReferenceModel(ModelConfig config) {
        super(config);
        this.layout = new FlatParameters(config.spec());
        this.core = new LstmCore(layout, config.spec().gateActivation());
        this.tapes = new Tape[layout.layers()];
        for (int layer = 0; layer < tapes.length; layer++) {
            tapes[layer] = new Tape(layout.units(), layout.cell().gates());
        }
        this.params = KerasInitialWeights.draw(layout, config.seed());
        this.grad = new double[layout.size()];
        this.adam = new AdamMoments(config.adam(), layout.size());
    }

    @Override
    protected Forward forward(double[][][] batch, LstmState start, boolean[][] skipped) {
        this.inputs = batch;
        int units = layout.units();
        for (int layer = 0; layer < tapes.length; layer++) {
            tapes[layer].resize(batch.length, batch[0].length, skipped);
            for (int row = 0; row < batch.length; row++) {
                tapes[layer].setIncoming(row, start.h(row), start.c(row), layer * units);
            }
        }
        core.forward(params, batch, tapes);
        int width = layout.layers() * units;
        double[][] h = new double[batch.length][width];
        double[][] c = new double[batch.length][layout.cell().carriesCell() ? width : 0];
        for (int layer = 0; layer < tapes.length; layer++) {
            for (int row = 0; row < batch.length; row++) {
                tapes[layer].copyFinal(row, h[row], c[row], layer * units);
            }
        }
        return new Forward(Arrays.copyOf(top().logits, batch.length), LstmState.ofRows(layout.layers(), h, c));
    }

    private Tape top() {
        return tapes[tapes.length - 1];
    }

    @Override
    protected double[][] logitsAtEveryStep() {
        Tape tape = top();
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
        core.backward(params, inputs, logitErrors, tapes, grad);
    }

    @Override
    protected LstmWeights gradient() {
        return LstmWeights.unflatten(layout.spec(), grad);
    }

    @Override
    protected void optimizerStep() {
        adam.update(params, grad);
    }

    @Override
    protected LstmWeights weights() {
        return LstmWeights.unflatten(layout.spec(), params);
    }

    @Override
    protected void replaceWeights(LstmWeights weights) {
        System.arraycopy(weights.flatten(), 0, params, 0, params.length);
    }
}
