package io.github.statefullstm.sequence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.statefullstm.spec.Claim;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.IntRange;

@Label("The post's task")
class TaskProperties {

    @Provide
    Arbitrary<TaskShape> tasksOfTwoOrMoreSequences() {
        return TaskShape.any().filter(shape -> shape.sequences() >= 2);
    }

    /** A task and how many of its sequences, from the first, go to the training part. */
    record SplitPoint(TaskShape shape, int trainingSize) {
        @Override
        public String toString() {
            return shape + ".splitAt(" + trainingSize + ")";
        }
    }

    /** Tasks of two or more sequences, split so that each part keeps at least one. */
    @Provide
    Arbitrary<SplitPoint> splitsThatLeaveBothPartsSequences() {
        return tasksOfTwoOrMoreSequences().flatMap(shape -> Arbitraries.integers().between(1, shape.sequences() - 1)
                .map(trainingSize -> new SplitPoint(shape, trainingSize)));
    }

    /** Any task, split so that training gets no sequence (a size of 0 or less) or every one of them. */
    @Provide
    Arbitrary<SplitPoint> splitsThatLeaveAPartEmpty() {
        return TaskShape.any().flatMap(shape -> Arbitraries.oneOf(
                        Arbitraries.integers().between(-TaskShape.MAX_SEQUENCES, 0),
                        Arbitraries.integers().between(shape.sequences(), shape.sequences() + TaskShape.MAX_SEQUENCES))
                .map(trainingSize -> new SplitPoint(shape, trainingSize)));
    }

    @Provide
    Arbitrary<Double> fractionsOutsideTheUnitInterval() {
        return Arbitraries.oneOf(Arbitraries.doubles().lessThan(0), Arbitraries.doubles().greaterThan(1),
                Arbitraries.just(Double.NaN));
    }

    @Property
    @Claim("TASK-1")
    @Label("exactly round(N * fraction) sequences hold 1")
    void exactlyTheRoundedFractionOfSequencesHoldOne(@ForAll(supplier = TaskShape.Any.class) TaskShape shape) {
        Task task = shape.draw();
        Statistics.label("share of ones").collect(shape.fraction() == 0.5 ? "0.5" : shape.fraction() == 0 ? "0"
                : shape.fraction() == 1 ? "1" : "other");
        assertEquals(Math.round(shape.sequences() * shape.fraction()), task.ones(), shape::toString);
    }

    @Property
    @Claim("TASK-2")
    @Label("every step but step 0 is zero, and the target is step 0")
    void theTargetIsStepZeroAndEveryOtherStepIsZero(@ForAll(supplier = TaskShape.Any.class) TaskShape shape) {
        Task task = shape.draw();
        Statistics.label("T").collect(shape.length() == 1 ? "1" : shape.length() <= 10 ? "2..10" : "11..");
        for (int sequence = 0; sequence < task.size(); sequence++) {
            assertEquals(task.target(sequence), task.step(sequence, 0), "sequence " + sequence + " of " + shape);
            for (int t = 1; t < task.length(); t++) {
                assertEquals(0.0, task.step(sequence, t), "sequence " + sequence + ", step " + t + " of " + shape);
            }
        }
    }

    @Property
    @Claim("TASK-3")
    @Label("the same seed draws the same task")
    void theSameSeedDrawsTheSameTask(@ForAll(supplier = TaskShape.Any.class) TaskShape shape) {
        Statistics.label("seed").collect(shape.seed() == 0 ? "0" : shape.seed() < 0 ? "negative" : "positive");
        assertEquals(shape.draw(), shape.draw(), shape::toString);
    }

    @Property
    @Claim("TASK-4")
    @Label("the split partitions the rows by position")
    void theSplitPartitionsTheRowsByPosition(@ForAll("splitsThatLeaveBothPartsSequences") SplitPoint point) {
        Task task = point.shape().draw();
        int trainingSize = point.trainingSize();
        Task.Split split = task.splitAt(trainingSize);
        Statistics.label("validation share").collect(trainingSize * 2 >= task.size() ? "at most half" : "over half");
        assertEquals(trainingSize, split.training().size());
        assertEquals(task.size() - trainingSize, split.validation().size());
        for (int row = 0; row < task.size(); row++) {
            Task part = row < trainingSize ? split.training() : split.validation();
            int at = row < trainingSize ? row : row - trainingSize;
            assertArrayEquals(task.steps(row), part.steps(at), "row " + row);
            assertEquals(task.target(row), part.target(at), "row " + row);
        }
    }

    @Property
    @Claim("TASK-5")
    @Label("a split that leaves a part empty is refused, naming the size and the rule")
    void aSplitThatLeavesAPartEmptyIsRefused(@ForAll("splitsThatLeaveAPartEmpty") SplitPoint point) {
        Task task = point.shape().draw();
        int trainingSize = point.trainingSize();
        Statistics.label("empty part").collect(trainingSize <= 0 ? "training" : "validation");
        IllegalArgumentException refusal = assertThrows(IllegalArgumentException.class,
                () -> task.splitAt(trainingSize));
        assertMentions(refusal, "trainingSize", String.valueOf(trainingSize), "non-empty");
    }

    @Property
    @Claim("TASK-5")
    @Label("N <= 0, T <= 0 or a fraction outside [0, 1] is refused, naming the parameter and value")
    void badTaskParametersAreRefused(@ForAll @IntRange(min = -5, max = 0) int nonPositive,
                                     @ForAll("fractionsOutsideTheUnitInterval") double fraction) {
        Statistics.label("N and T").collect(nonPositive == 0 ? "0" : "negative");
        Statistics.label("fraction").collect(Double.isNaN(fraction) ? "NaN" : fraction < 0 ? "below 0" : "above 1");
        assertMentions(assertThrows(IllegalArgumentException.class, () -> Task.generate(nonPositive, 20, 0.5, 1)),
                "sequences (N)", String.valueOf(nonPositive), "> 0");
        assertMentions(assertThrows(IllegalArgumentException.class, () -> Task.generate(10, nonPositive, 0.5, 1)),
                "length (T)", String.valueOf(nonPositive), "> 0");
        assertMentions(assertThrows(IllegalArgumentException.class, () -> Task.generate(10, 20, fraction, 1)),
                "fraction", String.valueOf(fraction), "[0, 1]");
    }

    @Provide
    Arbitrary<Integer> targetsOtherThanZeroOrOne() {
        return Arbitraries.integers().between(-3, 5).filter(t -> t != 0 && t != 1);
    }

    @Property
    @Claim("TASK-5")
    @Label("an explicit task with no rows, no steps, ragged rows, a missing target or a target other than 0 or 1 is "
            + "refused, naming the parameter and value")
    void aMalformedExplicitTaskIsRefused(@ForAll(supplier = TaskShape.Any.class) TaskShape shape,
                                         @ForAll("targetsOtherThanZeroOrOne") int badTarget) {
        Task task = shape.draw();
        double[][] steps = new double[task.size()][];
        int[] targets = new int[task.size()];
        for (int row = 0; row < task.size(); row++) {
            steps[row] = task.steps(row);
            targets[row] = task.target(row);
        }
        int last = task.size() - 1;
        Statistics.label("rows").collect(task.size() == 1 ? "1" : "2..");
        assertMentions(assertThrows(IllegalArgumentException.class, () -> new Task(null, targets)),
                "steps and targets must be given");
        assertMentions(assertThrows(IllegalArgumentException.class, () -> new Task(new double[0][], new int[0])),
                "sequences (N) = 0", "> 0");
        assertMentions(assertThrows(IllegalArgumentException.class,
                () -> new Task(steps, java.util.Arrays.copyOf(targets, task.size() + 1))),
                "targets = " + (task.size() + 1), "one per sequence (" + task.size() + ")");
        assertMentions(assertThrows(IllegalArgumentException.class,
                () -> new Task(new double[task.size()][0], targets)), "length (T) = 0", "> 0");
        if (last > 0) {
            double[][] ragged = steps.clone();
            ragged[last] = java.util.Arrays.copyOf(steps[last], task.length() + 1);
            assertMentions(assertThrows(IllegalArgumentException.class, () -> new Task(ragged, targets)),
                    "length of sequence " + last + " = " + (task.length() + 1), "length " + task.length());
        }
        int[] notBinary = targets.clone();
        notBinary[last] = badTarget;
        assertMentions(assertThrows(IllegalArgumentException.class, () -> new Task(steps, notBinary)),
                "target of sequence " + last + " = " + badTarget, "0 or 1");
    }

    @Property
    @Claim("TASK-5")
    @Label("rows [from, to) must be a non-empty range inside the task; every such range is a task of its own")
    void rowsOutsideTheTaskAreRefused(@ForAll(supplier = TaskShape.Any.class) TaskShape shape,
                                      @ForAll @IntRange(min = 0, max = TaskShape.MAX_SEQUENCES) int from) {
        Task task = shape.draw();
        int start = from % task.size();
        assertEquals(task.size() - start, task.rows(start, task.size()).size(), "rows [" + start + ", N) of " + shape);
        assertEquals(task, task.rows(0, task.size()), "rows [0, N) of " + shape);
        assertMentions(assertThrows(IllegalArgumentException.class, () -> task.rows(start, start)),
                "rows = [" + start + ", " + start + ")", "non-empty range");
        assertMentions(assertThrows(IllegalArgumentException.class, () -> task.rows(-1, 1)), "rows = [-1, 1)");
        assertMentions(assertThrows(IllegalArgumentException.class, () -> task.rows(start, task.size() + 1)),
                "rows = [" + start + ", " + (task.size() + 1) + ")", "inside [0, " + task.size() + ")");
    }

    @Property
    @Claim("TASK-3")
    @Label("equal tasks are the same draw: a task with one step or one target changed is another task")
    void aTaskWithOneStepOrTargetChangedIsAnotherTask(@ForAll(supplier = TaskShape.Any.class) TaskShape shape,
                                                      @ForAll @IntRange(min = 0, max = 1000) int where) {
        Task task = shape.draw();
        int row = where % task.size();
        int t = where % task.length();
        double[][] steps = new double[task.size()][];
        int[] targets = new int[task.size()];
        for (int i = 0; i < task.size(); i++) {
            steps[i] = task.steps(i);
            targets[i] = task.target(i);
        }
        assertEquals(task, new Task(steps, targets), shape::toString);
        assertEquals(task.hashCode(), new Task(steps, targets).hashCode(), "equal tasks hash alike: " + shape);
        double[][] oneStepChanged = steps.clone();
        oneStepChanged[row] = steps[row].clone();
        oneStepChanged[row][t] += 1;
        int[] oneTargetChanged = targets.clone();
        oneTargetChanged[row] = 1 - targets[row];
        assertNotEquals(task, new Task(oneStepChanged, targets),
                "step " + t + " of row " + row + " changed in " + shape);
        assertNotEquals(task, new Task(steps, oneTargetChanged), "target of row " + row + " changed in " + shape);
    }

    static void assertMentions(IllegalArgumentException refusal, String... words) {
        for (String word : words) {
            assertTrue(refusal.getMessage().contains(word),
                    () -> "message \"" + refusal.getMessage() + "\" should mention \"" + word + "\"");
        }
    }
}
