package io.github.statefullstm.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.statefullstm.rnn.StepTargets;
import io.github.statefullstm.sequence.AnsweredPlan;
import io.github.statefullstm.sequence.BatchPlan;
import io.github.statefullstm.sequence.Sample;
import io.github.statefullstm.spec.Claim;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;

/** How the runner hands a batch's answers to a model (TRAIN-6): which call, and which targets at which steps. */
@Label("A batch's answers, as the model takes them")
class AnsweredBatchProperties {

    @Property(tries = 300)
    @Claim("TRAIN-6")
    @Label("rows answered once take the one-output calls, a row answered at chosen steps its targets at exactly those"
            + " steps, and a batch no row answers is read forward only")
    void eachBatchIsCalledWithItsTargetsAtExactlyTheStepsItsRowsAnswer(
            @ForAll(supplier = AnsweredPlan.Any.class) AnsweredPlan answered) {
        for (boolean training : new boolean[] {true, false}) {
            RecordingModel model = new RecordingModel(answered.plan().stateful(), answered.plan().batchSize());
            if (training) {
                PlanRunner.train(model, answered.samples(), answered.plan(), BatchListener.SILENT);
            } else {
                PlanRunner.evaluate(model, answered.samples(), answered.plan());
            }
            List<String> expectedCalls = new ArrayList<>();
            List<StepTargets> expectedTargets = new ArrayList<>();
            for (BatchPlan.Batch batch : answered.plan().batches()) {
                List<Sample> rows = new ArrayList<>();
                for (int row : batch.rows()) {
                    rows.add(answered.samples().get(row));
                }
                String call = rows.stream().noneMatch(Sample::answersAtChosenSteps) ? (training ? "train" : "test")
                        : rows.stream().allMatch(s -> s.answers() == 0) ? "predict"
                        : (training ? "train every step" : "test every step");
                Statistics.label("calls").collect(call.replace("test", "train"));
                expectedCalls.add(call + " " + batch.size());
                if (call.endsWith("every step")) {
                    expectedTargets.add(targetsAtTheAnsweredSteps(rows));
                }
            }
            List<String> calls = model.calls.stream().filter(c -> !c.startsWith("reset") && !c.equals("restore"))
                    .toList();
            assertEquals(expectedCalls, calls, answered::toString);
            assertEquals(expectedTargets.size(), model.stepTargets.size(), answered::toString);
            for (int i = 0; i < expectedTargets.size(); i++) {
                assertArrayEquals(expectedTargets.get(i).counted(), model.stepTargets.get(i).counted(),
                        "counted steps of call " + i + ", " + answered);
                assertArrayEquals(expectedTargets.get(i).targets(), model.stepTargets.get(i).targets(),
                        "targets of call " + i + ", " + answered);
            }
        }
    }

    /** Each row's target at the steps it answers, 0 at the others, which count for nothing. */
    private static StepTargets targetsAtTheAnsweredSteps(List<Sample> rows) {
        double[][] targets = new double[rows.size()][];
        boolean[][] counted = new boolean[rows.size()][];
        for (int row = 0; row < rows.size(); row++) {
            Sample sample = rows.get(row);
            targets[row] = new double[sample.length()];
            counted[row] = new boolean[sample.length()];
            for (int t = 0; t < sample.length(); t++) {
                counted[row][t] = sample.answered(t);
                targets[row][t] = sample.answered(t) ? sample.target() : 0;
            }
        }
        return new StepTargets(targets, counted);
    }
}
