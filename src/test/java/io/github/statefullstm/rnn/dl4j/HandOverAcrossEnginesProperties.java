package io.github.statefullstm.rnn.dl4j;

import io.github.statefullstm.rnn.Agreement;
import io.github.statefullstm.rnn.Arithmetic;
import io.github.statefullstm.rnn.BatchScenario;
import io.github.statefullstm.rnn.Batches;
import io.github.statefullstm.rnn.HandOver;
import io.github.statefullstm.rnn.LstmEngine;
import io.github.statefullstm.rnn.LstmModel;
import io.github.statefullstm.rnn.LstmState;
import io.github.statefullstm.rnn.Tolerance;
import io.github.statefullstm.rnn.reference.ReferenceEngine;
import io.github.statefullstm.spec.Claim;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * A stateful model trained on one engine at batch B, one of its rows handed over to a model of batch size 1 on the
 * other engine and continued there: both go on alike, within the two engines' error bounds, because the weights and
 * the state are all that a row's future depends on (ASK-1).
 */
@PropertyDefaults(tries = Dl4jUnderTest.TRIES)
class HandOverAcrossEnginesProperties {

    private static final int MAX_STEPS = 4;
    private static final int MAX_BATCHES = 3;

    /** A scenario, batches trained before the hand-over, batches fed after it, and the row handed over. */
    record CrossRun(BatchScenario scenario, int trained, int after, int row, boolean fromDl4j) {
    }

    @Provide
    Arbitrary<CrossRun> crossEngineHandOvers() {
        return BatchScenario.any(1, MAX_STEPS).flatMap(s -> Combinators.combine(
                Arbitraries.integers().between(0, MAX_BATCHES), Arbitraries.integers().between(1, MAX_BATCHES),
                Arbitraries.integers().between(0, s.rows() - 1), Arbitraries.of(true, false))
                .as((trained, after, row, fromDl4j) -> new CrossRun(s, trained, after, row, fromDl4j)));
    }

    @Property
    @Claim("ASK-1")
    void aRowTrainedOnOneEngineContinuesOnTheOther(@ForAll("crossEngineHandOvers") CrossRun run) {
        BatchScenario s = run.scenario();
        s.collectShape();
        Statistics.label("direction").collect(run.fromDl4j() ? "DL4J -> reference" : "reference -> DL4J");
        Statistics.label("batches trained before").collect(run.trained());
        LstmEngine from = run.fromDl4j() ? new Dl4jEngine() : new ReferenceEngine();
        LstmEngine to = run.fromDl4j() ? new ReferenceEngine() : new Dl4jEngine();
        LstmModel trained = from.build(s.statefulConfig());
        trained.resetStates(s.state(0));
        for (int batch = 0; batch < run.trained(); batch++) {
            trained.trainOnBatch(s.inputs(batch), s.targets(batch));
        }
        LstmState handedOver = trained.states();
        LstmModel single = HandOver.rowToBatchOfOne(trained, run.row(), to);

        List<double[][][]> after = new ArrayList<>();
        for (int batch = 0; batch < run.after(); batch++) {
            double[][][] inputs = s.inputs(run.trained() + batch);
            after.add(inputs);
            double[] outputs = trained.predictOnBatch(inputs);
            double[] own = single.predictOnBatch(Batches.row(inputs, run.row()));
            // two engines from the same weights and state: each within its error bound of the exact numbers
            Agreement agree = Agreement.within(Tolerance.forward(trained.getWeights(), s.spec().gateActivation(),
                    Batches.concatenate(after), handedOver, Arithmetic.REFERENCE, Arithmetic.ND4J_DOUBLE),
                    from.name() + " -> " + to.name());
            String where = "batch " + batch + " after the hand-over, row " + run.row() + " on " + from.name()
                    + " vs the batch-of-one model on " + to.name();
            agree.outputs(where, outputs, run.row(), own, 0);
            agree.stateRow(where + ", carried state", trained.states(), run.row(), single.states(), 0);
        }
    }
}
