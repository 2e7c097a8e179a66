package io.github.statefullstm.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.statefullstm.rnn.LstmState;
import io.github.statefullstm.sequence.AnsweredPlan;
import io.github.statefullstm.sequence.BatchPlan;
import io.github.statefullstm.sequence.PerStepFeed;
import io.github.statefullstm.sequence.PlannedSamples;
import io.github.statefullstm.sequence.Sample;
import io.github.statefullstm.sequence.Task;
import io.github.statefullstm.sequence.Windowing;
import io.github.statefullstm.spec.Claim;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

@Label("Running a batch plan through a model")
class PlanRunnerProperties {

    /**
     * Exact: the recording model's losses and accuracies are whole numbers, so both sides' sums of them times whole
     * batch sizes are exact in double, and each side divides once by the same count: the same correctly rounded
     * double.
     */
    private static final double AVERAGE_TOLERANCE = 0;

    record Run(String recipe, List<Sample> samples, BatchPlan plan) {
        @Override
        public String toString() {
            return recipe + " -> " + plan;
        }
    }

    @Provide
    Arbitrary<Run> plannedRuns() {
        return Combinators.combine(Arbitraries.integers().between(1, 12), Arbitraries.integers().between(1, 6),
                Arbitraries.longs(), Arbitraries.integers().between(0, 3), Arbitraries.integers().between(1, 4))
                .as((n, t, seed, kind, b) -> {
                    Task task = Task.generate(n, t, 0.5, seed);
                    String recipe = task + ", B=" + b;
                    return switch (kind) {
                        case 0 -> {
                            List<Sample> windows = Windowing.windows(task, 1 + t / 2, 1);
                            yield new Run(recipe + ", stateless windows", windows,
                                    BatchPlan.stateless(windows.size(), b));
                        }
                        case 1 -> {
                            PerStepFeed feed = PerStepFeed.of(task);
                            yield new Run(recipe + ", per step", feed.samples(), BatchPlan.perStep(feed));
                        }
                        case 2 -> {
                            List<Sample> steps = PlannedSamples.unequalSequences(
                                    new SplittableRandom(seed).ints(n + b, 1, t + 1).boxed().toList(),
                                    seed, true);
                            yield new Run(recipe + ", session-parallel", steps,
                                    BatchPlan.sessionParallel(steps, b, true));
                        }
                        default -> {
                            Task whole = Task.generate(n * b, t, 0.5, seed);
                            List<Sample> chunks = Windowing.windows(whole, 1, 1);
                            yield new Run(whole + ", sequence-preserving B=" + b, chunks,
                                    BatchPlan.sequencePreserving(chunks, b));
                        }
                    };
                });
    }

    @Property(tries = 300)
    @Claim("TRAIN-1")
    @Label("the model sees the plan's batches in order, with resetStates and resetRow exactly where the plan resets")
    void theModelSeesThePlanInOrderWithItsResets(@ForAll("plannedRuns") Run run) {
        RecordingModel model = new RecordingModel(run.plan().stateful(), run.plan().batchSize());
        PlanRunner.train(model, run.samples(), run.plan(), BatchListener.SILENT);
        List<String> expected = new ArrayList<>();
        for (BatchPlan.Batch batch : run.plan().batches()) {
            boolean everyRow = batch.resetRows().length == batch.size();
            if (run.plan().stateful() && (batch.resetBefore() || everyRow)) {
                expected.add("reset");
            } else {
                for (int row : batch.resetRows()) {
                    expected.add("reset row " + row);
                }
            }
            expected.add("train " + batch.size());
        }
        Statistics.label("stateful").collect(run.plan().stateful());
        assertEquals(expected, model.calls, run::toString);
    }

    @Property(tries = 300)
    @Claim("TRAIN-2")
    @Label("the epoch's loss and accuracy are the batches' figures weighted by their rows, as Keras prints them")
    void epochFiguresAreRowWeightedAveragesOfTheBatches(@ForAll("plannedRuns") Run run) {
        RecordingModel model = new RecordingModel(run.plan().stateful(), run.plan().batchSize());
        Score score = PlanRunner.train(model, run.samples(), run.plan(), BatchListener.SILENT);
        boolean unequal = run.plan().batches().stream().map(BatchPlan.Batch::size).distinct().count() > 1;
        Statistics.label("batch sizes").collect(unequal ? "unequal: the weighting matters" : "all equal");
        double loss = 0;
        double accuracy = 0;
        for (BatchPlan.Batch batch : run.plan().batches()) {
            double first = run.samples().get(batch.row(0)).step(0);
            loss += (1 + first) * batch.size();
            accuracy += (first == 0 ? 0 : 1) * batch.size();
        }
        // the plan's samples: a session-parallel plan leaves out what its rows could not finish
        int planned = run.plan().sampleCount();
        assertEquals(planned, score.samples());
        assertEquals(loss / planned, score.loss(), AVERAGE_TOLERANCE, run::toString);
        assertEquals(accuracy / planned, score.accuracy(), AVERAGE_TOLERANCE, run::toString);
    }

    @Property(tries = 300)
    @Claim("TRAIN-2")
    @Label("where samples answer at chosen steps, each batch's figures weigh as many as its answers")
    void whereSamplesAnswerAtChosenStepsEachBatchWeighsAsManyAsItsAnswers(
            @ForAll(supplier = AnsweredPlan.Any.class) AnsweredPlan answered) {
        RecordingModel model = new RecordingModel(answered.plan().stateful(), answered.plan().batchSize());
        Score score = PlanRunner.train(model, answered.samples(), answered.plan(), BatchListener.SILENT);
        double loss = 0;
        double accuracy = 0;
        long answers = 0;
        boolean asRows = true;
        for (BatchPlan.Batch batch : answered.plan().batches()) {
            int own = 0;
            for (int row : batch.rows()) {
                own += answered.samples().get(row).answers();
            }
            asRows &= own == batch.size();
            double first = answered.samples().get(batch.row(0)).step(0);
            loss += (1 + first) * own;
            accuracy += (first == 0 ? 0 : 1) * own;
            answers += own;
        }
        Statistics.label("answers per batch").collect(asRows ? "its rows" : "other than its rows");
        assertEquals(answers, score.samples(), answered::toString);
        assertEquals(loss / answers, score.loss(), AVERAGE_TOLERANCE, answered::toString);
        assertEquals(accuracy / answers, score.accuracy(), AVERAGE_TOLERANCE, answered::toString);
    }

    @Property(tries = 300)
    @Claim("TRAIN-2")
    @Label("after each batch the listener hears the running averages so far, as Keras' progress bar shows them")
    void theListenerHearsTheRunningAveragesAfterEveryBatch(@ForAll("plannedRuns") Run run) {
        RecordingModel model = new RecordingModel(run.plan().stateful(), run.plan().batchSize());
        List<String> heard = new ArrayList<>();
        List<Score> running = new ArrayList<>();
        PlanRunner.train(model, run.samples(), run.plan(), (batch, batches, score) -> {
            heard.add(batch + "/" + batches);
            running.add(score);
        });
        int batches = run.plan().batches().size();
        Statistics.label("batches").collect(batches == 1 ? "1" : "2..");
        double loss = 0;
        double accuracy = 0;
        long seen = 0;
        for (int k = 0; k < batches; k++) {
            BatchPlan.Batch batch = run.plan().batch(k);
            double first = run.samples().get(batch.row(0)).step(0);
            loss += (1 + first) * batch.size();
            accuracy += (first == 0 ? 0 : 1) * batch.size();
            seen += batch.size();
            assertEquals(k + "/" + batches, heard.get(k), "which batch the listener heard of, in " + run);
            assertEquals(seen, running.get(k).samples(), "rows seen after batch " + k + " of " + run);
            assertEquals(loss / seen, running.get(k).loss(), AVERAGE_TOLERANCE, "running loss after batch " + k);
            assertEquals(accuracy / seen, running.get(k).accuracy(), AVERAGE_TOLERANCE,
                    "running accuracy after batch " + k);
        }
        assertEquals(batches, heard.size(), "one report per batch in " + run);
    }

    @Property(tries = 300)
    @Claim("TRAIN-3")
    @Label("evaluating a stateful model gives back the state it carried")
    void evaluationGivesBackTheCarriedState(@ForAll("plannedRuns") Run run) {
        RecordingModel model = new RecordingModel(run.plan().stateful(), run.plan().batchSize());
        LstmState before = model.states();
        Statistics.label("stateful").collect(run.plan().stateful());
        PlanRunner.evaluate(model, run.samples(), run.plan());
        assertEquals(before, model.states(), run::toString);
        assertTrue(model.calls.stream().noneMatch(call -> call.startsWith("train")), "evaluation never trains");
    }

    @Property(tries = 50)
    @Claim("TRAIN-4")
    @Label("a stateful plan is refused for a stateless model or one of another batch size")
    void aPlanIsRefusedByAModelThatCannotCarryItsState(@ForAll("plannedRuns") Run run) {
        Statistics.label("refused for").collect(run.plan().stateful() ? "its mode and its batch size" : "its mode");
        RecordingModel wrongMode = new RecordingModel(!run.plan().stateful(), run.plan().batchSize());
        IllegalArgumentException modeRefusal = assertThrows(IllegalArgumentException.class,
                () -> PlanRunner.train(wrongMode, run.samples(), run.plan(), BatchListener.SILENT));
        String needed = run.plan().stateful() ? "stateful" : "stateless";
        String given = run.plan().stateful() ? "stateless" : "stateful";
        for (String word : List.of(run.plan().toString(), "needs a " + needed + " model", "got a " + given + " one",
                needed + " plan, B=" + run.plan().batchSize() + ", " + run.plan().batches().size() + " batches")) {
            assertTrue(modeRefusal.getMessage().contains(word),
                    () -> "message \"" + modeRefusal.getMessage() + "\" should mention \"" + word + "\"");
        }
        if (run.plan().stateful()) {
            RecordingModel wrongSize = new RecordingModel(true, run.plan().batchSize() + 1);
            IllegalArgumentException refusal = assertThrows(IllegalArgumentException.class,
                    () -> PlanRunner.train(wrongSize, run.samples(), run.plan(), BatchListener.SILENT));
            assertTrue(refusal.getMessage().contains("batch size = " + run.plan().batchSize()), refusal::getMessage);
        }
    }
}
