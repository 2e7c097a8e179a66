package io.github.statefullstm.experiment;

import io.github.statefullstm.rnn.Adam;
import io.github.statefullstm.rnn.LstmSpec;
import io.github.statefullstm.sequence.PostSetup;
import java.util.List;

/**
 * The post's four runs, the two it suggests (E, and G with its targets at intervals), the one its readers ask (F), and
 * the contrasts that show what each one's state buys, each with the post's own run beside it: which layout each run
 * used, its batches and epochs, and the figures the post printed. The rest comes from where each fact lives: the task and its
 * windows from {@link PostSetup}, the model from {@link LstmSpec#POST}, the optimizer from Keras 1's defaults
 * ({@link Adam#KERAS}).
 */
public final class PostProtocols {

    /**
     * Accuracy that counts as learned. The post: "On such an easy problem, we expect an accuracy of more than 0.99";
     * on 200 validation sequences it leaves room for two mistakes.
     */
    public static final double LEARNED = 0.99;

    /** The seed of the default draw; the claims are checked on several. */
    public static final long DEFAULT_SEED = 42;

    /**
     * E's batch: 1000 training and 200 validation sequences both split into whole groups of 10, and 100 updates of
     * 10 rows per pass over the 1000 sequences' 2 chunks, 200 in all, so an epoch moves the weights often enough.
     */
    static final int SEQUENCE_PRESERVING_BATCH = 10;

    /** Ten rows: divides the 1000 training and 200 validation sequences into whole groups. */
    static final int BATCHED_SEQUENCES = 10;

    /** Ten times fewer updates per epoch than C: more epochs to reach the same accuracy. */
    static final int BATCHED_EPOCHS = 5;

    /** As many epochs as C's budget in updates allows with room to spare: 5 epochs of E are 1000 updates. */
    static final int SEQUENCE_PRESERVING_EPOCHS = 5;

    /**
     * F's sequence lengths, drawn uniformly from 10 to 30 steps: a range around the post's T = 20, so that
     * a row's sequences end at different batches and every row is reset at its own times.
     */
    static final int SESSION_SHORTEST = 10;
    static final int SESSION_LONGEST = 30;

    /** F's rows side by side: a batch of 10, as C10 and E lay ten sequences side by side. */
    static final int SESSION_ROWS = 10;

    /**
     * F's epochs: one step at a time, C learns the post's own lengths in its 2 epochs (EXP-4); four leave two to spare
     * for sequences half again as long.
     */
    static final int SESSION_EPOCHS = 4;

    /**
     * G's target period: the post's own example, "every period of length 10". On sequences of T = 20 a sequence
     * answers at its steps 10 and 20 (indices 9 and 19), the second of them the sequence's last; the chunks it is fed
     * in are a setting of their own, E's chunks of 10 here.
     */
    static final int TARGET_PERIOD = 10;

    /** The post's sentence that suggests G. */
    private static final String INTERVALS_SENTENCE = "\"I think the advantage of subsampling is that you can "
            + "associate different targets to your sequence (like a many-to-many would do but at specific intervals "
            + "e.g. every period of length 10, I generate an output)\"";

    /** What the post says of G: it suggests it, in these words, and never runs it. */
    private static final String INTERVALS_FIGURE = "suggested, never run: " + INTERVALS_SENTENCE;

    /** What the post says of G's contrast: nothing of its own. */
    private static final String INTERVALS_CONTRAST_FIGURE = "never run: G without its state, the contrast to what it "
            + "suggests, " + INTERVALS_SENTENCE;

    /** What the post says of F: nothing; its readers ask it. */
    private static final String SESSION_FIGURE = "never run: its readers ask it (Keras' and GRU4Rec's "
            + "session-parallel batches, sequences of unequal lengths side by side)";

    /** The per-step runs feed one step of one sequence per batch, as the post's loop over {@code X[i][j]} does. */
    private static final int ONE_STEP = 1;

    private static final TaskSpec TASK = new TaskSpec(PostSetup.SEQUENCES, PostSetup.LENGTH,
            PostSetup.TRAINING_SEQUENCES, PostSetup.FRACTION_OF_ONES, DEFAULT_SEED);
    private static final ModelSpec MODEL = new ModelSpec(LstmSpec.POST, Adam.KERAS);

    private static final Protocol WINDOWS_STATELESS = run("A", Layout.WINDOWS_STATELESS, PostSetup.WINDOW,
            PostSetup.STATELESS_BATCH, 15, "train acc 0.5343, val acc 0.5455 after 15 epochs", 0.5455);
    private static final Protocol WINDOWS_STATEFUL = run("B", Layout.WINDOWS_STATEFUL, PostSetup.WINDOW,
            PostSetup.STATEFUL_BATCH, 15, "train acc 0.5222, val acc 0.5000 after 15 epochs", 0.5);
    private static final Protocol PER_STEP_STATEFUL = run("C", Layout.PER_STEP_STATEFUL, ONE_STEP, ONE_STEP, 2,
            "epoch 1: train 0.9973, test 1.0; epoch 2: 1.0 / 1.0", 1.0);
    private static final Protocol PER_STEP_STATEFUL_BATCHED = run("C10", Layout.PER_STEP_STATEFUL, ONE_STEP,
            BATCHED_SEQUENCES, BATCHED_EPOCHS, "\"Batching sequences is only to speed up the computations\"",
            Double.NaN);
    private static final Protocol PER_STEP_STATELESS = run("D", Layout.PER_STEP_STATELESS, ONE_STEP, ONE_STEP, 2,
            "train 0.534, test 0.525 (both epochs)", 0.525);
    private static final Protocol SEQUENCE_PRESERVING = run("E", Layout.SEQUENCE_PRESERVING, PostSetup.WINDOW,
            SEQUENCE_PRESERVING_BATCH, SEQUENCE_PRESERVING_EPOCHS,
            "suggested, never shown: \"sub-sampling can work good if you enforce that the full sequence is "
                    + "preserved through the batches\"", Double.NaN);

    private static final TaskSpec SESSIONS = new TaskSpec(PostSetup.SEQUENCES, SESSION_SHORTEST, SESSION_LONGEST,
            PostSetup.TRAINING_SEQUENCES, PostSetup.FRACTION_OF_ONES, DEFAULT_SEED);
    private static final Protocol SESSION_PARALLEL = sessions("F", Layout.SESSION_PARALLEL);
    private static final Protocol SESSION_PARALLEL_WITHOUT_ROW_RESETS = sessions("FLEAK",
            Layout.SESSION_PARALLEL_WITHOUT_ROW_RESETS);

    /**
     * G and its contrast train on E's chunks, batches and epochs, so that what differs from E is the answers at
     * intervals, and what differs between the two is the state alone.
     */
    private static final Protocol TARGETS_AT_INTERVALS = intervals("G", Layout.SEQUENCE_PRESERVING,
            INTERVALS_FIGURE);
    private static final Protocol TARGETS_AT_INTERVALS_STATELESS = intervals("GCUT", Layout.CHUNKS_STATELESS,
            INTERVALS_CONTRAST_FIGURE);

    private static final List<Protocol> ALL = List.of(WINDOWS_STATELESS, WINDOWS_STATEFUL, PER_STEP_STATEFUL,
            PER_STEP_STATEFUL_BATCHED, PER_STEP_STATELESS, SEQUENCE_PRESERVING, SESSION_PARALLEL,
            SESSION_PARALLEL_WITHOUT_ROW_RESETS, TARGETS_AT_INTERVALS, TARGETS_AT_INTERVALS_STATELESS);

    private PostProtocols() {
    }

    public static Protocol windowsStateless() {
        return WINDOWS_STATELESS;
    }

    public static Protocol windowsStateful() {
        return WINDOWS_STATEFUL;
    }

    public static Protocol perStepStateful() {
        return PER_STEP_STATEFUL;
    }

    /**
     * C with ten sequences side by side, one step of each per batch, reset every 20 batches: the post says
     * "Batching sequences is only to speed up the computations"; this measures by how much.
     */
    public static Protocol perStepStatefulBatched() {
        return PER_STEP_STATEFUL_BATCHED;
    }

    public static Protocol perStepStateless() {
        return PER_STEP_STATELESS;
    }

    public static Protocol sequencePreserving() {
        return SEQUENCE_PRESERVING;
    }

    /**
     * F: the post's task on sequences of 10 to 30 steps, one step at a time in session-parallel batches of 10, each
     * row reset alone when its sequence ends. The post never ran it; its readers ask it.
     */
    public static Protocol sessionParallel() {
        return SESSION_PARALLEL;
    }

    /**
     * F without the per-row resets, its ID FLEAK: the state a row's sequence leaves leaks into the row's next
     * sequence.
     */
    public static Protocol sessionParallelWithoutRowResets() {
        return SESSION_PARALLEL_WITHOUT_ROW_RESETS;
    }

    /**
     * G: the post's task with a target every {@value #TARGET_PERIOD} steps of each sequence, "like a many-to-many
     * would do but at specific intervals", trained on E's chunks, each sequence kept on its own row across batches.
     * The post suggests it and never runs it.
     */
    public static Protocol targetsAtIntervals() {
        return TARGETS_AT_INTERVALS;
    }

    /**
     * G without its state, its ID GCUT: the same chunks and targets, every chunk from zeros, so that a target in a
     * sequence's later chunks cannot be read.
     */
    public static Protocol targetsAtIntervalsStateless() {
        return TARGETS_AT_INTERVALS_STATELESS;
    }

    /**
     * A to E, in the post's order, with C's batched twin after C, then F with and without its per-row resets, then G
     * with and without its state.
     */
    public static List<Protocol> all() {
        return ALL;
    }

    private static Protocol intervals(String id, Layout layout, String figure) {
        LayoutSpec spec = new LayoutSpec(layout, PostSetup.WINDOW, PostSetup.STRIDE, SEQUENCE_PRESERVING_BATCH)
                .withTargetPeriod(TARGET_PERIOD);
        return new PostRun(figure, Double.NaN, TASK, spec, MODEL, SEQUENCE_PRESERVING_EPOCHS).protocol(id);
    }

    private static Protocol sessions(String id, Layout layout) {
        LayoutSpec spec = new LayoutSpec(layout, ONE_STEP, PostSetup.STRIDE, SESSION_ROWS);
        return new PostRun(SESSION_FIGURE, Double.NaN, SESSIONS, spec, MODEL, SESSION_EPOCHS).protocol(id);
    }

    private static Protocol run(String id, Layout layout, int window, int batchSize, int epochs, String figure,
                                double validationAccuracy) {
        LayoutSpec spec = new LayoutSpec(layout, window, PostSetup.STRIDE, batchSize);
        return new PostRun(figure, validationAccuracy, TASK, spec, MODEL, epochs).protocol(id);
    }
}
