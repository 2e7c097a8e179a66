package io.github.statefullstm.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.statefullstm.rnn.Adam;
import io.github.statefullstm.rnn.LstmSpec;
import io.github.statefullstm.sequence.BatchPlan;
import io.github.statefullstm.sequence.InformationCeiling;
import io.github.statefullstm.sequence.Sample;
import io.github.statefullstm.sequence.StateLineage;
import io.github.statefullstm.sequence.Task;
import io.github.statefullstm.spec.Claim;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

@Label("Layouts: training and evaluation plans")
class LayoutProperties {

    /** A small protocol of any layout, and the task it draws. */
    record Case(Protocol protocol, Task task) {
        @Override
        public String toString() {
            return protocol.layout() + " over " + task + ", window " + protocol.window() + ", B=" + protocol.batchSize();
        }
    }

    @Provide
    Arbitrary<Case> smallProtocols() {
        return Combinators.combine(Arbitraries.of(Layout.values()), Arbitraries.integers().between(1, 4),
                Arbitraries.integers().between(1, 4), Arbitraries.integers().between(1, 3),
                Arbitraries.integers().between(1, 3), Arbitraries.longs()).as((layout, b, groups, chunk, chunks, seed) -> {
                    int length = chunk * chunks;
                    int sequences = b * groups;
                    int window = layout == Layout.PER_STEP_STATEFUL || layout == Layout.PER_STEP_STATELESS ? 1 : chunk;
                    Task task = Task.generate(sequences, length, 0.5, seed);
                    int batchSize = layout == Layout.WINDOWS_STATEFUL ? windowsStatefulBatch(task, window, b) : b;
                    Protocol protocol = new Protocol("t", sequences + 1, length, sequences, 0.5, seed, layout,
                            window, 1, batchSize, LstmSpec.POST, Adam.KERAS, 1, "", Double.NaN);
                    return new Case(protocol, task);
                });
    }

    private static int windowsStatefulBatch(Task task, int window, int b) {
        int windows = task.size() * (task.length() - window + 1);
        return windows % b == 0 ? b : 1;
    }

    @Property(tries = 500)
    @Claim("EXP-1")
    @Label("the evaluation plan gives every sample the history the training plan gives it")
    void evaluationPlanKeepsEverySamplesHistory(@ForAll("smallProtocols") Case c) {
        Layout.Prepared prepared = c.protocol().layout().prepare(c.task(), c.protocol());
        Statistics.label("layout").collect(c.protocol().layout());
        assertEquals(histories(prepared.samples(), prepared.training()),
                histories(prepared.samples(), prepared.evaluation()), c::toString);
        assertEquals(InformationCeiling.of(prepared.samples(), prepared.training()),
                InformationCeiling.of(prepared.samples(), prepared.evaluation()), c::toString);
    }

    /** Sample index -> the samples whose steps its model has read, oldest first. */
    private static Map<Integer, List<Integer>> histories(List<Sample> samples, BatchPlan plan) {
        Map<Integer, List<Integer>> histories = new HashMap<>();
        StateLineage lineage = plan.lineage();
        for (int k = 0; k < plan.batches().size(); k++) {
            for (int row = 0; row < plan.batch(k).size(); row++) {
                histories.put(plan.batch(k).row(row), new ArrayList<>(lineage.history(new StateLineage.Slot(k, row))));
            }
        }
        assertEquals(samples.size(), histories.size(), "every sample is planned once");
        return histories;
    }
}
