package io.github.statefullstm.rnn.dl4j;

import io.github.statefullstm.rnn.Agreement;
import io.github.statefullstm.rnn.BatchScenario;
import io.github.statefullstm.rnn.LstmState;
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
 * The engine's passes run in libnd4j's cell kernels, not in DL4J's layers; DL4J's own {@code LSTM} and
 * {@code RnnOutputLayer}, given the same weights and state, must answer the same to rounding, batch after batch.
 */
@Label("The kernels answer as DL4J's own layers do")
class Dl4jLayersAgreementProperties {

    private static final int TRIES = 60;
    private static final int MAX_STEPS = 6;
    private static final int BATCHES = 3;
    /**
     * The LSTM's steps run the same libnd4j arithmetic either way; the dense head's sum over units runs in another
     * order (here in Java, there in BLAS), a few units in the last place of a probability or state of size 1.
     */
    private static final double ROUNDING = 1e-14;
    private static final String KERNELS_AGAINST_THE_LAYERS = "the kernels against DL4J's layers";

    /** A scenario run stateful (each batch from the state the one before left) or stateless. */
    record Case(BatchScenario scenario, boolean stateful) {
        @Override
        public String toString() {
            return (stateful ? "stateful, " : "stateless, ") + scenario;
        }
    }

    @Provide
    Arbitrary<Case> batchSequences() {
        return Combinators.combine(BatchScenario.any(1, MAX_STEPS), Arbitraries.of(true, false)).as(Case::new);
    }

    @Property(tries = TRIES)
    @Claim("DL4J-12")
    void predictionsAndFinalStatesEqualDl4jsOwnLayers(@ForAll("batchSequences") Case c) {
        Dl4jLstmModel model = (Dl4jLstmModel) new Dl4jEngine().build(c.scenario().config(c.stateful()));
        if (c.stateful()) {
            model.resetStates(c.scenario().state(0));
        }
        Agreement agree = Agreement.absolute(ROUNDING, KERNELS_AGAINST_THE_LAYERS);
        for (int batch = 1; batch <= BATCHES; batch++) {
            double[][][] inputs = c.scenario().inputs(batch);
            Dl4jLstmModel.LayersAnswer layers = model.throughDl4jLayers(inputs);
            double[] kernels = model.predictOnBatch(inputs);
            agree.outputs("batch " + batch + " of [" + c + "]", layers.probabilities(), kernels);
            LstmState kernelsFinal = model.finalStates();
            agree.states("final state of batch " + batch + " of [" + c + "]", layers.finalState(), kernelsFinal);
        }
        Statistics.label("mode").collect(c.stateful() ? "stateful" : "stateless");
        Statistics.label("gates").collect(c.scenario().spec().gateActivation());
        Statistics.label("units").collect(c.scenario().spec().units() == 1 ? "one (padded)" : "several");
    }
}
