package io.github.statefullstm.sequence;

import io.github.statefullstm.refusal.Refusal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * How samples are laid out in batches for one epoch: batch {@code k} row {@code i} holds sample
 * {@code batch(k).rows()[i]}. In a stateless plan every batch starts from zero state. In a stateful plan
 * row {@code i} of batch {@code k + 1} starts from the final state of row {@code i} of batch {@code k}, unless the
 * states are reset before batch {@code k + 1}; see {@link StateLineage}. The epoch starts from zero state.
 */
public final class BatchPlan {

    /**
     * One batch: the sample indices on its rows, whether the states of every row are reset before it, and the rows
     * reset alone before it ({@code resetRows}, ascending), whose new sequences start while the others go on.
     */
    public record Batch(int[] rows, boolean resetBefore, int[] resetRows) {
        public Batch {
            rows = rows.clone();
            resetRows = resetRows.clone();
            for (int i = 0; i < resetRows.length; i++) {
                if (resetRows[i] < 0 || resetRows[i] >= rows.length || i > 0 && resetRows[i] <= resetRows[i - 1]) {
                    throw Refusal.refused("reset rows", Arrays.toString(resetRows),
                            "must be rows of the batch, [0, " + rows.length + "), ascending and each once");
                }
            }
        }

        /** A batch whose rows are reset together or not at all. */
        public Batch(int[] rows, boolean resetBefore) {
            this(rows, resetBefore, new int[0]);
        }

        @Override
        public int[] rows() {
            return rows.clone();
        }

        @Override
        public int[] resetRows() {
            return resetRows.clone();
        }

        public int row(int i) {
            return rows[i];
        }

        public int size() {
            return rows.length;
        }

        /** Whether row {@code i} alone starts afresh before this batch. */
        public boolean resetsRow(int i) {
            return Arrays.binarySearch(resetRows, i) >= 0;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Batch other && resetBefore == other.resetBefore && Arrays.equals(rows, other.rows)
                    && Arrays.equals(resetRows, other.resetRows);
        }

        @Override
        public int hashCode() {
            return (Arrays.hashCode(rows) * 31 + Arrays.hashCode(resetRows)) * 2 + (resetBefore ? 1 : 0);
        }

        @Override
        public String toString() {
            return (resetBefore ? "reset, " : "") + (resetRows.length > 0 ? "reset rows "
                    + Arrays.toString(resetRows) + ", " : "") + Arrays.toString(rows);
        }
    }

    private final boolean stateful;
    private final int batchSize;
    private final List<Batch> batches;

    private BatchPlan(boolean stateful, int batchSize, List<Batch> batches) {
        this.stateful = stateful;
        this.batchSize = batchSize;
        this.batches = List.copyOf(batches);
    }

    /**
     * Keras' stateless {@code fit(shuffle=False)}: samples in order, {@code batchSize} at a time; the last batch may
     * be smaller. Every batch starts from zero state.
     */
    public static BatchPlan stateless(int sampleCount, int batchSize) {
        Refusal.requirePositive("sample count", sampleCount);
        Refusal.requirePositive("batch size (B)", batchSize);
        // kata:begin plans
        List<Batch> batches = new ArrayList<>();
        for (int from = 0; from < sampleCount; from += batchSize) {
            batches.add(new Batch(range(from, Math.min(from + batchSize, sampleCount)), true));
        }
        return new BatchPlan(false, batchSize, batches);
        // kata:end
    }

    /**
     * The post's stateful windowed run: samples in order, {@code batchSize} at a time, states carried from each
     * batch to the next and never reset within the epoch. Keras refuses a stateful batch of another size, so the
     * sample count must be a multiple of the batch size.
     */
    public static BatchPlan statefulInOrder(int sampleCount, int batchSize) {
        // Checked before the reset markers are sized by it: a negative count must be refused, not crash the array.
        Refusal.requirePositive("sample count", sampleCount);
        return statefulInOrder(sampleCount, batchSize, new boolean[sampleCount / Math.max(batchSize, 1)]);
    }

    /**
     * The post's one-step-at-a-time stateful run: batch size 1, one sample per batch in feed order, states reset
     * after the last step of each sequence.
     */
    public static BatchPlan perStep(PerStepFeed feed) {
        // kata:begin plans
        boolean[] resetBefore = new boolean[feed.size()];
        for (int i = 1; i < feed.size(); i++) {
            resetBefore[i] = feed.resetAfter(i - 1);
        }
        return statefulInOrder(feed.size(), 1, resetBefore);
        // kata:end
    }

    /**
     * The layout the post suggests and never shows ("the full sequence is preserved through the batches"): groups
     * of {@code batchSize} sequences side by side, sequence {@code g * B + i} on row {@code i} of every batch of
     * group {@code g}; batch {@code j} of a group holds chunk {@code j} of each of its sequences, and states are
     * reset at the start of each group. With one-step chunks this is the per-step feed, batched.
     *
     * @param chunks samples grouped by sequence and ordered by start within each, every sequence with the same
     *               number of chunks, as {@link Windowing#windows} makes them with stride = length
     */
    public static BatchPlan sequencePreserving(List<Sample> chunks, int batchSize) {
        Refusal.require(chunks != null && !chunks.isEmpty(), "chunks", chunks == null ? null : "[]",
                "must hold at least one chunk");
        Refusal.requirePositive("batch size (B)", batchSize);
        Map<Integer, List<Integer>> bySequence = new LinkedHashMap<>();
        for (int i = 0; i < chunks.size(); i++) {
            bySequence.computeIfAbsent(chunks.get(i).sequence(), s -> new ArrayList<>()).add(i);
        }
        List<List<Integer>> sequences = new ArrayList<>(bySequence.values());
        int perSequence = sequences.get(0).size();
        for (int s = 0; s < sequences.size(); s++) {
            List<Integer> own = sequences.get(s);
            Refusal.require(own.size() == perSequence, "chunks of sequence " + chunks.get(own.get(0)).sequence(),
                    own.size(), "every sequence must have the same number of chunks (" + perSequence + ")");
            for (int j = 1; j < own.size(); j++) {
                Refusal.require(chunks.get(own.get(j)).start() == chunks.get(own.get(j - 1)).end(),
                        "start of chunk " + own.get(j), chunks.get(own.get(j)).start(),
                        "must follow the previous chunk of its sequence without gap or overlap");
            }
        }
        Refusal.require(sequences.size() % batchSize == 0, "sequences", sequences.size(),
                "must be a multiple of the batch size " + batchSize + ": a stateful batch has a fixed size");
        return sideBySide(sequences, batchSize);
    }

    /**
     * Groups of {@code batchSize} sequences side by side: the chunks of sequence {@code g * B + i} (as sample
     * indices, in order) on row {@code i} of the group's batches, a reset before each group's first batch.
     */
    private static BatchPlan sideBySide(List<List<Integer>> sequences, int batchSize) {
        // kata:begin plans
        int perSequence = sequences.get(0).size();
        List<Batch> batches = new ArrayList<>();
        for (int group = 0; group < sequences.size(); group += batchSize) {
            for (int j = 0; j < perSequence; j++) {
                int[] rows = new int[batchSize];
                for (int i = 0; i < batchSize; i++) {
                    rows[i] = sequences.get(group + i).get(j);
                }
                batches.add(new Batch(rows, j == 0));
            }
        }
        return new BatchPlan(true, batchSize, batches);
        // kata:end
    }

    /**
     * Samples in order, {@code batchSize} at a time, states carried from each batch to the next except before the
     * batches marked in {@code resetBefore} (one mark per batch), and before the first: resets anywhere.
     */
    public static BatchPlan statefulInOrder(int sampleCount, int batchSize, boolean[] resetBefore) {
        Refusal.requirePositive("sample count", sampleCount);
        Refusal.requirePositive("batch size (B)", batchSize);
        Refusal.require(sampleCount % batchSize == 0, "sample count", sampleCount,
                "must be a multiple of the batch size " + batchSize + ": a stateful batch has a fixed size");
        Refusal.require(resetBefore != null && resetBefore.length == sampleCount / batchSize, "reset marks",
                resetBefore == null ? null : resetBefore.length, "must be one per batch: " + sampleCount / batchSize);
        // kata:begin plans
        List<Batch> batches = new ArrayList<>();
        for (int k = 0; k < sampleCount / batchSize; k++) {
            batches.add(new Batch(range(k * batchSize, (k + 1) * batchSize), k == 0 || resetBefore[k]));
        }
        return new BatchPlan(true, batchSize, batches);
        // kata:end
    }

    /**
     * Session-parallel batches (GRU4Rec's minibatches): sequences of their own lengths fed one step at a time, each
     * row a queue of whole sequences. Row {@code i} starts with sequence {@code i}; when its sequence ends, it takes
     * the next sequence not yet started, and, with {@code resetRows}, only row {@code i} is reset before that
     * sequence's step 0 while the other rows go on. The plan ends before the first batch in which a row needs a
     * sequence and none is left, so every batch is full: the sequences still under way then are cut off there, and
     * one given out to another row for that batch is left out. Without {@code resetRows} a row's next sequence starts
     * from the state the row's last one left.
     *
     * @param steps one-step samples, each sequence's steps together and in order from step 0, as
     *              {@link PerStepFeed#samples()} lists them
     */
    public static BatchPlan sessionParallel(List<Sample> steps, int batchSize, boolean resetRows) {
        Refusal.require(steps != null && !steps.isEmpty(), "steps", steps == null ? null : "[]",
                "must hold at least one step");
        Refusal.requirePositive("batch size (B)", batchSize);
        List<List<Integer>> sequences = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            Sample step = steps.get(i);
            if (step.length() != 1) {
                throw Refusal.refused("length of sample " + i, step.length(), "a step is one step long");
            }
            boolean continues = i > 0 && step.sequence() == steps.get(i - 1).sequence();
            if (step.start() != (continues ? steps.get(i - 1).start() + 1 : 0)) {
                throw Refusal.refused("start of sample " + i, step.start(),
                        "each sequence's steps must follow one another from step 0");
            }
            if (!continues) {
                sequences.add(new ArrayList<>());
            }
            sequences.get(sequences.size() - 1).add(i);
        }
        Refusal.require(sequences.size() >= batchSize, "sequences", sequences.size(),
                "must be at least the batch size " + batchSize + ": every row starts with a sequence of its own");
        return stateful(batchSize, SessionParallelPlan.batches(sequences, batchSize, resetRows));
    }

    /**
     * A stateful plan of exactly these batches, in this order, each of {@code batchSize} rows: a layout made by hand,
     * or one rearranged. The first batch starts from zero whatever its mark says, as every epoch does.
     */
    public static BatchPlan stateful(int batchSize, List<Batch> batches) {
        Refusal.requirePositive("batch size (B)", batchSize);
        Refusal.require(batches != null && !batches.isEmpty(), "batches", batches == null ? null : "[]",
                "must hold at least one batch");
        for (int k = 0; k < batches.size(); k++) {
            Batch batch = batches.get(k);
            if (batch.size() != batchSize) {
                throw Refusal.refused("rows of batch " + k, batch.size(), "must be the batch size " + batchSize
                        + ": a stateful batch has a fixed size");
            }
        }
        return new BatchPlan(true, batchSize, batches);
    }

    /**
     * This plan shuffled in the two ways that keep every sample's history, and so its information ceiling: the groups
     * of batches from one reset to the next in a random order, and in each group the rows relabelled by one random
     * permutation used in every batch of the group. A stateless plan's groups are its batches. Any other
     * permutation (a sample moved to another row inside a group) hands it another row's state.
     */
    public BatchPlan shuffledKeepingHistories(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<List<Batch>> groups = new ArrayList<>();
        StateLineage lineage = lineage();
        for (int k = 0; k < batches.size(); k++) {
            if (lineage.startsAfresh(k)) {
                groups.add(new ArrayList<>());
            }
            groups.get(groups.size() - 1).add(batches.get(k));
        }
        shuffle(groups, random);
        List<Batch> shuffled = new ArrayList<>();
        for (List<Batch> group : groups) {
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < group.get(0).size(); i++) {
                order.add(i);
            }
            shuffle(order, random);
            for (int j = 0; j < group.size(); j++) {
                Batch batch = group.get(j);
                int[] rows = new int[batch.size()];
                List<Integer> resetRows = new ArrayList<>();
                for (int i = 0; i < rows.length; i++) {
                    rows[i] = batch.row(order.get(i));
                    if (batch.resetsRow(order.get(i))) {
                        resetRows.add(i);
                    }
                }
                shuffled.add(new Batch(rows, j == 0, resetRows.stream().mapToInt(Integer::intValue).toArray()));
            }
        }
        return new BatchPlan(stateful, batchSize, shuffled);
    }

    /** Fisher-Yates from the given generator: the same seed, the same order, on every JVM. */
    private static <T> void shuffle(List<T> items, SplittableRandom random) {
        for (int i = items.size() - 1; i > 0; i--) {
            Collections.swap(items, i, random.nextInt(i + 1));
        }
    }

    private static int[] range(int from, int to) {
        int[] rows = new int[to - from];
        Arrays.setAll(rows, i -> from + i);
        return rows;
    }

    public boolean stateful() {
        return stateful;
    }

    public int batchSize() {
        return batchSize;
    }

    public List<Batch> batches() {
        return batches;
    }

    public Batch batch(int k) {
        return batches.get(k);
    }

    public int sampleCount() {
        return batches.stream().mapToInt(Batch::size).sum();
    }

    /** Which state every row of every batch starts from. */
    public StateLineage lineage() {
        return new StateLineage(this);
    }

    @Override
    public String toString() {
        return (stateful ? "stateful" : "stateless") + " plan, B=" + batchSize + ", " + batches.size() + " batches";
    }
}
