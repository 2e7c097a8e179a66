package io.github.statefullstm.training;

import io.github.statefullstm.rnn.BatchResult;
import io.github.statefullstm.rnn.LstmModel;
import io.github.statefullstm.rnn.LstmSpec;
import io.github.statefullstm.rnn.LstmState;
import io.github.statefullstm.rnn.LstmWeights;
import io.github.statefullstm.rnn.ModelConfig;
import io.github.statefullstm.rnn.StepTargets;
import java.util.ArrayList;
import java.util.List;

/**
 * A model that learns nothing and writes down every call, so the runner's use of the {@code LstmModel} contract can
 * be checked without an engine. Its loss and accuracy for a batch are derived from the batch's first input, so
 * averages are checkable.
 */
final class RecordingModel implements LstmModel {

    final List<String> calls = new ArrayList<>();
    /** The targets of every call with targets at chosen steps, in order. */
    final List<StepTargets> stepTargets = new ArrayList<>();
    private final ModelConfig config;
    private LstmState carried;

    RecordingModel(boolean stateful, int batchSize) {
        this.config = new ModelConfig(LstmSpec.POST, stateful, batchSize, io.github.statefullstm.rnn.Adam.KERAS, 0);
        this.carried = LstmState.zeros(batchSize, LstmSpec.POST.units());
    }

    static BatchResult resultFor(double[][][] inputs) {
        double first = inputs[0][0][0];
        return new BatchResult(1 + first, first == 0 ? 0 : 1);
    }

    @Override
    public ModelConfig config() {
        return config;
    }

    @Override
    public double[] predictOnBatch(double[][][] inputs) {
        calls.add("predict " + inputs.length);
        return new double[inputs.length];
    }

    @Override
    public double[][] predictEveryStepOnBatch(double[][][] inputs) {
        calls.add("predict every step " + inputs.length);
        return new double[inputs.length][inputs[0].length];
    }

    @Override
    public BatchResult trainOnBatch(double[][][] inputs, StepTargets targets) {
        calls.add("train every step " + inputs.length);
        stepTargets.add(targets);
        return resultFor(inputs);
    }

    @Override
    public BatchResult testOnBatch(double[][][] inputs, StepTargets targets) {
        calls.add("test every step " + inputs.length);
        stepTargets.add(targets);
        return resultFor(inputs);
    }

    @Override
    public LstmWeights gradientOnBatch(double[][][] inputs, StepTargets targets) {
        calls.add("gradient every step " + inputs.length);
        return LstmWeights.zeros(config.spec());
    }

    @Override
    public BatchResult trainOnBatch(double[][][] inputs, double[] targets) {
        calls.add("train " + inputs.length);
        return resultFor(inputs);
    }

    @Override
    public BatchResult testOnBatch(double[][][] inputs, double[] targets) {
        calls.add("test " + inputs.length);
        if (!config.stateful()) {
            return resultFor(inputs);
        }
        double[][] h = new double[config.batchSize()][LstmSpec.POST.units()];
        h[0][0] = calls.size();
        carried = new LstmState(h, new double[config.batchSize()][LstmSpec.POST.units()]);
        return resultFor(inputs);
    }

    @Override
    public LstmWeights gradientOnBatch(double[][][] inputs, double[] targets) {
        throw new UnsupportedOperationException("the runner never asks for gradients");
    }

    @Override
    public void resetStates() {
        calls.add("reset");
        carried = LstmState.zeros(config.batchSize(), LstmSpec.POST.units());
    }

    @Override
    public void resetRow(int row) {
        calls.add("reset row " + row);
        carried = carried.withRow(row, LstmState.zeros(config.batchSize(), LstmSpec.POST.units()), row);
    }

    @Override
    public void resetStates(LstmState initial) {
        calls.add("restore");
        carried = initial;
    }

    @Override
    public LstmState states() {
        return carried;
    }

    @Override
    public LstmState finalStates() {
        return carried;
    }

    @Override
    public LstmWeights getWeights() {
        throw new UnsupportedOperationException("the runner never reads weights");
    }

    @Override
    public void setWeights(LstmWeights weights) {
        throw new UnsupportedOperationException("the runner never writes weights");
    }
}
