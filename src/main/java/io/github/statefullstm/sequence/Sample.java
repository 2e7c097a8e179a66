package io.github.statefullstm.sequence;

import io.github.statefullstm.refusal.Refusal;
import java.util.Arrays;

/**
 * One training sample cut from a task: the steps {@code [start, start + steps.length)} of sequence
 * {@code sequence}, with that sequence's target. Windows and one-step samples are both samples; knowing where a
 * sample came from is what lets us reason about which state it may inherit. Immutable.
 */
public final class Sample {

    private final int sequence;
    private final int start;
    private final double[] steps;
    private final int target;

    public Sample(int sequence, int start, double[] steps, int target) {
        Refusal.require(sequence >= 0, "sequence", sequence, "must be >= 0");
        Refusal.require(start >= 0, "start", start, "must be >= 0");
        Refusal.require(steps != null && steps.length > 0, "steps", steps == null ? null : steps.length,
                "must hold at least one step");
        Refusal.require(target == 0 || target == 1, "target", target, "must be 0 or 1");
        this.sequence = sequence;
        this.start = start;
        this.steps = steps.clone();
        this.target = target;
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
                && target == other.target && Arrays.equals(steps, other.steps);
    }

    @Override
    public int hashCode() {
        return ((sequence * 31 + start) * 31 + target) * 31 + Arrays.hashCode(steps);
    }

    @Override
    public String toString() {
        return "Sample{sequence=" + sequence + ", steps[" + start + ", " + end() + ")=" + Arrays.toString(steps)
                + ", target=" + target + "}";
    }
}
