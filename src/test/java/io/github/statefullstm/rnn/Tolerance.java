package io.github.statefullstm.rnn;

import java.util.Arrays;

/**
 * How far two computations of the same numbers may be apart, number by number: either not at all (two runs of
 * one arithmetic that do the same operations in the same order), or as far as {@link KerasEquations}' error analysis
 * allows two implementations of the equations to be, on the very inputs compared.
 *
 * <p>Two implementations of the same function (same gates, same hard-sigmoid slope) are each within their bound of
 * the exact value, so within the sum of the two bounds of each other. Two implementations of different functions
 * (ND4J's hard sigmoid has slope 0.2f, Keras' 0.2) are further apart by the difference of the two exact values, which
 * the equations computed in double give to within their own bounds: so the difference of the two computed values
 * plus twice each bound.
 */
public final class Tolerance {

    private final String reason;
    private final double[] outputs;
    private final double[][] h;
    private final double[][] c;
    private final double loss;
    private final double accuracy;
    private final double[] weights;
    private final boolean[] undetermined;

    private Tolerance(String reason, double[] outputs, double[][] h, double[][] c, double loss, double accuracy,
                      double[] weights, boolean[] undetermined) {
        this.reason = reason;
        this.outputs = outputs;
        this.h = h;
        this.c = c;
        this.loss = loss;
        this.accuracy = accuracy;
        this.weights = weights;
        this.undetermined = undetermined;
    }

    /** No difference at all: the same operations on the same numbers in the same order. */
    public static Tolerance exact(String reason) {
        return new Tolerance(reason, null, null, null, 0, 0, null, null);
    }

    /** Two implementations of a forward pass from {@code initial}: outputs and final states. */
    public static Tolerance forward(LstmWeights w, GateActivation gate, double[][][] inputs, LstmState initial,
                                    Arithmetic a, Arithmetic b) {
        return forward(w, gate, inputs, initial, null, a, b);
    }

    /** The same, with the loss and accuracy of the targets too. */
    public static Tolerance forward(LstmWeights w, GateActivation gate, double[][][] inputs, LstmState initial,
                                    double[] targets, Arithmetic a, Arithmetic b) {
        KerasEquations.Pass pa = KerasEquations.forward(w, gate, inputs, initial, a);
        KerasEquations.Pass pb = KerasEquations.forward(w, gate, inputs, initial, b);
        boolean same = a.sameFunctionAs(b, gate);
        double[] outputs = apart(same, pa.probabilities(), pa.probabilityErrors(), pb.probabilities(),
                pb.probabilityErrors());
        double[][] h = new double[pa.rows()][];
        double[][] c = new double[pa.rows()][];
        for (int row = 0; row < pa.rows(); row++) {
            h[row] = apart(same, pa.finalState().h(row), pa.hErrors()[row], pb.finalState().h(row), pb.hErrors()[row]);
            c[row] = apart(same, pa.finalState().c(row), pa.cErrors()[row], pb.finalState().c(row), pb.cErrors()[row]);
        }
        double loss = 0;
        double accuracy = 0;
        if (targets != null) {
            loss = apart(same, pa.loss(targets), pa.lossError(targets), pb.loss(targets), pb.lossError(targets));
            // each side's share is one division of at most 1, rounded: a unit in the last place of 1 covers both
            accuracy = (double) undecided(pa.probabilities(), pb.probabilities(), outputs) / pa.rows()
                    + Math.ulp(1.0);
        }
        return new Tolerance("the error bounds of " + describe(a, b, same), outputs, h, c, loss, accuracy, null,
                null);
    }

    /**
     * Two implementations of the gradient of the mean loss from {@code initial} (held constant), weight by weight,
     * with the loss; weights whose derivative passes a kink in either are undetermined.
     */
    public static Tolerance gradient(LstmWeights w, GateActivation gate, double[][][] inputs, LstmState initial,
                                     double[] targets, Arithmetic a, Arithmetic b) {
        return gradient(w, gate, inputs, initial, targets, a, b, null);
    }

    /**
     * The same, where {@code a}'s clip decisions are known ({@code aClipped}, read off the probabilities it wrote):
     * float32 cannot place a probability within a few units of its last place of Keras' clip bounds, but a fixture
     * says on which side Keras put it.
     */
    public static Tolerance gradient(LstmWeights w, GateActivation gate, double[][][] inputs, LstmState initial,
                                     double[] targets, Arithmetic a, Arithmetic b, boolean[] aClipped) {
        KerasEquations.Pass pa = KerasEquations.withDerivatives(w, gate, inputs, initial, a);
        KerasEquations.Pass pb = KerasEquations.withDerivatives(w, gate, inputs, initial, b);
        boolean same = a.sameFunctionAs(b, gate);
        double loss = apart(same, pa.loss(targets), pa.lossError(targets), pb.loss(targets), pb.lossError(targets));
        return ofGradients("the gradient's error bounds of " + describe(a, b, same), same,
                pa.gradient(targets, aClipped), pb.gradient(targets), loss);
    }

    /**
     * Two implementations of the gradient of the mean loss over the counted steps of {@code targets}, from
     * {@code initial} (held constant), weight by weight, with that loss; weights whose derivative passes a kink in
     * either are undetermined.
     */
    public static Tolerance gradient(LstmWeights w, GateActivation gate, double[][][] inputs, LstmState initial,
                                     StepTargets targets, Arithmetic a, Arithmetic b) {
        KerasEquations.Pass pa = KerasEquations.withDerivatives(w, gate, inputs, initial, a);
        KerasEquations.Pass pb = KerasEquations.withDerivatives(w, gate, inputs, initial, b);
        boolean same = a.sameFunctionAs(b, gate);
        double loss = apart(same, pa.loss(targets), pa.lossError(targets), pb.loss(targets), pb.lossError(targets));
        return ofGradients("the gradient's error bounds over the counted steps of " + describe(a, b, same), same,
                pa.gradient(targets), pb.gradient(targets), loss);
    }

    /** Two gradients' bounds weight by weight, undetermined where either passes a kink, and their loss's. */
    private static Tolerance ofGradients(String reason, boolean same, KerasEquations.Gradient ga,
                                         KerasEquations.Gradient gb, double loss) {
        double[] weights = apart(same, ga.values(), ga.errors(), gb.values(), gb.errors());
        boolean[] undetermined = new boolean[weights.length];
        for (int k = 0; k < weights.length; k++) {
            undetermined[k] = ga.atAKink()[k] || gb.atAKink()[k];
        }
        return new Tolerance(reason, null, null, null, loss, 0, weights, undetermined);
    }

    /** Tolerances for weights given one by one, for what is derived from a gradient (an optimizer's step). */
    public static Tolerance weights(String reason, double[] weights, boolean[] undetermined) {
        return new Tolerance(reason, null, null, null, 0, 0, weights.clone(), undetermined.clone());
    }

    public boolean isExact() {
        return outputs == null && h == null && weights == null && loss == 0;
    }

    public String reason() {
        return reason;
    }

    public double output(int row) {
        return isExact() ? 0 : need(outputs, "outputs")[row];
    }

    public double h(int row, int unit) {
        return isExact() ? 0 : need(h, "states")[row][unit];
    }

    public double c(int row, int unit) {
        return isExact() ? 0 : need(c, "states")[row][unit];
    }

    public double loss() {
        return loss;
    }

    /** The share of rows whose decision may differ: those within their tolerance of one half. */
    public double accuracy() {
        return accuracy;
    }

    public double weight(int k) {
        return isExact() ? 0 : need(weights, "weights")[k];
    }

    /** Whether weight {@code k} can be held to a value at all (its derivative passes no kink). */
    public boolean determined(int k) {
        return undetermined == null || !undetermined[k];
    }

    /** The largest tolerance of the outputs and states: for statistics of how tight a check is. */
    public double largest() {
        double largest = loss;
        for (double[] block : new double[][] {outputs, weights}) {
            if (block != null) {
                largest = Math.max(largest, Arrays.stream(block).max().orElse(0));
            }
        }
        return largest;
    }

    private static <T> T need(T block, String what) {
        if (block == null) {
            throw new IllegalStateException("this tolerance has no bounds for " + what);
        }
        return block;
    }

    private static String describe(Arithmetic a, Arithmetic b, boolean same) {
        return a.equals(b) ? "two runs of " + a : a + " and " + b + (same ? "" : ", and the difference of their functions");
    }

    private static double apart(boolean same, double va, double ea, double vb, double eb) {
        return same ? ea + eb : Math.abs(va - vb) + 2 * (ea + eb);
    }

    private static double[] apart(boolean same, double[] va, double[] ea, double[] vb, double[] eb) {
        double[] tolerance = new double[va.length];
        for (int i = 0; i < va.length; i++) {
            tolerance[i] = apart(same, va[i], ea[i], vb[i], eb[i]);
        }
        return tolerance;
    }

    private static int undecided(double[] pa, double[] pb, double[] tolerance) {
        int count = 0;
        for (int row = 0; row < pa.length; row++) {
            boolean nearHalf = Math.abs(pa[row] - 0.5) <= tolerance[row] || Math.abs(pb[row] - 0.5) <= tolerance[row];
            count += nearHalf ? 1 : 0;
        }
        return count;
    }
}
