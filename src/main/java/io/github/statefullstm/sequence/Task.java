package io.github.statefullstm.sequence;

import io.github.statefullstm.refusal.Refusal;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The post's task: {@code N} sequences of length {@code T}, zeros everywhere except step 0, which holds 1 in
 * exactly {@code round(N * fraction)} rows; the target of a sequence is its step 0 ("very long term memory").
 * Immutable.
 */
public final class Task {

    private final double[][] steps;
    private final int[] targets;

    /**
     * A task from explicit sequences and targets, for example a split or sequences rebuilt from windows.
     * Targets must be 0 or 1; all sequences must have the same length.
     */
    public Task(double[][] steps, int[] targets) {
        Refusal.require(steps != null && targets != null, "task", null, "steps and targets must be given");
        Refusal.requirePositive("sequences (N)", steps.length);
        Refusal.require(steps.length == targets.length, "targets", targets.length,
                "must be one per sequence (" + steps.length + ")");
        Refusal.requirePositive("length (T)", steps[0].length);
        for (int i = 0; i < steps.length; i++) {
            Refusal.require(steps[i].length == steps[0].length, "length of sequence " + i, steps[i].length,
                    "all sequences must have length " + steps[0].length);
            Refusal.require(targets[i] == 0 || targets[i] == 1, "target of sequence " + i, targets[i], "must be 0 or 1");
        }
        this.steps = new double[steps.length][];
        for (int i = 0; i < steps.length; i++) {
            this.steps[i] = steps[i].clone();
        }
        this.targets = targets.clone();
    }

    /**
     * Draws the task: which rows hold 1 is a uniform choice without replacement (as the post's
     * {@code choice(a=N, size=N/2, replace=False)}), made by a partial Fisher-Yates shuffle driven by {@code seed}.
     *
     * @param fraction the share of ones; the count is {@code Math.round(sequences * fraction)}, so it is exact
     */
    public static Task generate(int sequences, int length, double fraction, long seed) {
        Refusal.requirePositive("sequences (N)", sequences);
        Refusal.requirePositive("length (T)", length);
        int[] targets = drawTargets(sequences, fraction, new SplittableRandom(seed));
        double[][] steps = new double[sequences][length];
        for (int i = 0; i < sequences; i++) {
            steps[i][0] = targets[i];
        }
        return new Task(steps, targets);
    }

    /**
     * Which of {@code sequences} rows hold 1: exactly {@code Math.round(sequences * fraction)} of them, chosen by a
     * partial Fisher-Yates shuffle on {@code random}. The one home of that choice, so that a task of sequences of
     * unequal lengths drawn with the same seed has the same targets ({@link VaryingLengthTask}). Its callers have
     * refused a count of sequences below 1.
     */
    static int[] drawTargets(int sequences, double fraction, SplittableRandom random) {
        Refusal.require(fraction >= 0 && fraction <= 1, "fraction", fraction, "must be in [0, 1]");
        int ones = (int) Math.round(sequences * fraction);
        int[] order = new int[sequences];
        Arrays.setAll(order, i -> i);
        for (int i = 0; i < ones; i++) {
            int j = i + random.nextInt(sequences - i);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        int[] targets = new int[sequences];
        for (int i = 0; i < ones; i++) {
            targets[order[i]] = 1;
        }
        return targets;
    }

    /** {@code N}. */
    public int size() {
        return steps.length;
    }

    /** {@code T}. */
    public int length() {
        return steps[0].length;
    }

    public double[] steps(int sequence) {
        return steps[sequence].clone();
    }

    public double step(int sequence, int t) {
        return steps[sequence][t];
    }

    public int target(int sequence) {
        return targets[sequence];
    }

    public int ones() {
        return Arrays.stream(targets).sum();
    }

    public int zeros() {
        return size() - ones();
    }

    /** Rows {@code [from, to)} as a task of their own. */
    public Task rows(int from, int to) {
        requireRowRange(from, to, size());
        return new Task(Arrays.copyOfRange(steps, from, to), Arrays.copyOfRange(targets, from, to));
    }

    /**
     * The split by position, as the post's {@code X[:N_train]} and {@code X[N_train:]}: the first
     * {@code trainingSize} rows train, the rest validate. Both parts must be non-empty.
     */
    public Split splitAt(int trainingSize) {
        requireSplit(trainingSize, size());
        return new Split(rows(0, trainingSize), rows(trainingSize, size()));
    }

    /** Rows of a task of {@code size} sequences, of one length or not: a non-empty range inside it. */
    static void requireRowRange(int from, int to, int size) {
        Refusal.require(from >= 0 && from < to && to <= size, "rows", "[" + from + ", " + to + ")",
                "must be a non-empty range inside [0, " + size + ")");
    }

    /** A split of a task of {@code size} sequences by position: both parts non-empty. */
    static void requireSplit(int trainingSize, int size) {
        Refusal.require(trainingSize > 0 && trainingSize < size, "trainingSize", trainingSize,
                "must leave both parts non-empty: 0 < trainingSize < N = " + size);
    }

    /** The training and validation parts of a task. */
    public record Split(Task training, Task validation) {
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Task other && Arrays.deepEquals(steps, other.steps) && Arrays.equals(targets, other.targets);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.deepHashCode(steps) + Arrays.hashCode(targets);
    }

    @Override
    public String toString() {
        return "Task{N=" + size() + ", T=" + length() + ", ones=" + ones() + "}";
    }
}
