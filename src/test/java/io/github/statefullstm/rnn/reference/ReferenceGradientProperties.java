package io.github.statefullstm.rnn.reference;

import io.github.statefullstm.rnn.BatchScenario;
import io.github.statefullstm.rnn.GateActivation;
import io.github.statefullstm.rnn.LstmModel;
import io.github.statefullstm.rnn.LstmSpec;
import io.github.statefullstm.rnn.LstmState;
import io.github.statefullstm.rnn.LstmWeights;
import io.github.statefullstm.rnn.SaturatedHead;
import io.github.statefullstm.spec.Claim;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Group;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * The reference engine's gradients are the true gradients of its loss: analytic back-propagation against central
 * finite differences of {@code testOnBatch}'s loss, computed only through the public model API.
 */
class ReferenceGradientProperties {

    /**
     * Finite-difference step. In double precision the central difference has truncation error O(h^2) ~ 1e-12 and
     * rounding error ~ 1e-16 * loss / h ~ 1e-10, both far below {@link #RELATIVE_TOLERANCE}.
     */
    private static final double STEP = 1e-6;
    /** Analytic and numeric gradients agree to 6 significant digits: the error budget above, with room to spare. */
    private static final double RELATIVE_TOLERANCE = 1e-6;
    /**
     * Below this a gradient counts as zero: ten times the rounding error of the central difference for a loss of
     * about 1. That error grows with the loss (1e-16 * loss / h), which reaches about 16 where Keras clips, so the
     * tolerance is this times the loss when the loss is larger than 1.
     */
    private static final double ABSOLUTE_TOLERANCE = 1e-9;
    /**
     * A hard-sigmoid gate has kinks at z = ±2.5, and Keras' clip has them at p = 1e-7 and 1 - 1e-7, where no
     * derivative exists. When a perturbation crosses one, the one-sided differences disagree by about a slope times
     * a weight, far more than this; smooth points disagree by O(h) ~ 1e-6. Such parameters are skipped and counted.
     */
    private static final double KINK_GAP = 1e-3;
    private static final int MAX_ROWS = 3;
    private static final int MAX_STEPS = 4;
    private static final int MAX_FEATURES = 2;
    private static final int MAX_UNITS = 3;
    private static final int TRIES = 100;

    private final ReferenceEngine engine = new ReferenceEngine();

    @Provide
    Arbitrary<BatchScenario> smallGradientScenarios() {
        Arbitrary<LstmSpec> specs = Combinators.combine(
                Arbitraries.integers().between(1, MAX_FEATURES),
                Arbitraries.integers().between(1, MAX_UNITS),
                Arbitraries.of(GateActivation.class)).as(LstmSpec::new);
        return Combinators.combine(specs, Arbitraries.longs(), Arbitraries.integers().between(1, MAX_ROWS),
                Arbitraries.integers().between(1, MAX_STEPS), Arbitraries.longs()).as(BatchScenario::new);
    }

    @Group
    @Label("REF-1: analytic gradients equal central finite differences")
    class Gradients {

        @Property(tries = TRIES)
        @Claim("REF-1")
        void fullBpttFromTheZeroStateMatchesFiniteDifferences(@ForAll("smallGradientScenarios") BatchScenario s) {
            collect(s);
            LstmModel model = engine.build(s.statelessConfig());
            LstmWeights analytic = model.gradientOnBatch(s.inputs(0), s.targets(0));
            LstmModel probe = engine.build(s.statelessConfig());
            compareOn(s, 0, analytic, model.getWeights(), probe, null);
        }

        /** The same where Keras clips the output: a clipped row's loss is flat, so both sides see no gradient. */
        @Property(tries = TRIES)
        @Claim({"REF-1", "REF-7"})
        void fullBpttMatchesFiniteDifferencesWhereKerasClipsTheOutput(
                @ForAll("smallGradientScenarios") BatchScenario s) {
            collect(s);
            LstmModel model = engine.build(s.statelessConfig());
            SaturatedHead.apply(model);
            Statistics.label("rows Keras clips").collect(SaturatedHead.clipped(model.predictOnBatch(s.inputs(0))));
            LstmWeights analytic = model.gradientOnBatch(s.inputs(0), s.targets(0));
            compareOn(s, 0, analytic, model.getWeights(), engine.build(s.statelessConfig()), null);
        }

        /**
         * The model reaches its incoming state by a previous batch, so that state depends on the weights; the
         * gradient must still treat it as a constant (Keras' stateful train_on_batch stops at the batch boundary).
         */
        @Property(tries = TRIES)
        @Claim({"REF-1", "STATE-6"})
        void truncatedBpttFromACarriedStateTreatsThatStateAsAConstant(
                @ForAll("smallGradientScenarios") BatchScenario s) {
            collect(s);
            LstmModel model = engine.build(s.statefulConfig());
            model.resetStates(s.state(0));
            model.predictOnBatch(s.inputs(0));
            LstmState carried = model.states();
            LstmWeights analytic = model.gradientOnBatch(s.inputs(1), s.targets(1));
            LstmModel probe = engine.build(s.statefulConfig());
            compareOn(s, 1, analytic, model.getWeights(), probe, carried);
        }

        /** Central differences of batch {@code batch}'s loss from {@code incoming} (null: stateless zeros). */
        private void compareOn(BatchScenario s, int batch, LstmWeights analytic, LstmWeights at, LstmModel probe,
                               LstmState incoming) {
            double[] weights = at.flatten();
            double[] gradient = analytic.flatten();
            int skipped = 0;
            for (int k = 0; k < weights.length; k++) {
                double plus = lossWith(s, batch, weights, k, STEP, probe, incoming);
                double minus = lossWith(s, batch, weights, k, -STEP, probe, incoming);
                double centre = lossWith(s, batch, weights, k, 0, probe, incoming);
                if (Math.abs((plus - centre) - (centre - minus)) / STEP > KINK_GAP) {
                    skipped++;
                    continue;
                }
                double numeric = (plus - minus) / (2 * STEP);
                double allowed = ABSOLUTE_TOLERANCE * Math.max(1, Math.abs(centre))
                        + RELATIVE_TOLERANCE * Math.max(Math.abs(numeric), Math.abs(gradient[k]));
                if (!(Math.abs(numeric - gradient[k]) <= allowed)) {
                    throw new AssertionError("batch " + batch + ", weight flat[" + k + "] of " + weights.length
                            + ": analytic " + gradient[k] + ", central difference " + numeric + " (difference "
                            + Math.abs(numeric - gradient[k]) + " > " + allowed + ")");
                }
            }
            Statistics.label("parameters skipped at a kink (hard-sigmoid gate or Keras' clip)").collect(skipped);
        }

        private double lossWith(BatchScenario s, int batch, double[] weights, int k, double delta, LstmModel probe,
                                LstmState incoming) {
            double[] perturbed = weights.clone();
            perturbed[k] += delta;
            probe.setWeights(LstmWeights.unflatten(s.spec().features(), s.spec().units(), perturbed));
            if (incoming != null) {
                probe.resetStates(incoming);
            }
            return probe.testOnBatch(s.inputs(batch), s.targets(batch)).loss();
        }

        private void collect(BatchScenario s) {
            Statistics.label("rows").collect(s.rows());
            Statistics.label("steps").collect(s.steps());
            Statistics.label("gates").collect(s.spec().gateActivation());
        }
    }
}
