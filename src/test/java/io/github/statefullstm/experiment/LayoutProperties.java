package io.github.statefullstm.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.statefullstm.sequence.BatchPlan;
import io.github.statefullstm.sequence.InformationCeiling;
import io.github.statefullstm.sequence.Sample;
import io.github.statefullstm.sequence.StateLineage;
import io.github.statefullstm.sequence.Task;
import io.github.statefullstm.spec.Claim;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

@Label("Layouts: training and evaluation plans")
class LayoutProperties {

    /** A layout of any kind, and a small task for it to lay out. */
    record Case(LayoutSpec layout, Task task) {
        @Override
        public String toString() {
            return layout + " over " + task;
        }
    }

    @Provide
    Arbitrary<Case> smallLayouts() {
        return Combinators.combine(Arbitraries.of(Layout.values()), Arbitraries.integers().between(1, 4),
                Arbitraries.integers().between(1, 4), Arbitraries.integers().between(1, 3),
                Arbitraries.integers().between(1, 3), Arbitraries.longs()).as((layout, b, groups, chunk, chunks, seed) -> {
                    int length = chunk * chunks;
                    int sequences = b * groups;
                    int window = layout.cutsWindows() ? chunk : 1;
                    Task task = Task.generate(sequences, length, 0.5, seed);
                    int batchSize = layout == Layout.WINDOWS_STATEFUL ? windowsStatefulBatch(task, window, b) : b;
                    return new Case(new LayoutSpec(layout, window, 1, batchSize), task);
                });
    }

    private static int windowsStatefulBatch(Task task, int window, int b) {
        int windows = task.size() * (task.length() - window + 1);
        return windows % b == 0 ? b : 1;
    }

    @Property(tries = 500)
    @Claim("EXP-1")
    @Label("the evaluation plan gives every sample the history the training plan gives it")
    void evaluationPlanKeepsEverySamplesHistory(@ForAll("smallLayouts") Case c) {
        Layout.Prepared prepared = c.layout().prepare(c.task());
        Statistics.label("layout").collect(c.layout().kind());
        assertEquals(histories(prepared.samples(), prepared.training()),
                histories(prepared.samples(), prepared.evaluation()), c::toString);
        assertEquals(InformationCeiling.of(prepared.samples(), prepared.training()),
                InformationCeiling.of(prepared.samples(), prepared.evaluation()), c::toString);
    }

    @Example
    @Claim("EXP-4")
    void theBatchedPerStepLayoutTrainsSequencesSideBySide() {
        LayoutSpec c10 = PostProtocols.perStepStatefulBatched().layout();
        Layout.Prepared prepared = c10.prepare(Task.generate(c10.batchSize(), 3, 0.5, 1));
        assertEquals(c10.batchSize(), prepared.training().batchSize(), "ten sequences side by side");
        assertEquals(3, prepared.training().batches().size(), "one batch per step");
    }

    @Example
    void thePerStepLayoutsAloneCutNoWindows() {
        assertEquals(EnumSet.of(Layout.WINDOWS_STATELESS, Layout.WINDOWS_STATEFUL, Layout.SEQUENCE_PRESERVING,
                        Layout.CHUNKS_STATELESS),
                EnumSet.copyOf(Arrays.stream(Layout.values()).filter(Layout::cutsWindows).toList()));
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
