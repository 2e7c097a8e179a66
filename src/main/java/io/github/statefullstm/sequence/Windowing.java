package io.github.statefullstm.sequence;

import io.github.statefullstm.refusal.Refusal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Sliding windows as the post's {@code prepare_sequences}: every sequence is cut into windows of {@code length}
 * steps starting every {@code stride} steps, and every window keeps its sequence's target
 * ("always same target!!"). Windows come sequence by sequence, then by offset, which is the order in which the
 * post feeds them with {@code shuffle=False}.
 */
public final class Windowing {

    private Windowing() {
    }

    /** Windows per sequence: {@code (T - w) / s + 1} (integer division). */
    public static int windowsPerSequence(int sequenceLength, int length, int stride) {
        checkShape(sequenceLength, length, stride);
        // kata:begin windows
        return (sequenceLength - length) / stride + 1;
        // kata:end
    }

    public static List<Sample> windows(Task task, int length, int stride) {
        // kata:begin windows
        int perSequence = windowsPerSequence(task.length(), length, stride);
        List<Sample> windows = new ArrayList<>(task.size() * perSequence);
        for (int sequence = 0; sequence < task.size(); sequence++) {
            double[] steps = task.steps(sequence);
            for (int k = 0; k < perSequence; k++) {
                int start = k * stride;
                windows.add(new Sample(sequence, start, Arrays.copyOfRange(steps, start, start + length),
                        task.target(sequence)));
            }
        }
        return List.copyOf(windows);
        // kata:end
    }

    /**
     * The inverse of {@link #windows}: the sequences the windows were cut from, when together they cover every
     * step {@code 0 .. sequenceLength - 1} of sequences {@code 0 .. n - 1}. Refuses windows that leave a step
     * uncovered (a stride longer than the window, or a tail the last window misses), that disagree where they
     * overlap, or whose targets differ within a sequence: in each case there is no single answer.
     */
    public static Task reassemble(List<Sample> windows, int sequenceLength) {
        Refusal.require(windows != null && !windows.isEmpty(), "windows", windows == null ? null : "[]",
                "must hold at least one window");
        Refusal.requirePositive("sequenceLength", sequenceLength);
        int sequences = windows.stream().mapToInt(Sample::sequence).max().orElseThrow() + 1;
        double[][] steps = new double[sequences][sequenceLength];
        boolean[][] covered = new boolean[sequences][sequenceLength];
        int[] targets = new int[sequences];
        boolean[] seen = new boolean[sequences];
        for (Sample window : windows) {
            int sequence = window.sequence();
            Refusal.require(window.end() <= sequenceLength, "window " + window, window.end(),
                    "must end within sequenceLength = " + sequenceLength);
            Refusal.require(!seen[sequence] || targets[sequence] == window.target(), "target of window " + window,
                    window.target(), "must equal the target of the other windows of sequence " + sequence);
            seen[sequence] = true;
            targets[sequence] = window.target();
            for (int t = 0; t < window.length(); t++) {
                int at = window.start() + t;
                Refusal.require(!covered[sequence][at] || steps[sequence][at] == window.step(t),
                        "step " + at + " of sequence " + sequence, window.step(t),
                        "overlapping windows must agree (another window holds " + steps[sequence][at] + ")");
                steps[sequence][at] = window.step(t);
                covered[sequence][at] = true;
            }
        }
        for (int sequence = 0; sequence < sequences; sequence++) {
            for (int t = 0; t < sequenceLength; t++) {
                Refusal.require(covered[sequence][t], "step " + t + " of sequence " + sequence, "uncovered",
                        "windows must cover every step to rebuild a sequence");
            }
        }
        return new Task(steps, targets);
    }

    private static void checkShape(int sequenceLength, int length, int stride) {
        Refusal.requirePositive("sequence length (T)", sequenceLength);
        Refusal.require(length > 0 && length <= sequenceLength, "window length (w)", length,
                "must be in [1, T = " + sequenceLength + "]");
        Refusal.requirePositive("stride (s)", stride);
    }
}
