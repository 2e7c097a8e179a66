package io.github.statefullstm.sequence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.statefullstm.spec.Claim;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * Samples answered every period of their sequence (WIN-6): the post's "at specific intervals e.g. every period of
 * length 10", counted from each sequence's step 0, whatever the chunks are cut.
 */
@Label("A target every period of a sequence")
class TargetPeriodProperties {

    /** A task of T steps cut into chunks of c, and a target period p; c and p each divide T. */
    record Chunking(TaskShape task, int chunk, int period) {
        @Override
        public String toString() {
            return task + " cut into chunks of " + chunk + ", a target every " + period + " steps";
        }
    }

    @Provide
    Arbitrary<Chunking> chunkingsWithATargetPeriodThatDividesT() {
        return TaskShape.any().flatMap(task -> Combinators.combine(
                Arbitraries.of(PlannedSamples.divisors(task.length())),
                Arbitraries.of(PlannedSamples.divisors(task.length()))).as((c, p) -> new Chunking(task, c, p)));
    }

    @Property
    @Claim("WIN-6")
    @Label("chunks of any length answered every p steps answer at steps p - 1, 2p - 1, ..., T - 1 of each sequence,"
            + " each once")
    void chunksOfAnyLengthAnswerAtTheEndOfEveryPeriodOfTheirSequenceEachOnce(
            @ForAll("chunkingsWithATargetPeriodThatDividesT") Chunking chunking) {
        Statistics.label("period against chunk").collect(chunking.period() == chunking.chunk() ? "equal"
                : chunking.chunk() % chunking.period() == 0 ? "divides the chunk"
                : chunking.period() % chunking.chunk() == 0 ? "a multiple of the chunk" : "neither");
        Task task = chunking.task().draw();
        List<Sample> chunks = Windowing.windows(task, chunking.chunk(), chunking.chunk());
        List<List<Integer>> answeredBySequence = new ArrayList<>();
        for (int sequence = 0; sequence < task.size(); sequence++) {
            answeredBySequence.add(new ArrayList<>());
        }
        for (Sample chunk : chunks) {
            Sample answered = chunk.answeredEvery(chunking.period());
            assertEquals(chunk.target(), answered.target());
            assertEquals(chunk.start(), answered.start());
            for (int t = 0; t < answered.length(); t++) {
                assertEquals(chunk.step(t), answered.step(t));
                if (answered.answered(t)) {
                    answeredBySequence.get(answered.sequence()).add(answered.start() + t);
                }
            }
        }
        List<Integer> expected = new ArrayList<>();
        for (int step = chunking.period() - 1; step < task.length(); step += chunking.period()) {
            expected.add(step);
        }
        for (int sequence = 0; sequence < task.size(); sequence++) {
            assertEquals(expected, answeredBySequence.get(sequence), "sequence " + sequence + " of " + chunking);
        }
    }

    @Property
    @Claim("WIN-6")
    @Label("a sample as cut answers once, at its last step; answers chosen there alone fall where its own do, and say"
            + " they were chosen")
    void aSampleAsCutAnswersOnceAtItsLastStepAndChosenAnswersSayTheyWereChosen(
            @ForAll(supplier = WindowShape.Any.class) WindowShape shape) {
        Task task = shape.task().draw();
        for (Sample window : Windowing.windows(task, shape.window(), shape.stride())) {
            boolean[] last = new boolean[window.length()];
            last[window.length() - 1] = true;
            Sample chosen = window.answeredAt(last);
            assertTrue(!window.answersAtChosenSteps() && chosen.answersAtChosenSteps(), chosen::toString);
            assertEquals(1, window.answers());
            assertEquals(1, chosen.answers());
            for (int t = 0; t < window.length(); t++) {
                assertEquals(t == window.length() - 1, window.answered(t), "step " + t + " of " + window);
                assertEquals(window.answered(t), chosen.answered(t), "step " + t + " of " + chosen);
            }
            assertEquals(window.target(), chosen.target());
            assertEquals(window.start(), chosen.start());
            assertTrue(java.util.Arrays.equals(window.steps(), chosen.steps()));
            assertTrue(!window.equals(chosen) && !window.toString().contains("answered at"), window::toString);
            assertTrue(chosen.toString().endsWith(", answered at [" + (window.length() - 1) + "]}"),
                    chosen::toString);
            Sample everyStep = window.answeredAt(everyStep(window.length()));
            assertEquals(window.length(), everyStep.answers());
            Statistics.label("one step").collect(window.length() == 1);
            assertEquals(window.length() == 1, everyStep.equals(chosen), "answered at every step: " + everyStep);
        }
    }

    @Property
    @Claim("WIN-6")
    @Label("a period below 1, or marks that are not one per step, are refused, naming the value and the rule")
    void aPeriodBelowOneOrMarksOfAnotherLengthAreRefused(@ForAll @IntRange(min = -3, max = 0) int period,
                                                         @ForAll @IntRange(min = 1, max = 6) int steps,
                                                         @ForAll @IntRange(min = 0, max = 6) int marks) {
        Sample sample = new Sample(0, 0, new double[steps], 0);
        TaskProperties.assertMentions(assertThrows(IllegalArgumentException.class,
                () -> sample.answeredEvery(period)), "target period = " + period, ">= 1");
        Statistics.label("marks").collect(marks == steps ? "one per step" : "another count");
        if (marks != steps) {
            TaskProperties.assertMentions(assertThrows(IllegalArgumentException.class,
                    () -> sample.answeredAt(new boolean[marks])), "answered steps = " + marks, "one mark per step: "
                    + steps);
        } else {
            assertEquals(0, sample.answeredAt(new boolean[marks]).answers(), "answered nowhere: read only");
        }
    }

    private static boolean[] everyStep(int steps) {
        boolean[] marks = new boolean[steps];
        java.util.Arrays.fill(marks, true);
        return marks;
    }
}
