package io.github.statefullstm.sequence;

import io.github.statefullstm.sequence.BatchPlan.Batch;
import java.util.ArrayList;
import java.util.List;

/**
 * The batches of {@link BatchPlan#sessionParallel}: each row a queue of whole sequences, fed one step per batch, a row
 * taking the next sequence not yet started when its own ends, and reset alone before it. Its own file because it is
 * its own kata step: sequences of unequal length side by side come after the plans of equal ones.
 */
final class SessionParallelPlan {

    private SessionParallelPlan() {
    }

    /**
     * The batches for {@code sequences} (each the indices of its one-step samples, in order from step 0; at least
     * {@code batchSize} of them, checked by the caller): row i starts with sequence i; the batches end before the first
     * one in which a row needs a sequence and none is left, so every batch is full.
     */
    static List<Batch> batches(List<List<Integer>> sequences, int batchSize, boolean resetRows) {
        // kata:begin session-parallel
        int[] sequenceOnRow = new int[batchSize];
        int[] stepOnRow = new int[batchSize];
        for (int row = 0; row < batchSize; row++) {
            sequenceOnRow[row] = row;
        }
        int nextSequence = batchSize;
        List<Batch> batches = new ArrayList<>();
        while (true) {
            int[] rows = new int[batchSize];
            List<Integer> reset = new ArrayList<>();
            for (int row = 0; row < batchSize; row++) {
                if (stepOnRow[row] == sequences.get(sequenceOnRow[row]).size()) {
                    if (nextSequence == sequences.size()) {
                        return batches;
                    }
                    sequenceOnRow[row] = nextSequence++;
                    stepOnRow[row] = 0;
                    reset.add(row);
                }
                rows[row] = sequences.get(sequenceOnRow[row]).get(stepOnRow[row]++);
            }
            boolean first = batches.isEmpty();
            int[] alone = resetRows && !first ? reset.stream().mapToInt(Integer::intValue).toArray() : new int[0];
            batches.add(new Batch(rows, first, alone));
        }
        // kata:end
    }
}
