package io.github.statefullstm.sequence;

import io.github.statefullstm.refusal.Refusal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The highest accuracy any model can reach on a batch plan, when it sees only what the plan's lineage lets it see.
 *
 * <p><b>Why it is a ceiling.</b> A recurrent model's answer for a sample is a function of the steps it has read
 * since its state was last zero: the sample's own steps, preceded, in a stateful plan, by the steps of the
 * sample's {@linkplain StateLineage#history lineage}. Rows never share state, so nothing else reaches it. Two
 * samples with the same such history get the same answer from any fixed model, whatever its weights; so the best
 * any model can do is to give each group of indistinguishable samples its majority target. The ceiling counts
 * exactly that: the sum over groups of the larger class, divided by the number of samples. No model can beat it,
 * and a model that can tell every distinct history apart reaches it.
 *
 * <p><b>Answers at chosen steps.</b> A sample answered at several steps ({@link Sample#answered}) gives one answer
 * at each, from the history read up to that step: the same rule, applied at every answered step instead of at the
 * last one only. The ceiling then counts answers, not samples; a sample answered at its last step alone is one
 * answer, so a plan of such samples has the ceiling it always had.
 *
 * <p>It bounds a frozen model, such as one evaluated at the end of an epoch. Accuracy averaged while the weights
 * move can exceed it, because the weights themselves then carry information from sample to sample.
 */
public final class InformationCeiling {

    /**
     * An exact fraction: {@code reachable} of {@code samples} can be answered right. {@code samples} counts answers:
     * one per sample answered at its last step, one per answered step of a sample answered at chosen steps.
     */
    public record Ceiling(long reachable, long samples) {
        public double value() {
            return (double) reachable / samples;
        }

        @Override
        public String toString() {
            return reachable + "/" + samples + " = " + value();
        }
    }

    private InformationCeiling() {
    }

    /**
     * The exact ceiling of any plan over any samples, one answer per answered step. Histories are identified by
     * walking a trie of steps: two answers share a node exactly when the steps read since the last zero state, up to
     * the answered step, are equal, step by step.
     */
    public static Ceiling of(List<Sample> samples, BatchPlan plan) {
        Refusal.require(plan.sampleCount() > 0, "plan", plan, "must hold at least one sample");
        long answers = answers(samples, plan);
        StateLineage lineage = plan.lineage();
        // kata:begin ceiling
        HistoryTrie trie = new HistoryTrie();
        Map<Integer, long[]> targetsByHistory = new HashMap<>();
        int[] carried = new int[plan.batchSize()];
        for (int k = 0; k < plan.batches().size(); k++) {
            BatchPlan.Batch batch = plan.batch(k);
            int[] before = carried.clone();
            for (int row = 0; row < batch.size(); row++) {
                Sample sample = samples.get(batch.row(row));
                int node = lineage.predecessor(new StateLineage.Slot(k, row)).map(p -> before[p.row()])
                        .orElse(HistoryTrie.EMPTY);
                for (int t = 0; t < sample.length(); t++) {
                    node = trie.child(node, sample.step(t));
                    if (sample.answered(t)) {
                        targetsByHistory.computeIfAbsent(node, n -> new long[2])[sample.target()]++;
                    }
                }
                carried[row] = node;
            }
        }
        long reachable = targetsByHistory.values().stream().mapToLong(counts -> Math.max(counts[0], counts[1])).sum();
        return new Ceiling(reachable, answers);
        // kata:end
    }

    /**
     * How many answers the plan's samples give, one per answered step. Refuses a plan that names a sample the list
     * does not hold, and one whose samples are answered nowhere, which leaves nothing to score.
     */
    private static long answers(List<Sample> samples, BatchPlan plan) {
        long answers = 0;
        for (BatchPlan.Batch batch : plan.batches()) {
            for (int row = 0; row < batch.size(); row++) {
                int index = batch.row(row);
                // asked of every row of every batch: the message is built for a refusal only
                if (index < 0 || index >= samples.size()) {
                    throw Refusal.refused("sample index", index, "must be in [0, " + samples.size() + ")");
                }
                answers += samples.get(index).answers();
            }
        }
        Refusal.require(answers > 0, "answers", answers,
                "must be at least one: a plan answered nowhere scores nothing");
        return answers;
    }

    /**
     * The closed form for the post's task cut into stateless windows: of the {@code m = (T - w) / s + 1} windows
     * of a sequence only the one at offset 0 contains step 0; every other window is all zeros. So the {@code n1}
     * windows that start with a 1 are answered right, and all remaining windows, {@code m * n0} with target 0 and
     * {@code (m - 1) * n1} with target 1, share one answer:
     * {@code (n1 + max(m * n0, (m - 1) * n1)) / (m * N)}. Balanced classes give {@code (1 + m) / (2m)}.
     * One step at a time, stateless, is the case {@code w = 1}.
     */
    public static Ceiling windowedStateless(int ones, int zeros, int sequenceLength, int window, int stride) {
        Refusal.require(ones >= 0, "ones", ones, "must be >= 0");
        Refusal.require(zeros >= 0, "zeros", zeros, "must be >= 0");
        Refusal.requirePositive("sequences (ones + zeros)", ones + zeros);
        // kata:begin ceiling
        long m = Windowing.windowsPerSequence(sequenceLength, window, stride);
        return new Ceiling(ones + Math.max(m * zeros, (m - 1) * ones), m * (ones + zeros));
        // kata:end
    }

    /** What always answering the more frequent target reaches, answer by answer: every ceiling is at least this. */
    public static Ceiling majorityRate(List<Sample> samples, BatchPlan plan) {
        long ones = 0;
        long all = 0;
        for (BatchPlan.Batch batch : plan.batches()) {
            for (int row = 0; row < batch.size(); row++) {
                Sample sample = samples.get(batch.row(row));
                ones += (long) sample.target() * sample.answers();
                all += sample.answers();
            }
        }
        return new Ceiling(Math.max(ones, all - ones), all);
    }

    /** Interns histories: node ids for step sequences, one edge per step, exact on the steps' bit patterns. */
    private static final class HistoryTrie {
        static final int EMPTY = 0;
        private final Map<Edge, Integer> children = new HashMap<>();

        private record Edge(int parent, long stepBits) {
        }

        int child(int parent, double step) {
            return children.computeIfAbsent(new Edge(parent, Double.doubleToLongBits(step)), e -> children.size() + 1);
        }
    }
}
