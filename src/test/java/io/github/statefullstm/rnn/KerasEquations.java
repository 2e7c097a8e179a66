package io.github.statefullstm.rnn;

/**
 * The canonical LSTM equations written out by hand, straight from {@link LstmWeights}' documentation, in double
 * precision: the independent side of the checks that each engine's forward pass, parameter mapping and state handling
 * are right.
 */
public final class KerasEquations {

    /** Probabilities at the last step and the final state of a forward pass. */
    public record Forward(double[] probabilities, LstmState finalState) {
    }

    private KerasEquations() {
    }

    public static Forward forward(LstmWeights w, GateActivation gate, double[][][] inputs, LstmState initial) {
        int units = w.units();
        int rows = inputs.length;
        double[][] kernel = w.kernel();
        double[][] recurrent = w.recurrentKernel();
        double[] bias = w.bias();
        double[][] h = initial.h();
        double[][] c = initial.c();
        double[] probabilities = new double[rows];
        for (int row = 0; row < rows; row++) {
            for (double[] x : inputs[row]) {
                double[] z = bias.clone();
                for (int col = 0; col < 4 * units; col++) {
                    for (int f = 0; f < x.length; f++) {
                        z[col] += x[f] * kernel[f][col];
                    }
                    for (int j = 0; j < units; j++) {
                        z[col] += h[row][j] * recurrent[j][col];
                    }
                }
                double[] newH = new double[units];
                double[] newC = new double[units];
                for (int j = 0; j < units; j++) {
                    double i = gate(gate, z[j]);
                    double f = gate(gate, z[units + j]);
                    double candidate = Math.tanh(z[2 * units + j]);
                    double o = gate(gate, z[3 * units + j]);
                    newC[j] = f * c[row][j] + i * candidate;
                    newH[j] = o * Math.tanh(newC[j]);
                }
                h[row] = newH;
                c[row] = newC;
            }
            double logit = w.denseBias();
            double[] dense = w.denseKernel();
            for (int j = 0; j < units; j++) {
                logit += h[row][j] * dense[j];
            }
            probabilities[row] = sigmoid(logit);
        }
        return new Forward(probabilities, new LstmState(h, c));
    }

    private static double gate(GateActivation gate, double x) {
        return switch (gate) {
            case SIGMOID -> sigmoid(x);
            case HARD_SIGMOID -> Math.max(0, Math.min(1, 0.2 * x + 0.5));
        };
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}
