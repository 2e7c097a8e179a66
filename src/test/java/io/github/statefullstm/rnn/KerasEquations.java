package io.github.statefullstm.rnn;

import java.util.Arrays;

/**
 * Keras' recurrent layers (LSTM, or GRU with {@code reset_after=False}, one or stacked) -> Dense(1, sigmoid) ->
 * clipped binary cross-entropy, written out by hand from {@link LstmWeights}' and {@link Cell}'s documentation in
 * double precision: the independent side of every check that an engine's forward
 * pass, gradient and state handling are right.
 *
 * <p><b>Error bounds.</b> Beside every number it computes how far an implementation of the same equations, in a given
 * {@link Arithmetic}, can be from their exact value: a first-order running error analysis (Wilkinson's, as in Higham,
 * <i>Accuracy and Stability of Numerical Algorithms</i>, ch. 3). Its model of an implementation:
 * <ul>
 *   <li>every datum and weight is first rounded to the working type (off by the unit roundoff {@code u}, relative);</li>
 *   <li>a sum of {@code n} products, such as a gate's pre-activation, is off by at most {@code γ(n) = n u / (1 - n u)}
 *       times the sum of its terms' magnitudes, whatever order it adds them in (Higham, (3.5)): so the bound holds for
 *       BLAS, for libnd4j and for the reference alike;</li>
 *   <li>each other operation rounds once (u, relative, and below the type's smallest normal number by at most that
 *       number, absolute: gradual underflow), and exp, log, tanh and sigmoid are within
 *       {@value #LIBRARY_ROUNDINGS} u, relative, or absolute below the arithmetic's
 *       {@link Arithmetic#functionFloor()};</li>
 *   <li>an error entering a function is carried by the function's largest slope on the interval the value may lie in
 *       (sigmoid, tanh and the hard sigmoid are Lipschitz, so this holds across the hard sigmoid's kinks too).</li>
 * </ul>
 * The analysis drops terms of second order in {@code u}; they are smaller than the first-order ones by a factor of
 * the relative bound itself (below 1e-4 even in float32), so {@value #FIRST_ORDER_MARGIN} times the first-order
 * bound covers them many times over. A bound therefore holds for every input, however large or small its numbers,
 * and grows with exactly the magnitudes that make rounding grow.
 *
 * <p><b>Derivatives.</b> {@link #withDerivatives} also carries, for every quantity, its exact derivative with respect
 * to every weight (forward-mode dual numbers, in {@link LstmWeights#flatten()}'s order) and the error bound of each:
 * the derivative of a product or a function picks up the error of the value it is evaluated at (through the
 * function's second derivative: |σ''| ≤ σ' and |tanh''| ≤ 2 tanh'), and a function's slope computed from its
 * rounded value (σ(1 - σ), 1 - tanh²) that value's rounding, besides their own rounding. Where the hard sigmoid
 * or Keras' clip of the output has a kink inside the interval a value may lie in, the derivative is not determined
 * there: the weights whose derivative passes through such a kink are marked, and a check must leave them out.
 * The incoming state is a constant, as it is for Keras' stateful {@code train_on_batch}.
 */
public final class KerasEquations {

    /** Covers the second-order terms the analysis drops (smaller by a factor of the bound, below 1e-4). */
    static final double FIRST_ORDER_MARGIN = 1.25;
    /**
     * In units of the unit roundoff u (half an ulp): libm's exp and log are within 1 ulp (2 u), Java's tanh within
     * 2.5 ulps (5 u), and a sigmoid written 1 / (1 + exp(-x)) adds two roundings to exp's (4 u). Six covers each.
     */
    static final double LIBRARY_ROUNDINGS = 6;

    /** Keras' clip of the output probability, as its float32 graph holds the bounds (written out independently). */
    private static final float CLIP_LOWER = 1e-7f;
    private static final float CLIP_UPPER = 1 - 0x1p-23f;
    /** Keras' binary accuracy: above one half is class 1. */
    private static final double DECISION_THRESHOLD = 0.5;

    private KerasEquations() {
    }

    /** A forward pass from {@code initial}, with the error bounds of an implementation in {@code arithmetic}. */
    public static Pass forward(LstmWeights w, GateActivation gate, double[][][] inputs, LstmState initial,
                               Arithmetic arithmetic) {
        return new Evaluation(w, gate, arithmetic, false).run(inputs, initial);
    }

    /** The same pass, also carrying the derivative of everything with respect to every weight. */
    public static Pass withDerivatives(LstmWeights w, GateActivation gate, double[][][] inputs, LstmState initial,
                                       Arithmetic arithmetic) {
        return new Evaluation(w, gate, arithmetic, true).run(inputs, initial);
    }

    /** Keras' loss of one row: the probability clipped, as its float32 graph clips it, before the log. */
    static double rowLoss(double probability, double target) {
        double p = clipped(probability) ? Math.min(CLIP_UPPER, Math.max(CLIP_LOWER, (float) probability))
                : probability;
        return -(target * Math.log(p) + (1 - target) * Math.log(1 - p));
    }

    /** Keras decides on the float32 probability. */
    static boolean clipped(double probability) {
        float p = (float) probability;
        return p < CLIP_LOWER || p > CLIP_UPPER;
    }

    /**
     * The outcome of one pass: for each row its logit and probability at the last step and its final state, each with
     * its error bound; with derivatives, also the loss's gradient.
     */
    public static final class Pass {

        private final Arithmetic arithmetic;
        private final double unit;
        private final double tiny;
        private final int layers;
        private final Num[] logits;
        private final Num[] probabilities;
        private final Num[][] h;
        private final Num[][] c;
        private final boolean[] atAKink;
        /** Every row's logit and probability after every step, {@code [rows][steps]}: the answers at every step. */
        private final Num[][] stepLogits;
        private final Num[][] stepProbabilities;

        private Pass(Arithmetic arithmetic, double unit, int layers, Num[] logits, Num[] probabilities, Num[][] h,
                     Num[][] c, boolean[] atAKink, Num[][] stepLogits, Num[][] stepProbabilities) {
            this.layers = layers;
            this.stepLogits = stepLogits;
            this.stepProbabilities = stepProbabilities;
            this.arithmetic = arithmetic;
            this.unit = unit;
            this.tiny = arithmetic.smallestNormal();
            this.logits = logits;
            this.probabilities = probabilities;
            this.h = h;
            this.c = c;
            this.atAKink = atAKink;
        }

        public Arithmetic arithmetic() {
            return arithmetic;
        }

        public int rows() {
            return logits.length;
        }

        public double[] probabilities() {
            return values(probabilities);
        }

        public double[] probabilityErrors() {
            return errors(probabilities);
        }

        public double[] logits() {
            return values(logits);
        }

        public LstmState finalState() {
            double[][] hv = new double[h.length][];
            double[][] cv = new double[c.length][];
            for (int row = 0; row < h.length; row++) {
                hv[row] = values(h[row]);
                cv[row] = values(c[row]);
            }
            return LstmState.ofRows(layers, hv, cv);
        }

        public double[][] hErrors() {
            double[][] e = new double[h.length][];
            for (int row = 0; row < h.length; row++) {
                e[row] = errors(h[row]);
            }
            return e;
        }

        public double[][] cErrors() {
            double[][] e = new double[c.length][];
            for (int row = 0; row < c.length; row++) {
                e[row] = errors(c[row]);
            }
            return e;
        }

        /** Keras' mean loss over the rows. */
        public double loss(double[] targets) {
            return meanLoss(probabilities, targets);
        }

        /** Keras' mean loss over the counted steps of every row, each step's answer the one after that step. */
        public double loss(StepTargets targets) {
            return meanLoss(counted(stepProbabilities, targets), countedTargets(targets));
        }

        private static double meanLoss(Num[] probabilities, double[] targets) {
            double sum = 0;
            for (int i = 0; i < probabilities.length; i++) {
                sum += rowLoss(probabilities[i].v, targets[i]);
            }
            return sum / probabilities.length;
        }

        /**
         * The error bound of the mean loss: each row's loss anywhere in its probability's interval (taking in the jump
         * where the interval straddles Keras' clip, which is decided on the float32 probability), the rounding of the
         * log's argument and of the log, and the mean's.
         */
        public double lossError(double[] targets) {
            return meanLossError(probabilities, targets);
        }

        /** The same bound for the mean over the counted steps: one term per counted answer. */
        public double lossError(StepTargets targets) {
            return meanLossError(counted(stepProbabilities, targets), countedTargets(targets));
        }

        private double meanLossError(Num[] probabilities, double[] targets) {
            double errors = 0;
            double magnitudes = 0;
            int n = probabilities.length;
            for (int i = 0; i < n; i++) {
                double p = probabilities[i].v;
                // 1 - p rounds too: an absolute unit on top of p's own error
                double e = probabilities[i].e + unit;
                double at = rowLoss(p, targets[i]);
                double worst = Math.max(Math.abs(rowLoss(p - e, targets[i]) - at),
                        Math.abs(rowLoss(p + e, targets[i]) - at));
                if (clipAmbiguous(probabilities[i])) {
                    worst = Math.max(worst, Math.abs(rowLoss(p < DECISION_THRESHOLD ? 0 : 1, targets[i]) - at));
                }
                // the log's argument (p, or 1 - p) rounds once, relative: an absolute unit on its log; and the log
                errors += worst + unit + LIBRARY_ROUNDINGS * unit * Math.max(at, arithmetic.functionFloor()) + tiny;
                magnitudes += at;
            }
            return (errors + gamma(n + 1) * magnitudes) / n;
        }

        /** The probability after every step, {@code [rows][steps]}. */
        public double[][] stepProbabilities() {
            return Arrays.stream(stepProbabilities).map(KerasEquations::values).toArray(double[][]::new);
        }

        public double[][] stepProbabilityErrors() {
            return Arrays.stream(stepProbabilities).map(KerasEquations::errors).toArray(double[][]::new);
        }

        /** Keras' accuracy: the share of rows on the side of one half their target is on. */
        public double accuracy(double[] targets) {
            int correct = 0;
            for (int row = 0; row < rows(); row++) {
                boolean saysOne = probabilities[row].v > DECISION_THRESHOLD;
                correct += saysOne == (targets[row] == 1) ? 1 : 0;
            }
            return (double) correct / rows();
        }

        /** Rows whose probability is within its error of one half: an implementation may put them on either side. */
        public int undecidedRows() {
            int undecided = 0;
            for (Num p : probabilities) {
                undecided += Math.abs(p.v - DECISION_THRESHOLD) <= p.e ? 1 : 0;
            }
            return undecided;
        }

        /** The gradient of the mean loss with respect to every weight, with bounds; needs {@link #withDerivatives}. */
        public Gradient gradient(double[] targets) {
            return gradient(targets, null);
        }

        /**
         * The same, for an implementation whose clip decisions are known (Keras' own, read off the probabilities it
         * wrote): the rows are clipped as it clipped them, and none is ambiguous for it. {@code null}: not known.
         */
        public Gradient gradient(double[] targets, boolean[] clippedAsObserved) {
            return gradientOf(probabilities, logits, targets, clippedAsObserved);
        }

        /**
         * The gradient of the mean loss over the counted steps, with bounds: one term per counted answer, each through
         * its step's logit, the incoming state held constant; needs {@link #withDerivatives}.
         */
        public Gradient gradient(StepTargets targets) {
            return gradientOf(counted(stepProbabilities, targets), counted(stepLogits, targets),
                    countedTargets(targets), null);
        }

        private Gradient gradientOf(Num[] probabilities, Num[] logits, double[] targets, boolean[] clippedAsObserved) {
            int parameters = atAKink.length;
            if (parameters == 0) {
                throw new IllegalStateException("a pass without derivatives has no gradient");
            }
            int n = probabilities.length;
            double[] values = new double[parameters];
            double[] errors = new double[parameters];
            double[] magnitudes = new double[parameters];
            boolean[] kink = atAKink.clone();
            for (int row = 0; row < n; row++) {
                Num p = probabilities[row];
                Num logit = logits[row];
                boolean known = clippedAsObserved != null;
                if (!known && clipAmbiguous(p)) {
                    markWhereItReaches(logit, kink);
                }
                boolean clippedHere = known ? clippedAsObserved[row] : clipped(p.v);
                // d(loss)/d(logit) of sigmoid + cross-entropy, or 0 where Keras clips the probability
                double slope = clippedHere ? 0 : p.v - targets[row];
                for (int k = 0; k < parameters; k++) {
                    double term = slope * logit.t[k];
                    values[k] += term / n;
                    errors[k] += (Math.abs(slope) * logit.et[k]
                            + (p.e + unit * Math.abs(slope)) * Math.abs(logit.t[k])
                            + unit * Math.abs(term) + 2 * tiny) / n;
                    magnitudes[k] += Math.abs(term) / n;
                }
            }
            for (int k = 0; k < parameters; k++) {
                errors[k] += gamma(n + 1) * magnitudes[k];
            }
            return new Gradient(values, errors, kink);
        }

        private boolean clipAmbiguous(Num p) {
            boolean here = clipped(p.v);
            return clipped(p.v - p.e) != here || clipped(p.v + p.e) != here;
        }

        private double gamma(int n) {
            return n * unit / (1 - n * unit);
        }
    }

    /**
     * The gradient of the mean loss, its error bound per weight, and the weights whose derivative passes through a
     * kink that the values' errors straddle (no check can hold them to a value).
     */
    public record Gradient(double[] values, double[] errors, boolean[] atAKink) {

        /** How many weights a check can hold to a value. */
        public int determined() {
            int count = 0;
            for (boolean kink : atAKink) {
                count += kink ? 0 : 1;
            }
            return count;
        }
    }

    /** A value, its error bound, and its derivatives with their error bounds (empty without derivatives). */
    private static final class Num {
        final double v;
        final double e;
        final double[] t;
        final double[] et;

        Num(double v, double e, double[] t, double[] et) {
            this.v = v;
            this.e = e;
            this.t = t;
            this.et = et;
        }
    }

    private static void markWhereItReaches(Num value, boolean[] kink) {
        for (int k = 0; k < kink.length; k++) {
            if (value.t[k] != 0 || value.et[k] != 0) {
                kink[k] = true;
            }
        }
    }

    /** The entries of {@code [rows][steps]} whose step is counted, row by row. */
    private static Num[] counted(Num[][] perStep, StepTargets targets) {
        java.util.List<Num> kept = new java.util.ArrayList<>();
        for (int row = 0; row < perStep.length; row++) {
            for (int step = 0; step < perStep[row].length; step++) {
                if (targets.counted()[row][step]) {
                    kept.add(perStep[row][step]);
                }
            }
        }
        return kept.toArray(Num[]::new);
    }

    private static double[] countedTargets(StepTargets targets) {
        double[] kept = new double[targets.count()];
        int at = 0;
        for (int row = 0; row < targets.targets().length; row++) {
            for (int step = 0; step < targets.targets()[row].length; step++) {
                if (targets.counted()[row][step]) {
                    kept[at++] = targets.targets()[row][step];
                }
            }
        }
        return kept;
    }

    private static double[] values(Num[] nums) {
        return Arrays.stream(nums).mapToDouble(n -> n.v).toArray();
    }

    private static double[] errors(Num[] nums) {
        return Arrays.stream(nums).mapToDouble(n -> n.e).toArray();
    }

    /** One pass of the equations in one arithmetic. */
    private static final class Evaluation {

        private final LstmWeights w;
        private final boolean hardGates;
        private final double slope;
        private final Arithmetic arithmetic;
        /** The unit roundoff with the first-order margin folded in: every bound is linear in it. */
        private final double unit;
        /** What an underflowing product, quotient or function may lose, absolutely. */
        private final double tiny;
        private final boolean gru;
        private final int layers;
        private final int features;
        private final int units;
        /** Width of a layer's gate blocks: 4 units for an LSTM, 3 for a GRU. */
        private final int width;
        private final int parameters;
        private final double[][][] kernel;
        private final double[][][] recurrent;
        private final double[][] bias;
        private final double[] dense;
        /** Where each layer's weights begin in {@link LstmWeights#flatten()}'s order; the last entry, the head's. */
        private final int[] layerStart;
        private final boolean[] atAKink;

        Evaluation(LstmWeights w, GateActivation gate, Arithmetic arithmetic, boolean derivatives) {
            this.w = w;
            this.hardGates = gate == GateActivation.HARD_SIGMOID;
            this.slope = arithmetic.hardSigmoidSlope();
            this.arithmetic = arithmetic;
            this.unit = FIRST_ORDER_MARGIN * arithmetic.unitRoundoff();
            this.tiny = arithmetic.smallestNormal();
            this.gru = w.cell() == Cell.GRU;
            this.layers = w.layers();
            this.features = w.features();
            this.units = w.units();
            this.width = w.cell().gates() * units;
            this.parameters = derivatives ? w.parameterCount() : 0;
            this.kernel = new double[layers][][];
            this.recurrent = new double[layers][][];
            this.bias = new double[layers][];
            this.layerStart = new int[layers + 1];
            for (int layer = 0; layer < layers; layer++) {
                kernel[layer] = w.kernel(layer);
                recurrent[layer] = w.recurrentKernel(layer);
                bias[layer] = w.bias(layer);
                layerStart[layer + 1] = layerStart[layer] + (inputsOf(layer) + units + 1) * width;
            }
            this.dense = w.denseKernel();
            this.atAKink = new boolean[parameters];
        }

        private int inputsOf(int layer) {
            return layer == 0 ? features : units;
        }

        Pass run(double[][][] inputs, LstmState initial) {
            int rows = inputs.length;
            Num[] logits = new Num[rows];
            Num[] probabilities = new Num[rows];
            Num[][] hs = new Num[rows][];
            Num[][] cs = new Num[rows][];
            Num[][] stepLogits = new Num[rows][];
            Num[][] stepProbabilities = new Num[rows][];
            for (int row = 0; row < rows; row++) {
                Num[][] h = new Num[layers][units];
                Num[][] c = new Num[layers][units];
                double[] h0 = initial.h(row);
                double[] c0 = initial.c(row);
                for (int layer = 0; layer < layers; layer++) {
                    for (int j = 0; j < units; j++) {
                        h[layer][j] = datum(h0[layer * units + j]);
                        c[layer][j] = gru ? null : datum(c0[layer * units + j]);
                    }
                }
                stepLogits[row] = new Num[inputs[row].length];
                stepProbabilities[row] = new Num[inputs[row].length];
                for (int step = 0; step < inputs[row].length; step++) {
                    Num[] x = new Num[features];
                    for (int f = 0; f < features; f++) {
                        x[f] = datum(inputs[row][step][f]);
                    }
                    for (int layer = 0; layer < layers; layer++) {
                        Num[] below = layer == 0 ? x : h[layer - 1];
                        if (gru) {
                            h[layer] = gruStep(layer, below, h[layer]);
                        } else {
                            lstmStep(layer, below, h, c);
                        }
                    }
                    stepLogits[row][step] = logit(h[layers - 1]);
                    stepProbabilities[row][step] = sigmoid(stepLogits[row][step]);
                }
                logits[row] = logit(h[layers - 1]);
                probabilities[row] = sigmoid(logits[row]);
                hs[row] = joined(h);
                cs[row] = gru ? new Num[0] : joined(c);
            }
            return new Pass(arithmetic, unit, layers, logits, probabilities, hs, cs, atAKink, stepLogits,
                    stepProbabilities);
        }

        private static Num[] joined(Num[][] perLayer) {
            return Arrays.stream(perLayer).flatMap(Arrays::stream).toArray(Num[]::new);
        }

        /** One LSTM step of {@code layer} from input {@code x}: replaces the layer's h and c. */
        private void lstmStep(int layer, Num[] x, Num[][] h, Num[][] c) {
            Num[] z = new Num[width];
            for (int col = 0; col < width; col++) {
                z[col] = preActivation(layer, col, x, h[layer]);
            }
            Num[] nextH = new Num[units];
            Num[] nextC = new Num[units];
            for (int j = 0; j < units; j++) {
                Num in = gate(z[j]);
                Num forget = gate(z[units + j]);
                Num candidate = tanh(z[2 * units + j]);
                Num out = gate(z[3 * units + j]);
                nextC[j] = sum(product(forget, c[layer][j]), product(in, candidate));
                nextH[j] = product(out, tanh(nextC[j]));
            }
            h[layer] = nextH;
            c[layer] = nextC;
        }

        /**
         * One GRU step of {@code layer} (Keras' {@code reset_after=False}) from input {@code x} and state {@code h}:
         * z and r from x and h, the candidate from x and r ⊙ h, and {@code z ⊙ h + (1 - z) ⊙ candidate}.
         */
        private Num[] gruStep(int layer, Num[] x, Num[] h) {
            Num[] update = new Num[units];
            Num[] resetH = new Num[units];
            for (int j = 0; j < units; j++) {
                update[j] = gate(preActivation(layer, j, x, h));
                resetH[j] = product(gate(preActivation(layer, units + j, x, h)), h[j]);
            }
            Num[] next = new Num[units];
            for (int j = 0; j < units; j++) {
                Num candidate = tanh(preActivation(layer, 2 * units + j, x, resetH));
                next[j] = interpolation(update[j], h[j], candidate);
            }
            return next;
        }

        /**
         * {@code z h + (1 - z) ĥ}, bounded for either way an implementation may compute it: as written, or as
         * {@code ĥ + z (h - ĥ)}, whose roundings differ; the value is the exact one, the bounds the larger of the two.
         */
        private Num interpolation(Num z, Num h, Num candidate) {
            Num asWritten = sum(product(z, h), product(sum(constant(1), negated(z)), candidate));
            Num rearranged = sum(candidate, product(z, sum(h, negated(candidate))));
            double[] et = new double[parameters];
            for (int k = 0; k < parameters; k++) {
                et[k] = Math.max(asWritten.et[k], rearranged.et[k]);
            }
            return new Num(asWritten.v, Math.max(asWritten.e, rearranged.e), asWritten.t, et);
        }

        /** An exact constant: no error, no derivative. */
        private Num constant(double value) {
            return new Num(value, 0, new double[parameters], new double[parameters]);
        }

        /** -a: exact in every arithmetic. */
        private Num negated(Num a) {
            double[] t = new double[parameters];
            for (int k = 0; k < parameters; k++) {
                t[k] = -a.t[k];
            }
            return new Num(-a.v, a.e, t, a.et.clone());
        }

        // Where each weight sits in LstmWeights.flatten()'s order.
        private int kernelAt(int layer, int input, int col) {
            return layerStart[layer] + input * width + col;
        }

        private int recurrentAt(int layer, int unit, int col) {
            return layerStart[layer] + (inputsOf(layer) + unit) * width + col;
        }

        private int biasAt(int layer, int col) {
            return layerStart[layer] + (inputsOf(layer) + units) * width + col;
        }

        private int denseAt(int unit) {
            return layerStart[layers] + unit;
        }

        private int denseBiasAt() {
            return denseAt(units);
        }

        /** A number handed to the implementation: rounded to its type, a constant for the derivatives. */
        private Num datum(double value) {
            return new Num(value, unit * Math.abs(value) + tiny, new double[parameters], new double[parameters]);
        }

        /**
         * z = bias + x · kernel + h · recurrent for one column of {@code layer}, added in that order as the reference
         * adds them; {@code x} is the features for layer 0 and the h of the layer below above it, and {@code h} is the
         * layer's own state, or for a GRU's candidate r ⊙ h.
         */
        private Num preActivation(int layer, int col, Num[] x, Num[] h) {
            int inputs = x.length;
            double[] weights = new double[inputs + units];
            int[] at = new int[inputs + units];
            Num[] terms = new Num[inputs + units];
            for (int f = 0; f < inputs; f++) {
                weights[f] = kernel[layer][f][col];
                at[f] = kernelAt(layer, f, col);
                terms[f] = x[f];
            }
            for (int j = 0; j < units; j++) {
                weights[inputs + j] = recurrent[layer][j][col];
                at[inputs + j] = recurrentAt(layer, j, col);
                terms[inputs + j] = h[j];
            }
            return affine(bias[layer][col], biasAt(layer, col), terms, weights, at);
        }

        private Num logit(Num[] h) {
            int[] at = new int[units];
            for (int j = 0; j < units; j++) {
                at[j] = denseAt(j);
            }
            return affine(w.denseBias(), denseBiasAt(), h, dense, at);
        }

        /**
         * {@code b + Σ a_i w_i} for weights {@code w_i} at flat positions {@code at_i} and bias {@code b} at
         * {@code biasAt}. Whatever order an implementation adds the terms in, and with the weights and data rounded to
         * its type first, it is off by at most γ(n) times the sum of the terms' magnitudes plus what the inputs' own
         * errors carry through the weights; the same holds for each derivative.
         */
        private Num affine(double b, int biasAt, Num[] a, double[] weights, int[] at) {
            int n = a.length + 1;
            double value = b;
            double magnitude = Math.abs(b);
            double carried = 0;
            for (int i = 0; i < a.length; i++) {
                value += a[i].v * weights[i];
                magnitude += Math.abs(a[i].v * weights[i]);
                carried += Math.abs(weights[i]) * a[i].e;
            }
            double error = carried + (gamma(n) + 2 * unit) * magnitude + n * tiny;
            double[] t = new double[parameters];
            double[] et = new double[parameters];
            if (parameters > 0) {
                double[] tMagnitude = new double[parameters];
                for (int i = 0; i < a.length; i++) {
                    for (int k = 0; k < parameters; k++) {
                        t[k] += weights[i] * a[i].t[k];
                        tMagnitude[k] += Math.abs(weights[i] * a[i].t[k]);
                        et[k] += Math.abs(weights[i]) * a[i].et[k];
                    }
                    // the term's own weight: d(a_i w_i)/d(w_i) = a_i, off by a_i's error
                    t[at[i]] += a[i].v;
                    tMagnitude[at[i]] += Math.abs(a[i].v);
                    et[at[i]] += a[i].e;
                }
                t[biasAt] += 1;
                tMagnitude[biasAt] += 1;
                for (int k = 0; k < parameters; k++) {
                    et[k] += (gamma(n + 1) + 2 * unit) * tMagnitude[k] + n * tiny;
                }
            }
            return new Num(value, error, t, et);
        }

        private Num gate(Num z) {
            return hardGates ? hardSigmoid(z) : sigmoid(z);
        }

        /**
         * σ(z) = 1 / (1 + exp(-z)); σ' = σ(1 - σ) is largest nearest 0, |σ''| ≤ σ', and the slope computed from the
         * rounded value moves with it at most |1 - 2σ| ≤ 1.
         */
        private Num sigmoid(Num z) {
            double value = 1 / (1 + Math.exp(-z.v));
            double steepest = sigmoidSlope(nearestToZero(z));
            double own = functionRounding(value);
            return smooth(z, value, steepest * z.e + own, value * (1 - value), steepest, steepest, own);
        }

        /**
         * tanh; tanh' = 1 - tanh² is largest nearest 0, |tanh''| = 2 |tanh| tanh' ≤ 2 tanh', and the slope computed
         * from the rounded value moves with it at most 2 |tanh| ≤ 2.
         */
        private Num tanh(Num z) {
            double value = Math.tanh(z.v);
            double nearest = Math.tanh(nearestToZero(z));
            double steepest = 1 - nearest * nearest;
            double own = functionRounding(value);
            return smooth(z, value, steepest * z.e + own, 1 - value * value, steepest, 2 * steepest, 2 * own);
        }

        /** How far the library's function may be off its exact value: relative, or absolute below the floor. */
        private double functionRounding(double value) {
            return LIBRARY_ROUNDINGS * unit * Math.max(Math.abs(value), arithmetic.functionFloor()) + tiny;
        }

        /**
         * The derivatives through a smooth function, given its slope here, its steepest slope and curvature near,
         * and how far the slope computed from the function's rounded value may be off.
         */
        private Num smooth(Num z, double value, double error, double slopeHere, double steepest, double curvature,
                           double slopeRounding) {
            double[] t = new double[parameters];
            double[] et = new double[parameters];
            for (int k = 0; k < parameters; k++) {
                t[k] = slopeHere * z.t[k];
                // the slope's own few roundings and the product's: three u
                et[k] = steepest * z.et[k] + (curvature * z.e + slopeRounding) * Math.abs(z.t[k])
                        + 3 * unit * Math.abs(t[k]) + tiny;
            }
            return new Num(value, error, t, et);
        }

        /**
         * clip(a z + 0.5, 0, 1) with the arithmetic's slope a, computed as the reference computes it. Lipschitz with
         * constant a, so values need no care at the kinks z = ±0.5 / a; derivatives do.
         */
        private Num hardSigmoid(Num z) {
            double value = Math.max(0, Math.min(1, slope * z.v + 0.5));
            // the implementation's own a z + 0.5 is off by two roundings: as much again in z
            double reach = z.e + 2 * unit * (Math.abs(z.v) + 0.5 / slope);
            double kink = 0.5 / slope;
            boolean flatAll = z.v - reach > kink || z.v + reach < -kink;
            boolean linearAll = z.v + reach < kink && z.v - reach > -kink;
            if (flatAll) {
                return new Num(value, 0, new double[parameters], new double[parameters]);
            }
            double error = slope * z.e + 2 * unit * (Math.abs(slope * z.v) + 0.5) + tiny;
            if (!linearAll) {
                markWhereItReaches(z, atAKink);
            }
            boolean inside = value > 0 && value < 1;
            double[] t = new double[parameters];
            double[] et = new double[parameters];
            for (int k = 0; k < parameters; k++) {
                t[k] = inside ? slope * z.t[k] : 0;
                et[k] = slope * z.et[k] + unit * Math.abs(slope * z.t[k]) + tiny;
            }
            return new Num(value, error, t, et);
        }

        private Num product(Num a, Num b) {
            double value = a.v * b.v;
            double error = Math.abs(a.v) * b.e + Math.abs(b.v) * a.e + unit * Math.abs(value) + tiny;
            double[] t = new double[parameters];
            double[] et = new double[parameters];
            for (int k = 0; k < parameters; k++) {
                t[k] = a.v * b.t[k] + b.v * a.t[k];
                et[k] = Math.abs(a.v) * b.et[k] + Math.abs(b.t[k]) * a.e + Math.abs(b.v) * a.et[k]
                        + Math.abs(a.t[k]) * b.e + gamma(3) * (Math.abs(a.v * b.t[k]) + Math.abs(b.v * a.t[k]))
                        + 2 * tiny;
            }
            return new Num(value, error, t, et);
        }

        private Num sum(Num a, Num b) {
            double value = a.v + b.v;
            double error = a.e + b.e + unit * (Math.abs(a.v) + Math.abs(b.v));
            double[] t = new double[parameters];
            double[] et = new double[parameters];
            for (int k = 0; k < parameters; k++) {
                t[k] = a.t[k] + b.t[k];
                et[k] = a.et[k] + b.et[k] + unit * (Math.abs(a.t[k]) + Math.abs(b.t[k]));
            }
            return new Num(value, error, t, et);
        }

        private double gamma(int n) {
            return n * unit / (1 - n * unit);
        }

        private static double nearestToZero(Num z) {
            return Math.max(z.v - z.e, Math.min(z.v + z.e, 0));
        }

        private static double sigmoidSlope(double z) {
            double s = 1 / (1 + Math.exp(-z));
            return s * (1 - s);
        }
    }
}
