package io.github.statefullstm.experiment;

import io.github.statefullstm.refusal.Refusal;
import io.github.statefullstm.sequence.Task;

/**
 * How a protocol lays its sequences out in batches: the kind of layout, the window or chunk it cuts, the stride between
 * windows, and the batch size. Whether the window fits the sequences is the protocol's rule, since T is the task's.
 *
 * @param window window or chunk length, for the layouts that cut windows or chunks; 1 for the per-step layouts
 * @param stride window stride, for the windowed layouts
 */
public record LayoutSpec(Layout kind, int window, int stride, int batchSize) {

    public LayoutSpec {
        Refusal.require(kind != null, "layout", null, "must be given");
        Refusal.require(stride >= 1, "stride", stride, "must be >= 1");
        Refusal.require(batchSize >= 1, "batchSize", batchSize, "must be >= 1");
    }

    /** The layout in words, from its settings, so that it cannot disagree with them. */
    public String title() {
        return kind.title(this);
    }

    /** One split's samples and the plans that train and evaluate on them. */
    public Layout.Prepared prepare(Task split) {
        return kind.prepare(split, this);
    }

    /** The task drawn, each split laid out with the plans that train and evaluate on it. */
    public Layout.Splits prepare(TaskSpec task) {
        return kind.prepare(task, this);
    }

    public LayoutSpec withWindow(int newWindow) {
        return new LayoutSpec(kind, newWindow, stride, batchSize);
    }

    public LayoutSpec withBatchSize(int newBatchSize) {
        return new LayoutSpec(kind, window, stride, newBatchSize);
    }
}
