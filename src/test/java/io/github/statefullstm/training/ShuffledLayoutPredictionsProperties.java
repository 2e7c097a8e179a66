package io.github.statefullstm.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.statefullstm.rnn.LstmEngine;
import io.github.statefullstm.rnn.LstmModel;
import io.github.statefullstm.rnn.LstmSpec;
import io.github.statefullstm.rnn.ModelConfig;
import io.github.statefullstm.rnn.reference.ReferenceEngine;
import io.github.statefullstm.sequence.BatchPlan;
import io.github.statefullstm.sequence.PlannedSamples;
import io.github.statefullstm.sequence.Sample;
import io.github.statefullstm.sequence.StateLineage;
import io.github.statefullstm.spec.Claim;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;

/**
 * A frozen model run through a layout and through the same layout shuffled keeping histories gives every sample the
 * same prediction, to the last bit (ASK-5): its answer for a sample is a function of the sample's history alone.
 */
public class ShuffledLayoutPredictionsProperties {

    /** A small model of the post's input width: the claim is about the layout, not the model's size. */
    public static final LstmSpec SMALL = new LstmSpec(1, 2, LstmSpec.POST.gateActivation());

    @Property(tries = 50)
    @Claim("ASK-5")
    @Label("a frozen model's predictions follow the samples when a layout is shuffled keeping histories")
    void aFrozenModelsPredictionsFollowTheSamples(@ForAll(supplier = PlannedSamples.AnyWithRowResets.class) PlannedSamples planned,
                                                  @ForAll long shuffleSeed, @ForAll long weightSeed) {
        Statistics.label("layout").collect(planned.kind());
        BatchPlan plan = planned.plan();
        Map<Integer, Double> inOrder = predictions(planned.samples(), plan, weightSeed);
        Map<Integer, Double> shuffled = predictions(planned.samples(), plan.shuffledKeepingHistories(shuffleSeed),
                weightSeed);
        assertEquals(inOrder, shuffled, "every sample's prediction, " + planned);
    }

    /** Each sample's prediction by a fresh reference model with these weights, run through the plan. */
    private static Map<Integer, Double> predictions(List<Sample> samples, BatchPlan plan, long weightSeed) {
        return predictions(new ReferenceEngine(), SMALL, samples, plan, weightSeed);
    }

    /** Each sample's prediction by a fresh model of the engine with these weights, run through the plan frozen. */
    public static Map<Integer, Double> predictions(LstmEngine engine, LstmSpec spec, List<Sample> samples,
                                                  BatchPlan plan, long weightSeed) {
        ModelConfig config = plan.stateful() ? ModelConfig.stateful(spec, plan.batchSize(), weightSeed)
                : ModelConfig.stateless(spec, weightSeed);
        LstmModel model = engine.build(config);
        Map<Integer, Double> predictions = new HashMap<>();
        StateLineage lineage = plan.lineage();
        for (int k = 0; k < plan.batches().size(); k++) {
            PlanRunner.resetWhereTheLineageStartsAfresh(model, plan, lineage, k);
            BatchPlan.Batch batch = plan.batch(k);
            double[][][] inputs = new double[batch.size()][][];
            for (int row = 0; row < batch.size(); row++) {
                Sample sample = samples.get(batch.row(row));
                inputs[row] = new double[sample.length()][1];
                for (int t = 0; t < sample.length(); t++) {
                    inputs[row][t][0] = sample.step(t);
                }
            }
            double[] outputs = model.predictOnBatch(inputs);
            for (int row = 0; row < batch.size(); row++) {
                predictions.put(batch.row(row), outputs[row]);
            }
        }
        return predictions;
    }
}
