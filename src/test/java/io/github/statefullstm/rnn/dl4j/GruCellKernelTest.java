package io.github.statefullstm.rnn.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.statefullstm.rnn.Cell;
import io.github.statefullstm.rnn.GateActivation;
import io.github.statefullstm.rnn.LstmModel;
import io.github.statefullstm.rnn.LstmSpec;
import io.github.statefullstm.rnn.LstmState;
import io.github.statefullstm.rnn.LstmWeights;
import io.github.statefullstm.rnn.ModelConfig;
import io.github.statefullstm.rnn.reference.ReferenceEngine;
import io.github.statefullstm.spec.Claim;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What libnd4j 1.0.0-M2.1's GRU cell kernels compute, called as ops in double precision: {@code gruCell} (inputs x,
 * hLast, W {@code [in + u][2u]} with columns r | u, Wc {@code [in + u][u]}, b {@code [2u]} r | u, bc {@code [u]};
 * outputs r, u, c, h) and {@code gruCell_bp} (the same inputs, then dLdr, dLdu, dLdc, dLdh; outputs dLdx, dLdhLast,
 * dLdW, dLdWc, dLdb, dLdbc). Their u is Keras' z and their c Keras' candidate ĥ; rows {@code 0..in} of W and Wc act on
 * x, the rest on h. What they get wrong, and the shapes they refuse, are why the DL4J engine runs its GRU layers in
 * libnd4j's plain ops ({@code GruPasses}) instead.
 *
 * <p>The independent side is written out by hand below from {@link Cell#GRU}'s equations, each number with a bound on
 * how far a double evaluation of the same expressions can be from their exact value ({@link Bounded}); the forward step
 * is also the reference engine's. Each test prints its largest differences (reports/dl4j-gru.md).
 */
class GruCellKernelTest {

    /** The unit roundoff of double: every correctly rounded operation is off by at most this, relative. */
    private static final double U = 0x1p-53;
    /**
     * A library function's error, in units of U, absolute (every value here is at most 1 in magnitude): libm's exp is
     * within 1 ulp (2 U), Java's tanh within 2.5 ulps (5 U), a sigmoid written 1 / (1 + exp(-x)) adds two roundings to
     * exp's, and libnd4j's tanh is off by 3 U absolute near 0 (DL4J-11). Six covers each.
     */
    private static final double LIBRARY_ROUNDINGS = 6;
    /**
     * The analysis is first order; the second-order terms it drops are smaller than the first-order ones by a factor of
     * the relative bound itself (around 1e-14 here), so a quarter more covers them many times over.
     */
    private static final double FIRST_ORDER_MARGIN = 1.25;
    /**
     * How far beyond its rounding bound a difference must be to be a different function and not rounding: a million
     * times. The bounds here are about 1e-14; the values this test calls wrong are off by about 0.1.
     */
    private static final double FAR_BEYOND_ROUNDING = 1e6;

    /**
     * The shapes drawn: rows, inputs, units and a seed; at least 2 units and 2 inputs, the shapes where the kernels
     * compute a GRU step ({@link #gruCellAndGruCellBpFailForOneUnit()},
     * {@link #gruCellWithOneInputFailsUnlessTheRowsEqualTheUnitsAndThenComputesAnotherStep()}).
     */
    private static final Shape[] SHAPES = {
        new Shape(2, 3, 4, 11), new Shape(3, 2, 5, 12), new Shape(4, 2, 3, 13), new Shape(1, 2, 2, 14)};

    private record Shape(int rows, int inputs, int units, long seed) {
        @Override
        public String toString() {
            return count(rows, "row") + ", " + count(inputs, "input") + ", " + count(units, "unit");
        }

        private static String count(int n, String what) {
            return n + " " + what + (n == 1 ? "" : "s");
        }
    }

    // ------------------------------------------------------------------------------------------------ the claims

    @Test
    @Claim("DL4J-17")
    void gruCellsHIsOneKerasGruStepWithTheResetAppliedBeforeTheProduct() {
        Worst h = new Worst("gruCell h against the reference engine's Keras step");
        Worst gates = new Worst("gruCell r, u, c against Keras' r, z, ĥ by hand");
        for (Shape shape : SHAPES) {
            Draw d = Draw.of(shape);
            HandStep hand = new HandStep(d);
            double[][] expected = referenceStep(d);
            INDArray[] out = gruCell(d);

            h.compare(shape, expected, values(out[3]), hand.next);
            gates.compare(shape, hand.r, values(out[0]));
            gates.compare(shape, hand.z, values(out[1]));
            gates.compare(shape, hand.candidate, values(out[2]));
        }
        h.print();
        gates.print();
        h.assertWithin();
        gates.assertWithin();
    }

    /**
     * With the errors at its gates and candidate all zero and dLdh = g, {@code gruCell_bp} gives dLdhLast = g ⊙ u
     * exactly and zero for every weight and input: dLdh reaches only the direct path, and what reaches the gates is
     * up to its caller.
     */
    @Test
    @Claim("DL4J-17")
    void gruCellBpDoesNotPushTheErrorAtHThroughTheGates() {
        double largestWeightGradient = 0;
        double largestDirectDifference = 0;
        for (Shape shape : SHAPES) {
            Draw d = Draw.of(shape);
            double[][] zeros = new double[d.rows][d.units];
            INDArray[] out = gruCellBp(d, zeros, zeros, zeros, d.g);
            double[][] u = values(gruCell(d)[1]);
            double[][] direct = new double[d.rows][d.units];
            for (int row = 0; row < d.rows; row++) {
                for (int j = 0; j < d.units; j++) {
                    direct[row][j] = d.g[row][j] * u[row][j];
                }
            }
            largestDirectDifference = Math.max(largestDirectDifference, largestDifference(direct, values(out[1])));
            for (int k : new int[] {0, 2, 3, 4, 5}) {
                largestWeightGradient = Math.max(largestWeightGradient, out[k].amaxNumber().doubleValue());
            }
        }
        report("gruCell_bp with dLdr = dLdu = dLdc = 0, dLdh = g: dLdhLast against g ⊙ u, max |diff| %.3e; "
                + "dLdx, dLdW, dLdWc, dLdb, dLdbc, max |value| %.3e", largestDirectDifference, largestWeightGradient);
        assertEquals(0.0, largestDirectDifference, "dLdhLast against g ⊙ u, exactly");
        assertEquals(0.0, largestWeightGradient, "every other output, exactly");
    }

    @Test
    @Claim("DL4J-17")
    void gruCellBpsErrorAtThePreviousHMultipliesByTheResetBeforeTheProductNotAfter() {
        Worst chain = new Worst("gruCell_bp dLdhLast against the chain rule");
        Worst swapped = new Worst("gruCell_bp dLdhLast against ((dLdc ⊙ (1 - c²)) ⊙ r)·Wchᵀ + ...");
        for (Shape shape : SHAPES) {
            Draw d = Draw.of(shape);
            HandStep hand = new HandStep(d);
            HandBackward back = new HandBackward(d, hand);
            INDArray[] out = gruCellBp(d, values(back.dLdr), values(back.dLdu), values(back.dLdc), d.g);

            chain.compare(shape, values(back.dLdhLast), values(out[1]), back.dLdhLast);
            swapped.compare(shape, values(back.swappedDLdhLast), values(out[1]), back.swappedDLdhLast);
        }
        chain.print();
        swapped.print();
        swapped.assertWithin();
        assertTrue(chain.worstRatio > FAR_BEYOND_ROUNDING, "gruCell_bp's dLdhLast is " + chain.worstRatio
                + " times its rounding bound from the chain rule's, at most " + FAR_BEYOND_ROUNDING);
    }

    @Test
    @Claim("DL4J-17")
    void gruCellBpsWeightAndInputErrorsAreTheChainRules() {
        Worst inputs = new Worst("gruCell_bp dLdx against the chain rule");
        Worst kernel = new Worst("gruCell_bp dLdW, dLdWc (x rows) against dL/dkernel");
        Worst recurrent = new Worst("gruCell_bp dLdW, dLdWc (h rows) against dL/drecurrent");
        Worst bias = new Worst("gruCell_bp dLdb, dLdbc against dL/dbias");
        for (Shape shape : SHAPES) {
            Draw d = Draw.of(shape);
            HandStep hand = new HandStep(d);
            HandBackward back = new HandBackward(d, hand);
            INDArray[] out = gruCellBp(d, values(back.dLdr), values(back.dLdu), values(back.dLdc), d.g);
            double[][] dW = values(out[2]);
            double[][] dWc = values(out[3]);
            double[] db = out[4].toDoubleVector();
            double[] dbc = out[5].toDoubleVector();

            inputs.compare(shape, values(back.dLdx), values(out[0]), back.dLdx);
            kernel.compare(shape, values(back.dKernel), kerasRows(d, dW, dWc, 0, d.inputs), back.dKernel);
            recurrent.compare(shape, values(back.dRecurrent), kerasRows(d, dW, dWc, d.inputs, d.units),
                    back.dRecurrent);
            double[] kerasBias = new double[3 * d.units];
            for (int j = 0; j < d.units; j++) {
                kerasBias[j] = db[d.units + j];
                kerasBias[d.units + j] = db[j];
                kerasBias[2 * d.units + j] = dbc[j];
            }
            bias.compare(shape, values(new Bounded[][] {back.dBias}), new double[][] {kerasBias},
                    new Bounded[][] {back.dBias});
        }
        for (Worst w : List.of(inputs, kernel, recurrent, bias)) {
            w.print();
        }
        for (Worst w : List.of(inputs, kernel, recurrent, bias)) {
            w.assertWithin();
        }
    }

    @Test
    @Claim("DL4J-17")
    void gruCellAndGruCellBpFailForOneUnit() {
        for (Shape shape : new Shape[] {new Shape(2, 3, 1, 15), new Shape(1, 1, 1, 16), new Shape(4, 2, 1, 17)}) {
            Draw d = Draw.of(shape);
            report("gruCell with %s: %s", shape, failure(() -> gruCell(d)));
            report("gruCell_bp with %s: %s", shape, failure(() -> gruCellBp(d, d.g, d.g, d.g, d.g)));
        }
    }

    /**
     * With one input both kernels fail in libnd4j's matrix product helper unless the rows equal the units; there they
     * run, and {@code gruCell} computes another step than Keras'.
     */
    @Test
    @Claim("DL4J-17")
    void gruCellWithOneInputFailsUnlessTheRowsEqualTheUnitsAndThenComputesAnotherStep() {
        List<String> ran = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        String message = "";
        Worst equalRowsAndUnits = new Worst("gruCell h with one input and as many rows as units, against the "
                + "reference engine's Keras step");
        for (int rows = 1; rows <= 6; rows++) {
            for (int units = 2; units <= 6; units++) {
                Shape shape = new Shape(rows, 1, units, 100 + 10 * rows + units);
                Draw d = Draw.of(shape);
                if (rows == units) {
                    double[][] expected = referenceStep(d);
                    double[][] actual = values(gruCell(d)[3]);
                    gruCellBp(d, d.g, d.g, d.g, d.g);
                    Worst here = new Worst(shape.toString());
                    here.compare(shape, expected, actual, new HandStep(d).next);
                    equalRowsAndUnits.compare(shape, expected, actual, new HandStep(d).next);
                    ran.add(shape.toString());
                    assertTrue(here.worstRatio > FAR_BEYOND_ROUNDING, "gruCell's h with " + shape + " is "
                            + here.worstRatio + " times its rounding bound from Keras' step, at most "
                            + FAR_BEYOND_ROUNDING);
                } else {
                    message = failure(() -> gruCell(d));
                    failure(() -> gruCellBp(d, d.g, d.g, d.g, d.g));
                    failed.add(shape.toString());
                }
            }
        }
        report("gruCell and gruCell_bp with one input, 1 to 6 rows by 2 to 6 units: ran with %s; failed with the "
                + "other %d shapes (%s)", String.join("; ", ran), failed.size(), message);
        equalRowsAndUnits.print();
    }

    /** Asserts that a kernel call fails in libnd4j's matrix product helper, and returns libnd4j's message. */
    private static String failure(org.junit.jupiter.api.function.Executable call) {
        RuntimeException thrown = assertThrows(RuntimeException.class, call);
        Throwable root = thrown;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        String message = root.getMessage().replaceFirst(".*failed with message ", "");
        assertTrue(message.contains("MmulHelper"), "failed elsewhere: " + root.getMessage());
        return message;
    }

    // ------------------------------------------------------------------------------------------------ the kernels

    /** {@code gruCell}'s outputs r, u, c, h, handed to it full of NaN as {@link #gruCellBp}'s. */
    private static INDArray[] gruCell(Draw d) {
        INDArray[] out = new INDArray[4];
        for (int k = 0; k < out.length; k++) {
            out[k] = Nd4j.create(DataType.DOUBLE, d.rows, d.units).assign(Double.NaN);
        }
        Nd4j.exec(DynamicCustomOp.builder("gruCell").addInputs(d.opInputs()).addOutputs(out).build());
        return out;
    }

    /**
     * {@code gruCell_bp}'s outputs dLdx, dLdhLast, dLdW, dLdWc, dLdb, dLdbc, handed to it full of NaN: what it does not
     * write fails every comparison.
     */
    private static INDArray[] gruCellBp(Draw d, double[][] dLdr, double[][] dLdu, double[][] dLdc, double[][] dLdh) {
        INDArray[] out = {
            Nd4j.create(DataType.DOUBLE, d.rows, d.inputs), Nd4j.create(DataType.DOUBLE, d.rows, d.units),
            Nd4j.create(DataType.DOUBLE, d.inputs + d.units, 2L * d.units),
            Nd4j.create(DataType.DOUBLE, d.inputs + d.units, d.units), Nd4j.create(DataType.DOUBLE, 2L * d.units),
            Nd4j.create(DataType.DOUBLE, d.units)};
        for (INDArray o : out) {
            o.assign(Double.NaN);
        }
        INDArray[] in = d.opInputs();
        Nd4j.exec(DynamicCustomOp.builder("gruCell_bp")
                .addInputs(in[0], in[1], in[2], in[3], in[4], in[5], matrix(dLdr), matrix(dLdu), matrix(dLdc),
                        matrix(dLdh))
                .addOutputs(out).build());
        return out;
    }

    /**
     * The op's W (r | u columns) and Wc gradients, rows {@code from..from + count}, in Keras' blocks z | r | h: the
     * kernel's rows for the x rows, the recurrent kernel's for the h rows.
     */
    private static double[][] kerasRows(Draw d, double[][] dW, double[][] dWc, int from, int count) {
        int u = d.units;
        double[][] keras = new double[count][3 * u];
        for (int i = 0; i < count; i++) {
            for (int j = 0; j < u; j++) {
                keras[i][j] = dW[from + i][u + j];
                keras[i][u + j] = dW[from + i][j];
                keras[i][2 * u + j] = dWc[from + i][j];
            }
        }
        return keras;
    }

    /** The reference engine's h after one step from the drawn state: Keras' GRU, reset_after=False. */
    private static double[][] referenceStep(Draw d) {
        LstmModel model = new ReferenceEngine().build(ModelConfig.stateful(
                new LstmSpec(d.inputs, d.units, GateActivation.SIGMOID, Cell.GRU, 1), d.rows, d.seed));
        model.setWeights(new LstmWeights(Cell.GRU, List.<double[][]>of(d.kernel), List.<double[][]>of(d.recurrent),
                List.<double[]>of(d.bias), d.denseKernel, d.denseBias));
        model.resetStates(LstmState.ofRows(1, d.h, new double[d.rows][0]));
        double[][][] oneStep = new double[d.rows][1][];
        for (int row = 0; row < d.rows; row++) {
            oneStep[row][0] = d.x[row];
        }
        model.predictOnBatch(oneStep);
        return model.finalStates().h();
    }

    // ------------------------------------------------------------------------------------------------ the draw

    /** Seeded inputs, state, weights in Keras' layout (blocks z | r | h) and the error g at h'. */
    private static final class Draw {
        final int rows;
        final int inputs;
        final int units;
        final long seed;
        final double[][] x;
        final double[][] h;
        final double[][] kernel;
        final double[][] recurrent;
        final double[] bias;
        final double[][] g;
        final double[] denseKernel;
        final double denseBias;

        private Draw(Shape shape) {
            rows = shape.rows();
            inputs = shape.inputs();
            units = shape.units();
            seed = shape.seed();
            Random random = new Random(seed);
            x = uniform(random, rows, inputs, 1);
            h = uniform(random, rows, units, 0.9);
            kernel = uniform(random, inputs, 3 * units, 0.8);
            recurrent = uniform(random, units, 3 * units, 0.8);
            bias = uniform(random, 1, 3 * units, 0.5)[0];
            g = uniform(random, rows, units, 1);
            denseKernel = uniform(random, 1, units, 0.5)[0];
            denseBias = 0.1;
        }

        static Draw of(Shape shape) {
            return new Draw(shape);
        }

        private static double[][] uniform(Random random, int n, int m, double scale) {
            double[][] a = new double[n][m];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < m; j++) {
                    a[i][j] = scale * (2 * random.nextDouble() - 1);
                }
            }
            return a;
        }

        /**
         * x, hLast, W, Wc, b, bc in the op's layout: W {@code [in + u][2u]} = [[K_r | K_z]; [U_r | U_z]],
         * Wc = [K_h; U_h], b = b_r ++ b_z, bc = b_h.
         */
        INDArray[] opInputs() {
            int u = units;
            double[][] w = new double[inputs + u][2 * u];
            double[][] wc = new double[inputs + u][u];
            for (int i = 0; i < inputs + u; i++) {
                double[] source = i < inputs ? kernel[i] : recurrent[i - inputs];
                for (int j = 0; j < u; j++) {
                    w[i][j] = source[u + j];
                    w[i][u + j] = source[j];
                    wc[i][j] = source[2 * u + j];
                }
            }
            double[] b = new double[2 * u];
            double[] bc = new double[u];
            for (int j = 0; j < u; j++) {
                b[j] = bias[u + j];
                b[u + j] = bias[j];
                bc[j] = bias[2 * u + j];
            }
            return new INDArray[] {matrix(x), matrix(h), matrix(w), matrix(wc), Nd4j.createFromArray(b),
                Nd4j.createFromArray(bc)};
        }
    }

    // ------------------------------------------------------------------------------------------------ by hand

    /**
     * One step of Keras' GRU (reset_after=False) by hand: {@code z = σ(x·K_z + h·U_z + b_z)},
     * {@code r = σ(x·K_r + h·U_r + b_r)}, {@code ĥ = tanh(x·K_h + (r ⊙ h)·U_h + b_h)},
     * {@code h' = z ⊙ h + (1 - z) ⊙ ĥ} (the form the reference and {@code gruCell} evaluate), every value with its
     * bound.
     */
    private static final class HandStep {
        final Bounded[][] z;
        final Bounded[][] r;
        final Bounded[][] resetH;
        final Bounded[][] candidate;
        final Bounded[][] next;

        HandStep(Draw d) {
            int u = d.units;
            z = new Bounded[d.rows][u];
            r = new Bounded[d.rows][u];
            resetH = new Bounded[d.rows][u];
            candidate = new Bounded[d.rows][u];
            next = new Bounded[d.rows][u];
            for (int row = 0; row < d.rows; row++) {
                Bounded[] x = Bounded.exact(d.x[row]);
                Bounded[] h = Bounded.exact(d.h[row]);
                for (int j = 0; j < u; j++) {
                    z[row][j] = preActivation(x, d.kernel, h, d.recurrent, d.bias, j).sigmoid();
                    r[row][j] = preActivation(x, d.kernel, h, d.recurrent, d.bias, u + j).sigmoid();
                }
                for (int k = 0; k < u; k++) {
                    resetH[row][k] = r[row][k].times(h[k]);
                }
                for (int j = 0; j < u; j++) {
                    candidate[row][j] = preActivation(x, d.kernel, resetH[row], d.recurrent, d.bias, 2 * u + j).tanh();
                    next[row][j] = z[row][j].times(h[j]).plus(z[row][j].oneMinus().times(candidate[row][j]));
                }
            }
        }

        /** {@code x·K[:, column] + h·U[:, column] + b[column]}. */
        private static Bounded preActivation(Bounded[] x, double[][] kernel, Bounded[] h, double[][] recurrent,
                                             double[] bias, int column) {
            List<Bounded> terms = new ArrayList<>();
            for (int f = 0; f < x.length; f++) {
                terms.add(x[f].times(Bounded.exact(kernel[f][column])));
            }
            for (int k = 0; k < h.length; k++) {
                terms.add(h[k].times(Bounded.exact(recurrent[k][column])));
            }
            terms.add(Bounded.exact(bias[column]));
            return Bounded.sum(terms);
        }
    }

    /**
     * The chain rule through one step for the loss {@code Σ g ⊙ h'}, by hand: the errors at the candidate, the update
     * and the reset gate that {@code gruCell_bp} wants from its caller, then at the previous h, the input and every
     * weight; and the previous h's error with the reset applied before the product instead of after.
     */
    private static final class HandBackward {
        final Bounded[][] dLdc;
        final Bounded[][] dLdu;
        final Bounded[][] dLdr;
        final Bounded[][] dLdhLast;
        final Bounded[][] swappedDLdhLast;
        final Bounded[][] dLdx;
        final Bounded[][] dKernel;
        final Bounded[][] dRecurrent;
        final Bounded[] dBias;

        HandBackward(Draw d, HandStep s) {
            int u = d.units;
            int rows = d.rows;
            dLdc = new Bounded[rows][u];
            dLdu = new Bounded[rows][u];
            dLdr = new Bounded[rows][u];
            dLdhLast = new Bounded[rows][u];
            swappedDLdhLast = new Bounded[rows][u];
            dLdx = new Bounded[rows][d.inputs];
            // the errors at the pre-activations, in Keras' blocks z | r | h
            Bounded[][] dZ = new Bounded[rows][3 * u];
            for (int row = 0; row < rows; row++) {
                Bounded[] g = Bounded.exact(d.g[row]);
                Bounded[] h = Bounded.exact(d.h[row]);
                // dL/dĥ, dL/dz, and the error at ĥ's pre-activation, tanh' = 1 - ĥ²
                for (int j = 0; j < u; j++) {
                    dLdc[row][j] = g[j].times(s.z[row][j].oneMinus());
                    dLdu[row][j] = g[j].times(h[j].minus(s.candidate[row][j]));
                    Bounded candidate = s.candidate[row][j];
                    dZ[row][2 * u + j] = dLdc[row][j].times(candidate.times(candidate).oneMinus());
                }
                // dL/d(r ⊙ h) = dZ_h·U_hᵀ, so dL/dr = that ⊙ h
                Bounded[] throughReset = new Bounded[u];
                for (int k = 0; k < u; k++) {
                    List<Bounded> terms = new ArrayList<>();
                    for (int j = 0; j < u; j++) {
                        terms.add(dZ[row][2 * u + j].times(Bounded.exact(d.recurrent[k][2 * u + j])));
                    }
                    throughReset[k] = Bounded.sum(terms);
                    dLdr[row][k] = throughReset[k].times(h[k]);
                }
                for (int j = 0; j < u; j++) {
                    dZ[row][j] = dLdu[row][j].times(s.z[row][j].times(s.z[row][j].oneMinus()));
                    dZ[row][u + j] = dLdr[row][j].times(s.r[row][j].times(s.r[row][j].oneMinus()));
                }
                // dL/dhLast: the direct path g ⊙ z, the gates' dZ_{z|r}·U_{z|r}ᵀ, and through the reset: the chain
                // rule's (dZ_h·U_hᵀ) ⊙ r, or the swapped (dZ_h ⊙ r)·U_hᵀ
                for (int k = 0; k < u; k++) {
                    List<Bounded> common = new ArrayList<>();
                    common.add(g[k].times(s.z[row][k]));
                    for (int j = 0; j < 2 * u; j++) {
                        common.add(dZ[row][j].times(Bounded.exact(d.recurrent[k][j])));
                    }
                    List<Bounded> chain = new ArrayList<>(common);
                    chain.add(throughReset[k].times(s.r[row][k]));
                    dLdhLast[row][k] = Bounded.sum(chain);
                    List<Bounded> swapped = new ArrayList<>(common);
                    for (int j = 0; j < u; j++) {
                        Bounded beforeTheProduct = dZ[row][2 * u + j].times(s.r[row][j]);
                        swapped.add(beforeTheProduct.times(Bounded.exact(d.recurrent[k][2 * u + j])));
                    }
                    swappedDLdhLast[row][k] = Bounded.sum(swapped);
                }
                for (int f = 0; f < d.inputs; f++) {
                    List<Bounded> terms = new ArrayList<>();
                    for (int j = 0; j < 3 * u; j++) {
                        terms.add(dZ[row][j].times(Bounded.exact(d.kernel[f][j])));
                    }
                    dLdx[row][f] = Bounded.sum(terms);
                }
            }
            // over the rows: dK = xᵀ·dZ, dU_{z|r} = hᵀ·dZ_{z|r}, dU_h = (r ⊙ h)ᵀ·dZ_h, db = Σ dZ
            dKernel = new Bounded[d.inputs][3 * u];
            dRecurrent = new Bounded[u][3 * u];
            dBias = new Bounded[3 * u];
            for (int column = 0; column < 3 * u; column++) {
                for (int f = 0; f < d.inputs; f++) {
                    List<Bounded> terms = new ArrayList<>();
                    for (int row = 0; row < rows; row++) {
                        terms.add(Bounded.exact(d.x[row][f]).times(dZ[row][column]));
                    }
                    dKernel[f][column] = Bounded.sum(terms);
                }
                for (int k = 0; k < u; k++) {
                    List<Bounded> terms = new ArrayList<>();
                    for (int row = 0; row < rows; row++) {
                        Bounded before = column < 2 * u ? Bounded.exact(d.h[row][k]) : s.resetH[row][k];
                        terms.add(before.times(dZ[row][column]));
                    }
                    dRecurrent[k][column] = Bounded.sum(terms);
                }
                List<Bounded> terms = new ArrayList<>();
                for (int row = 0; row < rows; row++) {
                    terms.add(dZ[row][column]);
                }
                dBias[column] = Bounded.sum(terms);
            }
        }
    }

    /**
     * A value computed in double and a bound on how far it can be from the exact value of the expression it
     * evaluates: a first-order running error analysis (Wilkinson's; Higham, <i>Accuracy and Stability of Numerical
     * Algorithms</i>, ch. 3). Each product, sum and difference rounds once (U, relative); a sum of n terms, in any
     * order, is off by at most γ(n - 1) = (n - 1) U / (1 - (n - 1) U) times the sum of the terms' magnitudes
     * (Higham, (3.4)), so the bound holds for BLAS, libnd4j and this class alike; sigmoid and tanh carry an error
     * entering them by their largest slope (1/4 and 1) and add {@link #LIBRARY_ROUNDINGS} U, absolute. The inputs and
     * weights are doubles handed over as they are, exact on both sides. An implementation that evaluates the same
     * expressions from the same inputs is within the same bound of the exact value, so two of them are within twice
     * the bound of each other (times {@link #FIRST_ORDER_MARGIN}): that is {@link #tolerance()}.
     */
    private record Bounded(double v, double e) {

        static Bounded exact(double value) {
            return new Bounded(value, 0);
        }

        static Bounded[] exact(double[] values) {
            Bounded[] b = new Bounded[values.length];
            for (int i = 0; i < values.length; i++) {
                b[i] = exact(values[i]);
            }
            return b;
        }

        Bounded times(Bounded o) {
            double p = v * o.v;
            return new Bounded(p, Math.abs(v) * o.e + Math.abs(o.v) * e + U * Math.abs(p));
        }

        Bounded plus(Bounded o) {
            double s = v + o.v;
            return new Bounded(s, e + o.e + U * Math.abs(s));
        }

        Bounded minus(Bounded o) {
            double s = v - o.v;
            return new Bounded(s, e + o.e + U * Math.abs(s));
        }

        Bounded oneMinus() {
            return exact(1).minus(this);
        }

        Bounded sigmoid() {
            return new Bounded(1 / (1 + Math.exp(-v)), e / 4 + LIBRARY_ROUNDINGS * U);
        }

        Bounded tanh() {
            return new Bounded(Math.tanh(v), e + LIBRARY_ROUNDINGS * U);
        }

        static Bounded sum(List<Bounded> terms) {
            double value = 0;
            double errors = 0;
            double magnitudes = 0;
            for (Bounded t : terms) {
                value += t.v;
                errors += t.e;
                magnitudes += Math.abs(t.v);
            }
            int n = terms.size() - 1;
            return new Bounded(value, errors + n * U / (1 - n * U) * magnitudes);
        }

        /** How far another implementation of the same expression may be from this value. */
        double tolerance() {
            return FIRST_ORDER_MARGIN * 2 * e;
        }
    }

    // ------------------------------------------------------------------------------------------------ comparing

    /** The largest difference of a comparison over every shape, and how it stands to the bound there. */
    private static final class Worst {
        final String what;
        double worstDifference;
        double largestBound;
        /** The largest |difference| / tolerance over every entry. */
        double worstRatio;
        String where = "";

        Worst(String what) {
            this.what = what;
        }

        /** Against values by hand: their own bounds. */
        void compare(Shape shape, Bounded[][] expected, double[][] actual) {
            compare(shape, values(expected), actual, expected);
        }

        void compare(Shape shape, double[][] expected, double[][] actual, Bounded[][] bounds) {
            for (int i = 0; i < expected.length; i++) {
                for (int j = 0; j < expected[i].length; j++) {
                    double difference = Math.abs(expected[i][j] - actual[i][j]);
                    if (Double.isNaN(difference)) {
                        difference = Double.POSITIVE_INFINITY; // an output the kernel did not write
                    }
                    double tolerance = bounds[i][j].tolerance();
                    worstDifference = Math.max(worstDifference, difference);
                    largestBound = Math.max(largestBound, tolerance);
                    if (difference / tolerance > worstRatio) {
                        worstRatio = difference / tolerance;
                        where = shape + ", [" + i + "][" + j + "]: " + expected[i][j] + " against " + actual[i][j]
                                + ", bound " + tolerance;
                    }
                }
            }
        }

        void print() {
            report("%s: max |diff| %.3e, largest bound %.3e, max |diff| / bound %.3g", what, worstDifference,
                    largestBound, worstRatio);
        }

        void assertWithin() {
            assertTrue(worstRatio <= 1, what + ": beyond its bound at " + where);
        }
    }

    private static void report(String format, Object... args) {
        System.out.println("DL4J-17 " + String.format(Locale.ROOT, format, args));
    }

    private static INDArray matrix(double[][] a) {
        return Nd4j.create(a).castTo(DataType.DOUBLE);
    }

    private static double[][] values(INDArray a) {
        return a.castTo(DataType.DOUBLE).toDoubleMatrix();
    }

    private static double[][] values(Bounded[][] b) {
        double[][] v = new double[b.length][];
        for (int i = 0; i < b.length; i++) {
            v[i] = new double[b[i].length];
            for (int j = 0; j < b[i].length; j++) {
                v[i][j] = b[i][j].v();
            }
        }
        return v;
    }

    private static double largestDifference(double[][] a, double[][] b) {
        double largest = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
                largest = Math.max(largest, Math.abs(a[i][j] - b[i][j]));
            }
        }
        return largest;
    }
}
