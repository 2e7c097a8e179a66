package io.github.statefullstm.sequence;

import io.github.statefullstm.refusal.Refusal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Where each row's initial state comes from under a {@link BatchPlan}: the one statement of that rule, which the plan
 * runner asks when to reset a model and the information ceiling walks. In a stateful plan, row {@code i} of batch
 * {@code k + 1} starts from the final state of row {@code i} of batch {@code k} ("the states of the current batch
 * will be propagated to the next batch (at index i)"), and from no other row; a reset of every row or of row
 * {@code i} alone, or a stateless plan, starts it from zero.
 */
public final class StateLineage {

    /** A row of a batch. */
    public record Slot(int batch, int row) {
    }

    private final BatchPlan plan;

    StateLineage(BatchPlan plan) {
        this.plan = plan;
    }

    /** The slot whose final state this slot starts from, or empty when it starts from zero. */
    public Optional<Slot> predecessor(Slot slot) {
        BatchPlan.Batch batch = plan.batch(slot.batch());
        // asked for every slot by the runner and the ceiling: the message is built for a refusal only
        if (slot.row() < 0 || slot.row() >= batch.size()) {
            throw Refusal.refused("row", slot.row(), "must be in [0, " + batch.size() + ") for batch " + slot.batch());
        }
        // kata:begin lineage
        if (!plan.stateful() || batch.resetBefore() || batch.resetsRow(slot.row()) || slot.batch() == 0) {
            return Optional.empty();
        }
        return Optional.of(new Slot(slot.batch() - 1, slot.row()));
        // kata:end
    }

    /** Whether every row of batch {@code batch} starts from zero: none has a predecessor. */
    public boolean startsAfresh(int batch) {
        for (int row = 0; row < plan.batch(batch).size(); row++) {
            if (predecessor(new Slot(batch, row)).isPresent()) {
                return false;
            }
        }
        return true;
    }

    /**
     * The samples whose steps flowed into this slot's state, oldest first, ending with the slot's own sample: what
     * a model can have seen when it answers for this slot.
     */
    public List<Integer> history(Slot slot) {
        List<Integer> samples = new ArrayList<>();
        for (Optional<Slot> at = Optional.of(slot); at.isPresent(); at = predecessor(at.get())) {
            samples.add(plan.batch(at.get().batch()).row(at.get().row()));
        }
        Collections.reverse(samples);
        return samples;
    }

    /** Every (predecessor, successor) pair of samples the plan links through carried state. */
    public List<int[]> links() {
        List<int[]> links = new ArrayList<>();
        for (int k = 0; k < plan.batches().size(); k++) {
            for (int i = 0; i < plan.batch(k).size(); i++) {
                Slot slot = new Slot(k, i);
                int successor = plan.batch(k).row(i);
                predecessor(slot).ifPresent(p -> links.add(new int[] {plan.batch(p.batch()).row(p.row()), successor}));
            }
        }
        return links;
    }
}
