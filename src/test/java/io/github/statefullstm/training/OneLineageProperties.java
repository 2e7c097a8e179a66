package io.github.statefullstm.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.statefullstm.sequence.BatchPlan;
import io.github.statefullstm.sequence.PlannedSamples;
import io.github.statefullstm.sequence.StateLineage;
import io.github.statefullstm.spec.Claim;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;

/**
 * The plan's lineage is the one statement of where a row's state comes from, and the runner reads it: a stateful
 * model is reset before exactly the batches the lineage starts afresh, and a row alone before a batch where only
 * that row starts afresh, for every layout, for resets anywhere and for session-parallel rows. (The
 * information ceiling's half of LINE-6 is CEIL-1's brute force, which groups the samples by the histories the
 * lineage gives.)
 */
@Label("The runner resets where the lineage says")
class OneLineageProperties {

    @Property
    @Claim("LINE-6")
    void theRunnerResetsExactlyWhereTheLineageStartsABatchAfresh(
            @ForAll(supplier = PlannedSamples.AnyWithRowResets.class) PlannedSamples planned) {
        BatchPlan plan = planned.plan();
        Statistics.label("layout").collect(planned.kind());
        RecordingModel model = new RecordingModel(plan.stateful(), plan.batchSize());

        PlanRunner.train(model, planned.samples(), plan, BatchListener.SILENT);

        List<String> expected = new ArrayList<>();
        StateLineage lineage = plan.lineage();
        for (int k = 0; k < plan.batches().size(); k++) {
            List<String> rowResets = new ArrayList<>();
            for (int row = 0; row < plan.batch(k).size(); row++) {
                if (lineage.predecessor(new StateLineage.Slot(k, row)).isEmpty()) {
                    rowResets.add("reset row " + row);
                }
            }
            if (plan.stateful() && rowResets.size() == plan.batch(k).size()) {
                expected.add("reset");
            } else if (plan.stateful()) {
                expected.addAll(rowResets);
            }
            expected.add("train " + plan.batch(k).size());
        }
        assertEquals(expected, model.calls, planned::toString);
    }
}
