package io.github.statefullstm.rnn.dl4j;

import io.github.statefullstm.rnn.Agreement;
import io.github.statefullstm.rnn.Arithmetic;
import io.github.statefullstm.rnn.BatchScenario;
import io.github.statefullstm.rnn.LstmModel;
import io.github.statefullstm.rnn.LstmState;
import io.github.statefullstm.rnn.Tolerance;
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
    private static final String KERNELS_AGAINST_THE_LAYERS = "the kernels against DL4J's layers";

    /** A scenario run stateful (each batch from the state the one before left) or stateless. */
    record Case(BatchScenario scenario, boolean stateful) {
        @Override
        public String toString() {
            return (stateful ? "stateful, " : "stateless, ") + scenario;
        }
    }

    /** One LSTM layer: DL4J's own network, which the engine's passes are held to here, has no GRU layer. */
    @Provide
    Arbitrary<Case> batchSequences() {
        return Combinators.combine(BatchScenario.oneLstmLayer(1, MAX_STEPS), Arbitraries.of(true, false))
                .as(Case::new);
    }

    @Property(tries = TRIES)
    @Claim("DL4J-12")
    void predictionsAndFinalStatesEqualDl4jsOwnLayers(@ForAll("batchSequences") Case c) {
        LstmModel model = new Dl4jEngine().build(c.scenario().config(c.stateful()));
        if (c.stateful()) {
            model.resetStates(c.scenario().state(0));
        }
        for (int batch = 1; batch <= BATCHES; batch++) {
            double[][][] inputs = c.scenario().inputs(batch);
            // Both start from the state the model carries (or zeros) and run the same libnd4j arithmetic, summed in
            // other orders (the dense head in Java here, in BLAS there): two runs of one arithmetic.
            LstmState incoming = c.stateful() ? model.states()
                    : LstmState.zeros(c.scenario().spec(), c.scenario().rows());
            Agreement agree = Agreement.within(Tolerance.forward(model.getWeights(),
                    c.scenario().spec().gateActivation(), inputs, incoming, Arithmetic.ND4J_DOUBLE,
                    Arithmetic.ND4J_DOUBLE), KERNELS_AGAINST_THE_LAYERS);
            Dl4jLayers.Answer layers = Dl4jLayers.answer(model, inputs);
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
