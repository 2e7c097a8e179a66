package io.github.statefullstm.experiment;

import io.github.statefullstm.refusal.Refusal;
import io.github.statefullstm.sequence.BatchPlan;
import io.github.statefullstm.sequence.PerStepFeed;
import io.github.statefullstm.sequence.Sample;
import io.github.statefullstm.sequence.Task;
import io.github.statefullstm.sequence.VaryingLengthTask;
import io.github.statefullstm.sequence.Windowing;
import java.util.List;
import java.util.OptionalInt;

/**
 * The kinds of layout: how a protocol cuts its sequences into samples and lays them out in batches, for training and
 * for evaluating the frozen model. A protocol's {@link LayoutSpec} names one, with its window, stride and batch size.
 *
 * <p>The evaluation plan gives every sample exactly the history the training plan gives it, so the frozen model
 * answers each sample as it would in training order; it only batches more rows per call, which is allowed
 * because rows never share state. One call per step of 1000 sequences is much cheaper than 20000 one-row calls.
 */
public enum Layout {

    /** The post's first run: windows, stateless. */
    WINDOWS_STATELESS(false, false) {
        @Override
        Prepared prepare(Task task, LayoutSpec spec) {
            return stateless(Windowing.windows(task, spec.window(), spec.stride()), spec);
        }

        @Override
        String title(LayoutSpec p) {
            return windows(p) + ", stateless, batch " + p.batchSize();
        }
    },

    /**
     * The post's second run: windows in order, stateful, so row i passes its state to other sequences. The post
     * trained it with {@code fit(validation_data=...)}, then scored it with {@code evaluate()}.
     */
    WINDOWS_STATEFUL(true, true) {
        @Override
        Prepared prepare(Task task, LayoutSpec spec) {
            List<Sample> windows = Windowing.windows(task, spec.window(), spec.stride());
            BatchPlan plan = BatchPlan.statefulInOrder(windows.size(), spec.batchSize());
            return new Prepared(windows, plan, plan);
        }

        @Override
        void requireWholeBatches(int sequences, int length, LayoutSpec spec) {
            requireWhole("sample count", (long) sequences * Windowing.windowsPerSequence(length, spec.window(),
                    spec.stride()), spec.batchSize());
        }

        @Override
        String title(LayoutSpec p) {
            return windows(p) + ", stateful, batch " + p.batchSize();
        }
    },

    /** The post's third run: one step at a time, stateful, reset after each sequence. */
    PER_STEP_STATEFUL(true, false) {
        @Override
        Prepared prepare(Task task, LayoutSpec spec) {
            PerStepFeed feed = PerStepFeed.of(task);
            BatchPlan training = spec.batchSize() == 1 ? BatchPlan.perStep(feed)
                    : BatchPlan.sequencePreserving(feed.samples(), spec.batchSize());
            return new Prepared(feed.samples(), training, BatchPlan.sequencePreserving(feed.samples(), task.size()));
        }

        /** Sequences side by side, one per row; a batch of one is the post's per-step feed, which any count fills. */
        @Override
        void requireWholeBatches(int sequences, int length, LayoutSpec spec) {
            requireWhole("sequences", sequences, spec.batchSize());
        }

        @Override
        String title(LayoutSpec p) {
            return "one step at a time, stateful, " + (p.batchSize() == 1 ? "batch 1"
                    : p.batchSize() + " sequences side by side") + ", reset after each sequence";
        }
    },

    /** The post's fourth run: one step at a time, stateless. */
    PER_STEP_STATELESS(false, false) {
        @Override
        Prepared prepare(Task task, LayoutSpec spec) {
            return stateless(PerStepFeed.of(task).samples(), spec);
        }

        @Override
        String title(LayoutSpec p) {
            return "one step at a time, stateless, batch " + p.batchSize();
        }
    },

    /** Beyond the post: non-overlapping chunks, every sequence on its own row across consecutive batches. */
    SEQUENCE_PRESERVING(true, false) {
        @Override
        Prepared prepare(Task task, LayoutSpec spec) {
            List<Sample> chunks = chunks(task, spec);
            return new Prepared(chunks, BatchPlan.sequencePreserving(chunks, spec.batchSize()),
                    BatchPlan.sequencePreserving(chunks, task.size()));
        }

        @Override
        void requireWholeBatches(int sequences, int length, LayoutSpec spec) {
            requireWhole("sequences", sequences, spec.batchSize());
        }

        @Override
        String title(LayoutSpec p) {
            return "chunks of " + p.window() + ", each sequence kept on its own row, stateful, batch " + p.batchSize();
        }
    },

    /**
     * Beyond the post: the same chunks, stateless, so that every chunk starts from zeros and a sequence's later chunks
     * know nothing of its step 0; what keeping the rows buys, seen from the other side.
     */
    CHUNKS_STATELESS(false, false) {
        @Override
        Prepared prepare(Task task, LayoutSpec spec) {
            return stateless(chunks(task, spec), spec);
        }

        @Override
        String title(LayoutSpec p) {
            return "chunks of " + p.window() + ", stateless: each chunk from zero state, batch " + p.batchSize();
        }
    },

    /**
     * Beyond the post, its readers' question (Keras' and GRU4Rec's session-parallel batches): sequences of unequal
     * lengths one step at a time, B rows side by side, each row a queue of sequences; when row i's sequence ends, row
     * i alone starts its next sequence from zero.
     */
    SESSION_PARALLEL(true, false) {
        @Override
        Prepared prepareVaryingLengths(VaryingLengthTask task, LayoutSpec spec) {
            return sessionParallel(task, spec, true);
        }

        @Override
        void requireWholeBatches(int sequences, int length, LayoutSpec spec) {
            requireRowsOfTheirOwn(sequences, spec);
        }

        @Override
        String title(LayoutSpec p) {
            return sessionParallelTitle(p) + ", each row reset alone when its sequence ends";
        }
    },

    /**
     * The same rows without the per-row reset: a row's next sequence starts from the state its last sequence left,
     * as a stateful layer that is only ever reset whole, at the start, does.
     */
    SESSION_PARALLEL_WITHOUT_ROW_RESETS(true, false) {
        @Override
        Prepared prepareVaryingLengths(VaryingLengthTask task, LayoutSpec spec) {
            return sessionParallel(task, spec, false);
        }

        @Override
        void requireWholeBatches(int sequences, int length, LayoutSpec spec) {
            requireRowsOfTheirOwn(sequences, spec);
        }

        @Override
        String title(LayoutSpec p) {
            return sessionParallelTitle(p) + ", no per-row reset: a row's state runs on into its next sequence";
        }
    };

    /**
     * Rows per call when a stateless plan is evaluated: enough rows that an engine's cost per call is shared by many
     * samples, few enough that one call's memory stays bounded however many samples a split has.
     */
    static final int EVALUATION_ROWS = 1000;

    private final boolean stateful;
    private final boolean keptStateThroughFit;

    Layout(boolean stateful, boolean keptStateThroughFit) {
        this.stateful = stateful;
        this.keptStateThroughFit = keptStateThroughFit;
    }

    public boolean stateful() {
        return stateful;
    }

    /**
     * Whether the post ran this stateful layout through Keras' {@code fit()} and {@code evaluate()}, which never reset
     * a stateful layer: each epoch then starts from the state the previous epoch's validation pass left, the validation
     * pass continues from the state training left, and the final {@code evaluate()} from the last validation pass.
     * The post's per-step runs reset by hand after each sequence instead, and E resets at each group by design.
     */
    public boolean keptStateThroughFit() {
        return keptStateThroughFit;
    }

    /** Whether the layout cuts windows or chunks of a length of its own; the per-step layouts feed single steps. */
    public boolean cutsWindows() {
        return this == WINDOWS_STATELESS || this == WINDOWS_STATEFUL || cutsChunks();
    }

    /** Whether it cuts chunks: windows as long as their stride, which cover each sequence once. */
    public boolean cutsChunks() {
        return this == SEQUENCE_PRESERVING || this == CHUNKS_STATELESS;
    }

    /**
     * Whether the layout takes sequences of unequal lengths: the session-parallel ones, made for them. The others lay
     * out the post's task, whose sequences all have T steps.
     */
    public boolean takesVaryingLengths() {
        return this == SESSION_PARALLEL || this == SESSION_PARALLEL_WITHOUT_ROW_RESETS;
    }

    /** The samples of one split and the plans that train and evaluate on them. */
    public record Prepared(List<Sample> samples, BatchPlan training, BatchPlan evaluation) {

        /**
         * The same layout with every sample answered every {@code period} steps of its sequence; as it is without a
         * period, each sample answering at its last step.
         */
        Prepared answeredEvery(OptionalInt period) {
            if (period.isEmpty()) {
                return this;
            }
            return new Prepared(samples.stream().map(sample -> sample.answeredEvery(period.getAsInt())).toList(),
                    training, evaluation);
        }
    }

    /** Both splits of a protocol's drawn task, laid out. */
    public record Splits(Prepared training, Prepared validation) {
    }

    /**
     * Lays out one split of sequences of T steps each. A layout that takes sequences of unequal lengths lays them out
     * as it would lay out any: each sequence has a length of its own, here the same one.
     */
    Prepared prepare(Task task, LayoutSpec spec) {
        return prepareVaryingLengths(VaryingLengthTask.of(task), spec);
    }

    /** Lays out one split of sequences of unequal lengths; only a layout that {@link #takesVaryingLengths} can. */
    Prepared prepareVaryingLengths(VaryingLengthTask task, LayoutSpec spec) {
        throw new IllegalStateException(this + " lays out sequences of one length only");
    }

    /**
     * Draws the task and lays both splits out: of T steps each, answered where the spec says, or of unequal lengths for
     * a layout that takes them.
     */
    Splits prepare(TaskSpec task, LayoutSpec spec) {
        if (takesVaryingLengths()) {
            VaryingLengthTask.Split split = task.drawVaryingLengths();
            return new Splits(prepareVaryingLengths(split.training(), spec),
                    prepareVaryingLengths(split.validation(), spec));
        }
        Task.Split split = task.draw();
        return new Splits(spec.prepare(split.training()), spec.prepare(split.validation()));
    }

    /** The run in words, from the layout's settings. */
    abstract String title(LayoutSpec spec);

    /**
     * Refuses a split of {@code sequences} sequences of {@code length} steps that a stateful plan of this layout could
     * not fill whole batches with, worded as the plan itself would refuse it, from the sizes alone: a run can be
     * checked before it starts without cutting a single sample. A stateless plan takes any number of samples.
     */
    void requireWholeBatches(int sequences, int length, LayoutSpec spec) {
    }

    /** How many samples one sequence becomes: its windows, its chunks (windows as long as their stride) or steps. */
    double samplesPerSequence(int length, LayoutSpec spec) {
        return switch (this) {
            case PER_STEP_STATEFUL, PER_STEP_STATELESS, SESSION_PARALLEL, SESSION_PARALLEL_WITHOUT_ROW_RESETS -> length;
            case SEQUENCE_PRESERVING, CHUNKS_STATELESS -> Windowing.windowsPerSequence(length, spec.window(),
                    spec.window());
            default -> Windowing.windowsPerSequence(length, spec.window(), spec.stride());
        };
    }

    /** Steps in one sample. */
    double stepsPerSample(LayoutSpec spec) {
        return cutsWindows() ? spec.window() : 1;
    }

    /** Samples in order, the spec's batch size at a time for training, many more rows per call for evaluating. */
    private static Prepared stateless(List<Sample> samples, LayoutSpec spec) {
        return new Prepared(samples, BatchPlan.stateless(samples.size(), spec.batchSize()),
                BatchPlan.stateless(samples.size(), EVALUATION_ROWS));
    }

    /** Non-overlapping chunks of the spec's window: windows as long as their stride. */
    private static List<Sample> chunks(Task task, LayoutSpec spec) {
        return Windowing.windows(task, spec.window(), spec.window());
    }

    /**
     * Session-parallel rows: every row starts with a sequence of its own, and the layout ends where a row runs out of
     * sequences, so the steps the other rows still hold are left out, as a stateful batch has a fixed size. The
     * evaluation plan is the training plan itself, so every sample is scored on the history it trained with.
     */
    private static Prepared sessionParallel(VaryingLengthTask task, LayoutSpec spec, boolean resetRows) {
        List<Sample> steps = task.perStepSamples();
        BatchPlan plan = BatchPlan.sessionParallel(steps, spec.batchSize(), resetRows);
        return new Prepared(steps, plan, plan);
    }

    private static String sessionParallelTitle(LayoutSpec p) {
        return "one step at a time, stateful, " + (p.batchSize() == 1 ? "batch 1"
                : p.batchSize() + " sequences side by side") + ", of unequal lengths, each row a queue of them";
    }

    /** Each of the B rows starts with a sequence of its own, refused from the count as the plan itself refuses it. */
    private static void requireRowsOfTheirOwn(int sequences, LayoutSpec spec) {
        Refusal.require(sequences >= spec.batchSize(), "sequences", sequences, "must be at least the batch size "
                + spec.batchSize() + ": every row starts with a sequence of its own");
    }

    /** Keras refuses a stateful batch of another size, so the rows must come in whole batches. */
    private static void requireWhole(String rows, long count, int batchSize) {
        Refusal.require(count % batchSize == 0, rows, count, "must be a multiple of the batch size " + batchSize
                + ": a stateful batch has a fixed size");
    }

    private static String windows(LayoutSpec spec) {
        return "windows of " + spec.window() + (spec.stride() == 1 ? "" : " every " + spec.stride() + " steps");
    }
}
