package io.github.statefullstm.sequence;

import static io.github.statefullstm.sequence.TaskProperties.assertMentions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.statefullstm.spec.Claim;
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

@Label("The post's task on sequences of unequal lengths (experiment F's)")
class VaryingLengthTaskProperties {

    static final int MAX_SEQUENCES = 40;
    static final int MAX_LENGTH = 30;

    /** The settings of one draw; shrinks towards one sequence of one step, with no ones. */
    record Draw(int sequences, int shortest, int longest, double fraction, long seed) {
        VaryingLengthTask task() {
            return VaryingLengthTask.generate(sequences, shortest, longest, fraction, seed);
        }

        @Override
        public String toString() {
            return "VaryingLengthTask.generate(" + sequences + ", " + shortest + ", " + longest + ", " + fraction
                    + ", " + seed + "L)";
        }
    }

    /** Any number of sequences, any range of lengths (a range of one length included), any share of ones. */
    @Provide
    Arbitrary<Draw> draws() {
        return Combinators.combine(Arbitraries.integers().between(1, MAX_SEQUENCES),
                Arbitraries.integers().between(1, MAX_LENGTH), Arbitraries.integers().between(0, MAX_LENGTH),
                TaskShape.fractions(), Arbitraries.longs()).as((n, shortest, extra, fraction, seed) ->
                new Draw(n, shortest, Math.min(MAX_LENGTH, shortest + extra), fraction, seed));
    }

    /** Two sequences or more, a share of ones that rounds to neither none nor all of them: both targets drawn. */
    @Provide
    Arbitrary<Draw> drawsThatHoldBothTargets() {
        return draws().filter(d -> d.sequences() >= 2)
                .filter(d -> Math.round(d.sequences() * d.fraction()) > 0
                        && Math.round(d.sequences() * d.fraction()) < d.sequences());
    }

    private static void collectCoverage(Draw draw) {
        Statistics.label("N").collect(draw.sequences() == 1 ? "1" : draw.sequences() <= 10 ? "2..10" : "11..");
        Statistics.label("lengths").collect(draw.shortest() == draw.longest() ? "one length" : "a range");
    }

    @Property
    @Claim("TASK-6")
    @Label("every length lies in [shortest, longest], and every step but step 0 is zero, step 0 the target")
    void everyLengthLiesInTheRangeAndStepZeroIsTheTarget(@ForAll("draws") Draw draw) {
        VaryingLengthTask task = draw.task();
        collectCoverage(draw);
        assertEquals(draw.sequences(), task.size(), draw::toString);
        int shortest = Integer.MAX_VALUE;
        int longest = 0;
        for (int sequence = 0; sequence < task.size(); sequence++) {
            int length = task.length(sequence);
            shortest = Math.min(shortest, length);
            longest = Math.max(longest, length);
            assertTrue(length >= draw.shortest() && length <= draw.longest(),
                    "sequence " + sequence + " has " + length + " steps in " + draw);
            assertEquals(task.target(sequence), task.step(sequence, 0), "step 0 of sequence " + sequence + " of "
                    + draw);
            for (int t = 1; t < length; t++) {
                assertEquals(0.0, task.step(sequence, t), "sequence " + sequence + ", step " + t + " of " + draw);
            }
        }
        assertEquals(shortest, task.shortest(), draw::toString);
        assertEquals(longest, task.longest(), draw::toString);
        assertTrue(task.toString().contains("lengths " + shortest + ".." + longest), task::toString);
    }

    @Property
    @Claim("TASK-6")
    @Label("the targets are Task.generate's for the same seed: exactly round(N * fraction) ones, both targets drawn")
    void theTargetsAreThoseOfThePostsDrawForTheSameSeed(@ForAll("drawsThatHoldBothTargets") Draw draw) {
        VaryingLengthTask task = draw.task();
        Task post = Task.generate(draw.sequences(), draw.longest(), draw.fraction(), draw.seed());
        collectCoverage(draw);
        for (int sequence = 0; sequence < task.size(); sequence++) {
            assertEquals(post.target(sequence), task.target(sequence), "target of sequence " + sequence + " of "
                    + draw);
        }
        assertEquals(Math.round(draw.sequences() * draw.fraction()), task.ones(), draw::toString);
        assertTrue(task.ones() > 0 && task.zeros() > 0, "both targets in " + draw);
    }

    @Property
    @Claim("TASK-6")
    @Label("the same seed draws the same task, lengths and targets")
    void theSameSeedDrawsTheSameTask(@ForAll("draws") Draw draw) {
        collectCoverage(draw);
        assertEquals(draw.task(), draw.task(), draw::toString);
        assertEquals(draw.task().hashCode(), draw.task().hashCode(), draw::toString);
    }

    @Property
    @Claim("TASK-6")
    @Label("equal tasks are the same draw: a task with one sequence longer or one target changed is another task")
    void aTaskWithOneSequenceLongerOrOneTargetChangedIsAnotherTask(@ForAll("draws") Draw draw,
                                                                   @ForAll @IntRange(min = 0, max = 1000) int where) {
        VaryingLengthTask task = draw.task();
        int row = where % task.size();
        int[] lengths = new int[task.size()];
        int[] targets = new int[task.size()];
        for (int i = 0; i < task.size(); i++) {
            lengths[i] = task.length(i);
            targets[i] = task.target(i);
        }
        collectCoverage(draw);
        int[] longer = lengths.clone();
        longer[row]++;
        int[] flipped = targets.clone();
        flipped[row] = 1 - flipped[row];
        assertNotEquals(task, VaryingLengthTask.postLike(longer, targets), "sequence " + row + " longer in " + draw);
        assertNotEquals(task, VaryingLengthTask.postLike(lengths, flipped), "target " + row + " changed in " + draw);
    }

    @Property
    @Claim("TASK-7")
    @Label("a sequence of length L gives L one-step samples, steps 0 .. L - 1 in order, each with its sequence's "
            + "target; the last step's target is the sequence's first value")
    void aSequenceOfLengthLGivesLOneStepSamplesWithItsTarget(@ForAll("draws") Draw draw) {
        VaryingLengthTask task = draw.task();
        List<Sample> samples = task.perStepSamples();
        collectCoverage(draw);
        assertEquals(task.totalSteps(), samples.size(), draw::toString);
        int next = 0;
        for (int sequence = 0; sequence < task.size(); sequence++) {
            for (int t = 0; t < task.length(sequence); t++) {
                Sample sample = samples.get(next++);
                String where = "sample " + (next - 1) + " (sequence " + sequence + ", step " + t + ") of " + draw;
                assertEquals(sequence, sample.sequence(), where);
                assertEquals(t, sample.start(), where);
                assertEquals(1, sample.length(), where);
                assertEquals(task.step(sequence, t), sample.step(0), where);
                assertEquals(task.target(sequence), sample.target(), where);
            }
            Sample last = samples.get(next - 1);
            assertEquals(task.step(sequence, 0), last.target(), "the last step of sequence " + sequence + " of "
                    + draw);
        }
    }

    @Property
    @Claim("TASK-7")
    @Label("the split partitions the sequences by position, each with its own length")
    void theSplitPartitionsTheSequencesByPosition(@ForAll("drawsThatHoldBothTargets") Draw draw,
                                                  @ForAll @IntRange(min = 1, max = MAX_SEQUENCES) int at) {
        VaryingLengthTask task = draw.task();
        int trainingSize = 1 + (at - 1) % (task.size() - 1);
        VaryingLengthTask.Split split = task.splitAt(trainingSize);
        collectCoverage(draw);
        assertEquals(trainingSize, split.training().size());
        assertEquals(task.size() - trainingSize, split.validation().size());
        for (int row = 0; row < task.size(); row++) {
            VaryingLengthTask part = row < trainingSize ? split.training() : split.validation();
            int i = row < trainingSize ? row : row - trainingSize;
            assertEquals(task.length(row), part.length(i), "length of row " + row);
            assertEquals(task.target(row), part.target(i), "target of row " + row);
        }
    }

    @Property
    @Claim("TASK-7")
    @Label("a task of one length is the post's task, sample for sample, one step at a time")
    void aTaskOfOneLengthFedOneStepAtATimeIsThePostsPerStepFeed(@ForAll(supplier = TaskShape.Any.class)
                                                                TaskShape shape) {
        Task task = shape.draw();
        Statistics.label("T").collect(shape.length() == 1 ? "1" : "2..");
        assertEquals(PerStepFeed.of(task).samples(), VaryingLengthTask.of(task).perStepSamples(), shape::toString);
        VaryingLengthTask drawn = VaryingLengthTask.generate(shape.sequences(), shape.length(), shape.length(),
                shape.fraction(), shape.seed());
        assertEquals(VaryingLengthTask.of(task), drawn, "drawn with one length: " + shape);
    }

    @Property
    @Claim("TASK-8")
    @Label("N <= 0, a shortest length <= 0, a longest below the shortest or a fraction outside [0, 1] is refused, "
            + "naming the parameter, the value and the rule")
    void badSettingsAreRefused(@ForAll @IntRange(min = -5, max = 0) int nonPositive,
                               @ForAll @IntRange(min = 2, max = MAX_LENGTH) int shortest,
                               @ForAll("fractionsOutsideTheUnitInterval") double fraction) {
        Statistics.label("value").collect(nonPositive == 0 ? "0" : "negative");
        assertMentions(assertThrows(IllegalArgumentException.class,
                () -> VaryingLengthTask.generate(nonPositive, 10, 30, 0.5, 1)), "sequences (N) = " + nonPositive,
                "> 0");
        assertMentions(assertThrows(IllegalArgumentException.class,
                () -> VaryingLengthTask.generate(10, nonPositive, 30, 0.5, 1)), "shortest = " + nonPositive, "> 0");
        assertMentions(assertThrows(IllegalArgumentException.class,
                () -> VaryingLengthTask.generate(10, shortest, shortest - 1, 0.5, 1)),
                "longest = " + (shortest - 1), "at least the shortest, " + shortest);
        assertMentions(assertThrows(IllegalArgumentException.class,
                () -> VaryingLengthTask.generate(10, 10, 30, fraction, 1)), "fraction = " + fraction, "[0, 1]");
    }

    @Provide
    Arbitrary<Double> fractionsOutsideTheUnitInterval() {
        return Arbitraries.oneOf(Arbitraries.doubles().lessThan(0), Arbitraries.doubles().greaterThan(1),
                Arbitraries.just(Double.NaN));
    }

    @Property
    @Claim("TASK-8")
    @Label("explicit sequences with none at all, an empty one, a target count other than N or a target other than 0 "
            + "or 1 are refused, naming which and the rule")
    void malformedExplicitSequencesAreRefused(@ForAll("draws") Draw draw, @ForAll @IntRange(min = 2, max = 5)
                                              int badTarget) {
        VaryingLengthTask task = draw.task();
        int n = task.size();
        int last = n - 1;
        double[][] steps = new double[n][];
        int[] targets = new int[n];
        int[] lengths = new int[n];
        for (int i = 0; i < n; i++) {
            lengths[i] = task.length(i);
            steps[i] = new double[lengths[i]];
            steps[i][0] = task.target(i);
            targets[i] = task.target(i);
        }
        collectCoverage(draw);
        assertEquals(task, new VaryingLengthTask(steps, targets), "the same sequences: " + draw);
        assertEquals(task, VaryingLengthTask.postLike(lengths, targets), "post-like, the same lengths: " + draw);
        assertMentions(assertThrows(IllegalArgumentException.class,
                () -> new VaryingLengthTask(new double[0][], new int[0])), "sequences (N) = 0", "> 0");
        double[][] oneEmpty = steps.clone();
        oneEmpty[last] = new double[0];
        assertMentions(assertThrows(IllegalArgumentException.class, () -> new VaryingLengthTask(oneEmpty, targets)),
                "length of sequence " + last + " = 0", "at least one step");
        assertMentions(assertThrows(IllegalArgumentException.class,
                () -> new VaryingLengthTask(steps, java.util.Arrays.copyOf(targets, n + 1))),
                "targets = " + (n + 1), "one per sequence (" + n + ")");
        int[] notBinary = targets.clone();
        notBinary[last] = badTarget;
        assertMentions(assertThrows(IllegalArgumentException.class, () -> new VaryingLengthTask(steps, notBinary)),
                "target of sequence " + last + " = " + badTarget, "0 or 1");
        assertMentions(assertThrows(IllegalArgumentException.class, () -> new VaryingLengthTask(steps, null)),
                "steps and targets must be given");
        assertMentions(assertThrows(IllegalArgumentException.class, () -> VaryingLengthTask.postLike(null, targets)),
                "lengths and targets", "must be given");
        int[] oneTargetShort = java.util.Arrays.copyOf(targets, n - 1);
        assertMentions(assertThrows(IllegalArgumentException.class, () -> VaryingLengthTask.postLike(lengths,
                oneTargetShort)), "targets = " + (n - 1), "one per sequence (" + n + ")");
        assertMentions(assertThrows(IllegalArgumentException.class, () -> task.splitAt(0)), "trainingSize = 0",
                "non-empty");
        int[] noSteps = lengths.clone();
        noSteps[last] = 0;
        assertMentions(assertThrows(IllegalArgumentException.class, () -> VaryingLengthTask.postLike(noSteps,
                targets)), "length of sequence " + last + " = 0", "at least one step");
        assertMentions(assertThrows(IllegalArgumentException.class, () -> task.splitAt(n)),
                "trainingSize = " + n, "non-empty");
        assertEquals(task, task.rows(0, n), "rows [0, N) of " + draw);
        assertMentions(assertThrows(IllegalArgumentException.class, () -> task.rows(last, last)),
                "rows = [" + last + ", " + last + ")", "non-empty range");
    }
}
