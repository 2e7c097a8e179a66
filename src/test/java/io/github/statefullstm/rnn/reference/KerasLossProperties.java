package io.github.statefullstm.rnn.reference;

import io.github.statefullstm.rnn.Agreement;
import io.github.statefullstm.rnn.Arithmetic;
import io.github.statefullstm.rnn.BatchScenario;
import io.github.statefullstm.rnn.LstmModel;
import io.github.statefullstm.rnn.LstmState;
import io.github.statefullstm.rnn.SaturatedHead;
import io.github.statefullstm.rnn.Tolerance;
import io.github.statefullstm.spec.Claim;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The reference's loss is Keras' binary cross-entropy to its edge: the probability clipped before the log to Keras'
 * float32 bounds (1e-7 and 1 - 2^-23), so a saturated row's loss is capped and it contributes no gradient. Checked on batches whose outputs are
 * driven past the clip ({@link SaturatedHead}), against the formula written out here.
 */
@Label("Keras' loss at saturated outputs")
class KerasLossProperties {

    /**
     * The clip's bounds as Keras' float32 graph holds them, written out again here (the check must not borrow the
     * values it checks): 1e-7 as a float, and 1 - 1e-7, which rounds to 1 - 2^-23 in float32.
     */
    private static final float LOWER = 1e-7f;
    private static final float UPPER = 1 - 0x1p-23f;
    private static final String ENGINE = "reference";
    private static final int MAX_STEPS = 4;

    private final ReferenceEngine engine = new ReferenceEngine();

    @Provide
    Arbitrary<BatchScenario> saturatingBatches() {
        return BatchScenario.any(1, MAX_STEPS);
    }

    @Property
    @Claim("REF-7")
    void theLossIsTheMeanClippedCrossEntropyOfThePredictions(@ForAll("saturatingBatches") BatchScenario s) {
        LstmModel model = saturated(s);
        double[] p = model.predictOnBatch(s.inputs(0));
        double[] y = s.targets(0);
        Statistics.label("rows Keras clips").collect(SaturatedHead.clipped(p) + " of " + p.length);
        double expected = 0;
        for (int row = 0; row < p.length; row++) {
            double clipped = clippedByKeras(p[row]) ? Math.min(UPPER, Math.max(LOWER, (float) p[row])) : p[row];
            expected -= (y[row] * Math.log(clipped) + (1 - y[row]) * Math.log(1 - clipped)) / p.length;
        }
        // The engine computes an unclipped row's loss from the logit, this check from the probability: two
        // implementations of one loss, each within the error bound of the reference's arithmetic (REF-8).
        Agreement agree = Agreement.within(Tolerance.forward(model.getWeights(), s.spec().gateActivation(),
                s.inputs(0), LstmState.zeros(s.spec(), s.rows()), y, Arithmetic.REFERENCE,
                Arithmetic.REFERENCE), ENGINE);
        agree.loss("mean loss of " + s, expected, model.testOnBatch(s.inputs(0), y).loss());
    }

    @Property
    @Claim("REF-7")
    void aRowWhoseOutputKerasClipsContributesNoGradient(@ForAll("saturatingBatches") BatchScenario s) {
        LstmModel model = saturated(s);
        double[][][] inputs = s.inputs(0);
        double[] targets = s.targets(0);
        double[] p = model.predictOnBatch(inputs);
        long clipped = SaturatedHead.clipped(p);
        Statistics.label("rows Keras clips").collect(clipped == 0 ? "none" : clipped == p.length ? "all" : "some");
        double[] batch = model.gradientOnBatch(inputs, targets).flatten();
        double[] unclippedRows = new double[batch.length];
        for (int row = 0; row < p.length; row++) {
            if (clippedByKeras(p[row])) {
                continue;
            }
            double[] own = model.gradientOnBatch(new double[][][] {inputs[row]}, new double[] {targets[row]})
                    .flatten();
            for (int k = 0; k < own.length; k++) {
                unclippedRows[k] += own[k] / p.length;
            }
        }
        // The same rows' contributions, each scaled by 1/rows before or after: two computations of one gradient,
        // each within the error bound of the reference's arithmetic (REF-8). Every row is clipped or not alike in
        // both, so a kink that rounding straddles changes nothing here: every weight is compared.
        Tolerance rounding = Tolerance.gradient(model.getWeights(), s.spec().gateActivation(), inputs,
                LstmState.zeros(s.spec(), s.rows()), targets, Arithmetic.REFERENCE, Arithmetic.REFERENCE);
        for (int k = 0; k < batch.length; k++) {
            assertEquals(unclippedRows[k], batch[k], rounding.weight(k),
                    "gradient of flat weight " + k + ": the mean over the rows Keras does not clip, in " + s);
        }
    }

    /** Keras decides on the float32 probability: a probability that rounds to a bound is not clipped. */
    private static boolean clippedByKeras(double probability) {
        float p = (float) probability;
        return p < LOWER || p > UPPER;
    }

    /** A stateless model of the scenario whose outputs reach the clip. */
    private LstmModel saturated(BatchScenario s) {
        LstmModel model = engine.build(s.statelessConfig());
        SaturatedHead.apply(model);
        return model;
    }
}
