package io.github.statefullstm.rnn.dl4j;

import io.github.statefullstm.rnn.Agreement;
import io.github.statefullstm.rnn.BatchResult;
import io.github.statefullstm.rnn.BatchScenario;
import io.github.statefullstm.rnn.GateActivation;
import io.github.statefullstm.rnn.LstmModel;
import io.github.statefullstm.rnn.LstmSpec;
import io.github.statefullstm.rnn.LstmState;
import io.github.statefullstm.rnn.SaturatedHead;
import io.github.statefullstm.rnn.reference.ReferenceEngine;
import io.github.statefullstm.spec.Claim;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * DL4J against the exact reference: with the same weights and the same incoming state they agree on outputs, final
 * states, losses, gradients and one Adam update, stateless and stateful, from zero or from a carried state.
 */
@Label("DL4J agrees with the reference")
class Dl4jConformanceProperties {

    private static final int TRIES = 60;
    private static final int MAX_STEPS = 5;
    /**
     * Both engines compute in double; they differ only in summation order inside BLAS and in how exp is evaluated,
     * about 1e-16 per operation, compounded over a few steps and units.
     */
    private static final double SIGMOID_TOLERANCE = 1e-10;
    /** ND4J evaluates the hard sigmoid's 0.2x + 0.5 with a float constant: about 3e-9 per gate (DL4J-1). */
    private static final double HARD_SIGMOID_TOLERANCE = 1e-7;
    /**
     * Adam divides by sqrt(v): a gradient within rounding of zero gets a step of either sign, up to the learning
     * rate. Weights whose gradient is this small in the reference are compared with the learning rate as slack.
     */
    private static final double SIGNIFICANT_GRADIENT = 1e-6;

    /**
     * Losses are compared more loosely than the rest: the reference computes an unclipped row's loss from its logit,
     * DL4J's inference from its probability, and near Keras' clip 1 - p ~ 1e-7 carries p's rounding (1e-16) as
     * 1e-9 relative, on a loss of about 16.
     */
    private static final double LOSS_TOLERANCE = 1e-8;
    /** Accuracy is the share of rows on the right side of 0.5: the same count gives the same double. */
    private static final double SAME_COUNT = 0;
    /** Every message says which side is which: the reference's numbers are the expected ones. */
    private static final String DL4J_AGAINST_THE_REFERENCE = "dl4j against the reference";

    /**
     * One scenario, run stateful from a carried state or stateless from zeros, with the dense head as initialised or
     * scaled until Keras clips some outputs ({@link SaturatedHead}).
     */
    record Case(BatchScenario scenario, boolean stateful, boolean saturated) {
        @Override
        public String toString() {
            return (stateful ? "stateful, from a carried state, " : "stateless, ")
                    + (saturated ? "saturated head, " : "") + scenario;
        }
    }

    @Provide
    Arbitrary<Case> sharedWeightCases() {
        return Combinators.combine(BatchScenario.any(1, MAX_STEPS), Arbitraries.of(true, false),
                Arbitraries.of(false, true)).as(Case::new);
    }

    /**
     * The shared cases narrowed to one unit, the width libnd4j's fused kernels get wrong on their own (DL4J-11): the
     * engine pads it with an inert unit, which must change nothing.
     */
    @Provide
    Arbitrary<Case> oneUnitCases() {
        return sharedWeightCases().map(c -> {
            BatchScenario s = c.scenario();
            LstmSpec oneUnit = new LstmSpec(s.spec().features(), 1, s.spec().gateActivation());
            return new Case(new BatchScenario(oneUnit, s.weightSeed(), s.rows(), s.steps(), s.dataSeed()),
                    c.stateful(), c.saturated());
        });
    }

    /**
     * The loss tolerance of a case: a scaled head multiplies the engines' difference in h (their tolerance) into the
     * logit, and so into the loss.
     */
    private static double lossTolerance(Case c, double loss) {
        return Math.max(LOSS_TOLERANCE, headTolerance(c)) * Math.max(1, loss);
    }

    /** For what passes through the dense head (gradients, loss): a scaled head scales the difference with it. */
    private static double headTolerance(Case c) {
        return tolerance(c) * (c.saturated() ? SaturatedHead.SCALE : 1);
    }

    /** Comparisons at the case's own tolerance, absolute: each tolerance here is sized for what it compares. */
    private static Agreement agreement(Case c) {
        return Agreement.absolute(tolerance(c), DL4J_AGAINST_THE_REFERENCE);
    }

    private static double tolerance(Case c) {
        return c.scenario().spec().gateActivation() == GateActivation.SIGMOID ? SIGMOID_TOLERANCE
                : HARD_SIGMOID_TOLERANCE;
    }

    /** The reference and DL4J models of the case, DL4J given the reference's weights and incoming state. */
    private static LstmModel[] twins(Case c) {
        LstmModel reference = new ReferenceEngine().build(c.scenario().config(c.stateful()));
        if (c.saturated()) {
            SaturatedHead.apply(reference);
        }
        LstmModel dl4j = new Dl4jEngine().build(c.scenario().config(c.stateful()));
        dl4j.setWeights(reference.getWeights());
        if (c.stateful()) {
            LstmState carried = c.scenario().state(0);
            reference.resetStates(carried);
            dl4j.resetStates(carried);
        }
        Statistics.label("mode").collect(c.stateful() ? "stateful" : "stateless");
        Statistics.label("gates").collect(c.scenario().spec().gateActivation());
        Statistics.label("head").collect(c.saturated() ? "saturated" : "as initialised");
        return new LstmModel[] {reference, dl4j};
    }

    @Property(tries = TRIES)
    @Claim("DL4J-9")
    void outputsAndFinalStatesAgree(@ForAll("sharedWeightCases") Case c) {
        LstmModel[] models = twins(c);
        double[][][] inputs = c.scenario().inputs(1);
        double[] expected = models[0].predictOnBatch(inputs);
        double[] actual = models[1].predictOnBatch(inputs);
        Statistics.label("rows Keras clips").collect(SaturatedHead.clipped(expected) == 0 ? "none" : "some");
        Agreement agree = agreement(c);
        agree.outputs(in(c, "outputs"), expected, actual);
        agree.states(in(c, "final state"), models[0].finalStates(), models[1].finalStates());
    }

    @Property(tries = TRIES)
    @Claim("DL4J-9")
    void lossesAndGradientsAgree(@ForAll("sharedWeightCases") Case c) {
        LstmModel[] models = twins(c);
        double[][][] inputs = c.scenario().inputs(1);
        double[] targets = c.scenario().targets(1);
        Agreement agree = agreement(c);
        agree.within(headTolerance(c)).weights(in(c, "gradient"), models[0].gradientOnBatch(inputs, targets),
                models[1].gradientOnBatch(inputs, targets));
        BatchResult expectedLoss = models[0].testOnBatch(inputs, targets);
        BatchResult actualLoss = models[1].testOnBatch(inputs, targets);
        agree.within(lossTolerance(c, expectedLoss.loss())).value(in(c, "loss"), expectedLoss.loss(),
                actualLoss.loss());
        agree.within(SAME_COUNT).value(in(c, "accuracy"), expectedLoss.accuracy(), actualLoss.accuracy());
    }

    @Property(tries = TRIES)
    @Claim("DL4J-9")
    void oneAdamUpdateAgrees(@ForAll("sharedWeightCases") Case c) {
        LstmModel[] models = twins(c);
        double[][][] inputs = c.scenario().inputs(1);
        double[] targets = c.scenario().targets(1);
        double[] gradient = models[0].gradientOnBatch(inputs, targets).flatten();
        models[0].trainOnBatch(inputs, targets);
        models[1].trainOnBatch(inputs, targets);
        double[] expected = models[0].getWeights().flatten();
        double[] actual = models[1].getWeights().flatten();
        double learningRate = models[0].config().adam().learningRate();
        Agreement agree = agreement(c);
        int nearZero = 0;
        for (int k = 0; k < expected.length; k++) {
            boolean insignificant = Math.abs(gradient[k]) < SIGNIFICANT_GRADIENT;
            nearZero += insignificant ? 1 : 0;
            double slack = insignificant ? 2 * learningRate : tolerance(c);
            agree.within(slack).value(in(c, "after one update") + ", weight flat[" + k + "]", expected[k], actual[k]);
        }
        Statistics.label("weights whose gradient is within rounding of zero").collect(nearZero == 0 ? "none" : "some");
        agree.states(in(c, "carried state after one update"), models[0].states(), models[1].states());
    }

    @Property(tries = TRIES)
    @Claim("DL4J-11")
    void aOneUnitLstmAgreesWithTheReference(@ForAll("oneUnitCases") Case c) {
        outputsAndFinalStatesAgree(c);
        lossesAndGradientsAgree(c);
        oneAdamUpdateAgrees(c);
        // Two updates in a row: the second starts from the state the first carried, through the padded kernel.
        LstmModel[] models = twins(c);
        Agreement agree = agreement(c);
        for (int batch = 1; batch <= 2; batch++) {
            BatchResult expected = models[0].trainOnBatch(c.scenario().inputs(batch), c.scenario().targets(batch));
            BatchResult actual = models[1].trainOnBatch(c.scenario().inputs(batch), c.scenario().targets(batch));
            agree.within(lossTolerance(c, expected.loss())).value(in(c, "loss of update " + batch), expected.loss(),
                    actual.loss());
        }
        agree.states(in(c, "final state after two updates"), models[0].finalStates(), models[1].finalStates());
    }

    /** What is compared, and in which case: the case shows how the models were set up and what they were fed. */
    private static String in(Case c, String what) {
        return what + " in [" + c + "]";
    }
}
