package io.github.statefullstm.experiment;

import io.github.statefullstm.refusal.Refusal;
import io.github.statefullstm.sequence.Task;
import java.util.OptionalInt;

/**
 * How a protocol lays its sequences out in batches: the kind of layout, the window or chunk it cuts, the stride between
 * windows, the batch size, and where the samples answer. Whether the window and the period fit the sequences is the
 * protocol's rule, since T is the task's.
 *
 * @param window       window or chunk length, for the layouts that cut windows or chunks; 1 for the per-step layouts
 * @param stride       window stride, for the windowed layouts
 * @param targetPeriod where a target is set: every this many steps of each sequence, from its step 0, whatever the
 *                     window or chunk (G); empty for the post's one answer at each sample's last step
 */
public record LayoutSpec(Layout kind, int window, int stride, int batchSize, OptionalInt targetPeriod) {

    public LayoutSpec {
        Refusal.require(kind != null, "layout", null, "must be given");
        Refusal.require(stride >= 1, "stride", stride, "must be >= 1");
        Refusal.require(batchSize >= 1, "batchSize", batchSize, "must be >= 1");
        Refusal.require(targetPeriod != null, "targetPeriod", null, "must be given, or empty");
        Refusal.require(targetPeriod.orElse(1) >= 1, "targetPeriod", targetPeriod.orElse(1), "must be >= 1");
    }

    /** The post's kind of layout: one answer per sample, at its last step. */
    public LayoutSpec(Layout kind, int window, int stride, int batchSize) {
        this(kind, window, stride, batchSize, OptionalInt.empty());
    }

    /** The layout in words, from its settings, so that it cannot disagree with them. */
    public String title() {
        return kind.title(this) + (targetPeriod.isPresent() ? ", a target every " + targetPeriod.getAsInt()
                + " steps" : "");
    }

    /** One split's samples, answered where this spec says, and the plans that train and evaluate on them. */
    public Layout.Prepared prepare(Task split) {
        return kind.prepare(split, this).answeredEvery(targetPeriod);
    }

    /** The task drawn, each split laid out with the plans that train and evaluate on it. */
    public Layout.Splits prepare(TaskSpec task) {
        return kind.prepare(task, this);
    }

    public LayoutSpec withWindow(int newWindow) {
        return new LayoutSpec(kind, newWindow, stride, batchSize, targetPeriod);
    }

    public LayoutSpec withBatchSize(int newBatchSize) {
        return new LayoutSpec(kind, window, stride, newBatchSize, targetPeriod);
    }

    /** The same layout with a target every {@code period} steps of each sequence. */
    public LayoutSpec withTargetPeriod(int period) {
        return new LayoutSpec(kind, window, stride, batchSize, OptionalInt.of(period));
    }
}
