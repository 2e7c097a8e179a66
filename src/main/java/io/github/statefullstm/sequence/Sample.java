package io.github.statefullstm.sequence;

import io.github.statefullstm.refusal.Refusal;
import java.util.Arrays;

/**
 * One training sample cut from a task: the steps {@code [start, start + steps.length)} of sequence
 * {@code sequence}, with that sequence's target. Windows and one-step samples are both samples; knowing where a
 * sample came from is what lets us reason about which state it may inherit. Immutable.
 *
 * <p>A sample is answered once, at its last step, as the post's model answers, unless it is answered at chosen steps
 * ({@link #answeredEvery}, {@link #answeredAt(boolean[])}), as a many-to-many model is: the target at each of them is
 * the sequence's target. On the post's task that is the target such a model has at every step from step 0 on: whether
 * a 1 has been seen so far.
 */
public final class Sample {

    private final int sequence;
    private final int start;
    private final double[] steps;
    private final int target;
    /** Which steps carry an answer, where they are chosen; null for the one answer at the last step. */
    private final boolean[] answered;

    /** A sample answered at its last step. */
    public Sample(int sequence, int start, double[] steps, int target) {
        this(sequence, start, steps, target, null);
    }

    private Sample(int sequence, int start, double[] steps, int target, boolean[] answered) {
        Refusal.require(sequence >= 0, "sequence", sequence, "must be >= 0");
        Refusal.require(start >= 0, "start", start, "must be >= 0");
        Refusal.require(steps != null && steps.length > 0, "steps", steps == null ? null : steps.length,
                "must hold at least one step");
        Refusal.require(target == 0 || target == 1, "target", target, "must be 0 or 1");
        this.sequence = sequence;
        this.start = start;
        this.steps = steps.clone();
        this.target = target;
        if (answered != null) {
            Refusal.require(answered.length == steps.length, "answered steps", answered.length,
                    "must be one mark per step: " + steps.length);
        }
        this.answered = answered == null ? null : answered.clone();
    }

    /**
     * The same sample answered at the steps marked, and at no other, as a many-to-many model answers: even where only
     * its last step is marked, the answer is chosen, not the post's one output. None marked is allowed: the sample is
     * read only.
     */
    public Sample answeredAt(boolean[] steps) {
        Refusal.require(steps != null, "answered steps", null, "must be given");
        return new Sample(sequence, start, this.steps, target, steps);
    }

    /**
     * The same sample answered at every step of its sequence that ends a period of {@code period} steps (steps
     * {@code period - 1}, {@code 2 period - 1}, ... counted from the sequence's step 0, wherever the sample starts):
     * the post's "at specific intervals e.g. every period of length 10". A sample that holds no such step is answered
     * nowhere: it is read, and carries its state on.
     */
    public Sample answeredEvery(int period) {
        Refusal.require(period >= 1, "target period", period, "must be >= 1");
        boolean[] marks = new boolean[steps.length];
        for (int t = 0; t < steps.length; t++) {
            marks[t] = (start + t + 1) % period == 0;
        }
        return answeredAt(marks);
    }

    /** Whether step {@code t} carries an answer, whose target is {@link #target()}. */
    public boolean answered(int t) {
        return answered == null ? t == steps.length - 1 : answered[t];
    }

    /** How many of its steps carry an answer. */
    public int answers() {
        if (answered == null) {
            return 1;
        }
        int count = 0;
        for (boolean mark : answered) {
            count += mark ? 1 : 0;
        }
        return count;
    }

    /** Whether its answers were chosen, as a many-to-many model's are, rather than the one at its last step. */
    public boolean answersAtChosenSteps() {
        return answered != null;
    }

    public int sequence() {
        return sequence;
    }

    public int start() {
        return start;
    }

    /** One past the last step covered. */
    public int end() {
        return start + steps.length;
    }

    public int length() {
        return steps.length;
    }

    public double[] steps() {
        return steps.clone();
    }

    public double step(int t) {
        return steps[t];
    }

    public int target() {
        return target;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Sample other && sequence == other.sequence && start == other.start
                && target == other.target && Arrays.equals(steps, other.steps)
                && Arrays.equals(answered, other.answered);
    }

    @Override
    public int hashCode() {
        return (((sequence * 31 + start) * 31 + target) * 31 + Arrays.hashCode(steps)) * 31 + Arrays.hashCode(answered);
    }

    @Override
    public String toString() {
        return "Sample{sequence=" + sequence + ", steps[" + start + ", " + end() + ")=" + Arrays.toString(steps)
                + ", target=" + target + (answered == null ? "" : ", answered at " + answeredSteps()) + "}";
    }

    /** The answered steps' indices within the sample, for its text. */
    private String answeredSteps() {
        StringBuilder text = new StringBuilder("[");
        for (int t = 0; t < answered.length; t++) {
            if (answered[t]) {
                text.append(text.length() > 1 ? ", " : "").append(t);
            }
        }
        return text.append(']').toString();
    }
}
