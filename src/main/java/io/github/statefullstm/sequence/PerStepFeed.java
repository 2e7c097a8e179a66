package io.github.statefullstm.sequence;

import io.github.statefullstm.refusal.Refusal;
import java.util.ArrayList;
import java.util.List;

/**
 * The post's one-step-at-a-time feed: a sequence of length {@code T} becomes {@code T} one-step samples, each with
 * the sequence's target, and the state is reset after the last step of each sequence
 * ("Once the sequence is over, we manually reset the states of the LSTM"). The operation is reversible.
 *
 * @param samples    the one-step samples, sequence by sequence, step by step
 * @param resetAfter {@code resetAfter[i]} is true when the state must be reset after sample {@code i}
 */
public record PerStepFeed(List<Sample> samples, boolean[] resetAfter) {

    public PerStepFeed {
        Refusal.require(samples != null && resetAfter != null && samples.size() == resetAfter.length, "resetAfter",
                resetAfter == null ? null : resetAfter.length, "must hold one marker per sample");
        samples = List.copyOf(samples);
        resetAfter = resetAfter.clone();
    }

    public static PerStepFeed of(Task task) {
        // kata:begin per-step
        List<Sample> samples = new ArrayList<>(task.size() * task.length());
        boolean[] resetAfter = new boolean[task.size() * task.length()];
        for (int sequence = 0; sequence < task.size(); sequence++) {
            for (int t = 0; t < task.length(); t++) {
                samples.add(new Sample(sequence, t, new double[] {task.step(sequence, t)}, task.target(sequence)));
            }
            resetAfter[samples.size() - 1] = true;
        }
        return new PerStepFeed(samples, resetAfter);
        // kata:end
    }

    @Override
    public boolean[] resetAfter() {
        return resetAfter.clone();
    }

    public boolean resetAfter(int sample) {
        return resetAfter[sample];
    }

    public int size() {
        return samples.size();
    }

    /** The inverse of {@link #of}: the steps between two resets are one sequence. */
    public Task toTask() {
        Refusal.require(size() > 0 && resetAfter[size() - 1], "resetAfter of the last sample", size() == 0 ? "none" : false,
                "the feed must end with a reset so that its last sequence is complete");
        List<double[]> sequences = new ArrayList<>();
        List<Integer> targets = new ArrayList<>();
        List<Double> current = new ArrayList<>();
        for (int i = 0; i < size(); i++) {
            Sample sample = samples.get(i);
            Refusal.require(sample.length() == 1, "length of sample " + i, sample.length(), "a per-step sample has one step");
            Refusal.require(current.isEmpty() || sample.target() == targets.get(targets.size() - 1), "target of sample " + i,
                    sample.target(), "must equal the target of the earlier steps of its sequence");
            if (current.isEmpty()) {
                targets.add(sample.target());
            }
            current.add(sample.step(0));
            if (resetAfter[i]) {
                sequences.add(current.stream().mapToDouble(Double::doubleValue).toArray());
                current.clear();
            }
        }
        return new Task(sequences.toArray(double[][]::new), targets.stream().mapToInt(Integer::intValue).toArray());
    }
}
