package io.github.statefullstm.sequence;

import io.github.statefullstm.refusal.Refusal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The post's task on sequences of unequal lengths, the readers' session-parallel question: each sequence has a length
 * of its own, zeros everywhere except step 0, which is its target. Fed one step at a time, it becomes the per-step
 * samples that {@link BatchPlan#sessionParallel} lays out side by side. Immutable.
 */
public final class VaryingLengthTask {

    private final double[][] steps;
    private final int[] targets;

    /** A task from explicit sequences, each of its own length (at least one step), and their targets, 0 or 1. */
    public VaryingLengthTask(double[][] steps, int[] targets) {
        Refusal.require(steps != null && targets != null, "task", null, "steps and targets must be given");
        Refusal.requirePositive("sequences (N)", steps.length);
        Refusal.require(steps.length == targets.length, "targets", targets.length,
                "must be one per sequence (" + steps.length + ")");
        this.steps = new double[steps.length][];
        for (int i = 0; i < steps.length; i++) {
            Refusal.require(steps[i] != null && steps[i].length > 0, "length of sequence " + i,
                    steps[i] == null ? null : steps[i].length, "must be at least one step");
            Refusal.require(targets[i] == 0 || targets[i] == 1, "target of sequence " + i, targets[i],
                    "must be 0 or 1");
            this.steps[i] = steps[i].clone();
        }
        this.targets = targets.clone();
    }

    /**
     * Draws the task: lengths uniform in {@code [shortest, longest]}, and which sequences hold 1 chosen exactly as
     * {@link Task#generate} chooses them from the same seed (so {@code round(sequences * fraction)} of them), then
     * their lengths from the same random stream.
     */
    public static VaryingLengthTask generate(int sequences, int shortest, int longest, double fraction, long seed) {
        Refusal.requirePositive("sequences (N)", sequences);
        Refusal.requirePositive("shortest", shortest);
        Refusal.require(longest >= shortest, "longest", longest, "must be at least the shortest, " + shortest);
        SplittableRandom random = new SplittableRandom(seed);
        int[] targets = Task.drawTargets(sequences, fraction, random);
        int[] lengths = new int[sequences];
        for (int i = 0; i < sequences; i++) {
            lengths[i] = random.nextInt(shortest, longest + 1);
        }
        return postLike(lengths, targets);
    }

    /**
     * The post's kind of sequences with these lengths and targets: step 0 is the target, the rest zeros.
     *
     * @param lengths each sequence's steps, at least one
     */
    public static VaryingLengthTask postLike(int[] lengths, int[] targets) {
        Refusal.require(lengths != null && targets != null, "lengths and targets", null, "must be given");
        Refusal.require(targets.length == lengths.length, "targets", targets.length,
                "must be one per sequence (" + lengths.length + ")");
        double[][] steps = new double[lengths.length][];
        for (int i = 0; i < lengths.length; i++) {
            Refusal.require(lengths[i] >= 1, "length of sequence " + i, lengths[i], "must be at least one step");
            steps[i] = new double[lengths[i]];
            steps[i][0] = targets[i];
        }
        return new VaryingLengthTask(steps, targets);
    }

    /** {@code N}. */
    public int size() {
        return steps.length;
    }

    /** The steps of one sequence. */
    public int length(int sequence) {
        return steps[sequence].length;
    }

    public int shortest() {
        return Arrays.stream(steps).mapToInt(s -> s.length).min().orElseThrow();
    }

    public int longest() {
        return Arrays.stream(steps).mapToInt(s -> s.length).max().orElseThrow();
    }

    /** Every sequence's steps, summed. */
    public long totalSteps() {
        return Arrays.stream(steps).mapToLong(s -> s.length).sum();
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

    /**
     * One step at a time, as the post feeds its sequences: sequence by sequence, step by step, each step a sample of
     * one value with its sequence's target, numbered by sequence and step, which is what
     * {@link BatchPlan#sessionParallel} reads to tell where a sequence starts.
     */
    public List<Sample> perStepSamples() {
        List<Sample> samples = new ArrayList<>(Math.toIntExact(totalSteps()));
        for (int sequence = 0; sequence < size(); sequence++) {
            for (int t = 0; t < steps[sequence].length; t++) {
                samples.add(new Sample(sequence, t, new double[] {steps[sequence][t]}, targets[sequence]));
            }
        }
        return samples;
    }

    /** Rows {@code [from, to)} as a task of their own. */
    public VaryingLengthTask rows(int from, int to) {
        Task.requireRowRange(from, to, size());
        return new VaryingLengthTask(Arrays.copyOfRange(steps, from, to), Arrays.copyOfRange(targets, from, to));
    }

    /** The split by position, as {@link Task#splitAt}: the first {@code trainingSize} rows train, the rest validate. */
    public Split splitAt(int trainingSize) {
        Task.requireSplit(trainingSize, size());
        return new Split(rows(0, trainingSize), rows(trainingSize, size()));
    }

    /** The training and validation parts of a task. */
    public record Split(VaryingLengthTask training, VaryingLengthTask validation) {
    }

    /** The same sequences, each of the task's one length. */
    public static VaryingLengthTask of(Task task) {
        double[][] steps = new double[task.size()][];
        int[] targets = new int[task.size()];
        for (int i = 0; i < task.size(); i++) {
            steps[i] = task.steps(i);
            targets[i] = task.target(i);
        }
        return new VaryingLengthTask(steps, targets);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VaryingLengthTask other && Arrays.deepEquals(steps, other.steps)
                && Arrays.equals(targets, other.targets);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.deepHashCode(steps) + Arrays.hashCode(targets);
    }

    @Override
    public String toString() {
        return "VaryingLengthTask{N=" + size() + ", lengths " + shortest() + ".." + longest() + ", ones=" + ones() + "}";
    }
}
