package io.github.statefullstm.rnn.dl4j;

import io.github.statefullstm.rnn.Agreement;
import io.github.statefullstm.rnn.Arithmetic;
import io.github.statefullstm.rnn.LstmModel;
import io.github.statefullstm.rnn.LstmState;
import io.github.statefullstm.rnn.ModelConfig;
import io.github.statefullstm.rnn.Tolerance;
import io.github.statefullstm.sequence.BatchPlan;
import io.github.statefullstm.sequence.PlannedSamples;
import io.github.statefullstm.sequence.Sample;
import io.github.statefullstm.sequence.StateLineage;
import io.github.statefullstm.spec.Claim;
import io.github.statefullstm.training.ShuffledLayoutPredictionsProperties;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.statistics.Statistics;

/**
 * ASK-5's frozen model on DL4J: run through a layout and through the same layout shuffled keeping histories, it gives
 * every sample the same prediction within twice the error bound of its arithmetic on the sample's history, as the
 * sample sits on another row of batches of another make-up (BLAS may sum a row in another order there).
 */
@PropertyDefaults(tries = Dl4jUnderTest.TRIES)
class Dl4jShuffledLayoutPredictionsProperties {

    @Property
    @Claim("ASK-5")
    @Label("on DL4J, a frozen model's predictions follow the samples when a layout is shuffled keeping histories")
    void aFrozenModelsPredictionsFollowTheSamples(
            @ForAll(supplier = PlannedSamples.AnyWithRowResets.class) PlannedSamples planned,
            @ForAll long shuffleSeed, @ForAll long weightSeed) {
        Statistics.label("layout").collect(planned.kind());
        BatchPlan plan = planned.plan();
        Map<Integer, Double> inOrder = ShuffledLayoutPredictionsProperties.predictions(new Dl4jEngine(),
                ShuffledLayoutPredictionsProperties.SMALL, planned.samples(), plan, weightSeed);
        Map<Integer, Double> shuffled = ShuffledLayoutPredictionsProperties.predictions(new Dl4jEngine(),
                ShuffledLayoutPredictionsProperties.SMALL, planned.samples(),
                plan.shuffledKeepingHistories(shuffleSeed), weightSeed);
        LstmModel weights = new Dl4jEngine().build(ModelConfig.stateless(ShuffledLayoutPredictionsProperties.SMALL,
                weightSeed));
        Map<Integer, double[][][]> histories = histories(planned.samples(), plan);
        for (Map.Entry<Integer, double[][][]> sample : histories.entrySet()) {
            Agreement agree = Agreement.within(Tolerance.forward(weights.getWeights(),
                    ShuffledLayoutPredictionsProperties.SMALL.gateActivation(), sample.getValue(),
                    LstmState.zeros(1, ShuffledLayoutPredictionsProperties.SMALL.units()), Arithmetic.ND4J_DOUBLE,
                    Arithmetic.ND4J_DOUBLE), "dl4j");
            agree.outputs("sample " + sample.getKey() + " in order and shuffled, " + planned,
                    new double[] {inOrder.get(sample.getKey())}, new double[] {shuffled.get(sample.getKey())});
        }
    }

    /** Every planned sample's history as one row of steps: the steps its state has read, its own last. */
    private static Map<Integer, double[][][]> histories(List<Sample> samples, BatchPlan plan) {
        Map<Integer, double[][][]> histories = new HashMap<>();
        StateLineage lineage = plan.lineage();
        for (int k = 0; k < plan.batches().size(); k++) {
            for (int row = 0; row < plan.batch(k).size(); row++) {
                List<double[]> steps = new ArrayList<>();
                for (int index : lineage.history(new StateLineage.Slot(k, row))) {
                    for (double step : samples.get(index).steps()) {
                        steps.add(new double[] {step});
                    }
                }
                histories.put(plan.batch(k).row(row), new double[][][] {steps.toArray(double[][]::new)});
            }
        }
        return histories;
    }
}
