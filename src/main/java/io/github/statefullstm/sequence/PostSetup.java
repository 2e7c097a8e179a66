package io.github.statefullstm.sequence;

/**
 * The post's data, each size with where it comes from: the task and its split, the windows {@code prepare_sequences}
 * cuts from it, and the batch sizes its two windowed runs feed those windows in; the sequence claims about the post's
 * windows and their lineage are checked on these. The rest of the post's runs (which layout each used, the per-step
 * batches, the epochs and the figures it printed) lives with those runs in the experiments ({@code PostProtocols});
 * its model is {@code LstmSpec.POST}, its optimizer Keras 1's defaults ({@code Adam.KERAS}).
 */
public final class PostSetup {

    /** {@code N = 1200}: rows of X. */
    public static final int SEQUENCES = 1200;
    /** {@code X = np.zeros((1200, 20))}: steps per sequence. */
    public static final int LENGTH = 20;
    /** {@code N_train = 1000}: the first rows train, the last 200 validate. */
    public static final int TRAINING_SEQUENCES = 1000;
    /** {@code size=int(N / 2)}: exactly half of the rows hold 1 at step 0. */
    public static final double FRACTION_OF_ONES = 0.5;
    /** {@code max_len = 10}: the window length of {@code prepare_sequences}. */
    public static final int WINDOW = 10;
    /** {@code range(0, len_seq - window_length + 1)}: windows start at every step. */
    public static final int STRIDE = 1;
    /** {@code batch_size = 64}: the stateless windowed run. */
    public static final int STATELESS_BATCH = 64;
    /** {@code batch_size = 110}: the stateful windowed run (11000 windows are 100 full batches). */
    public static final int STATEFUL_BATCH = 110;

    private PostSetup() {
    }

    /** The post's task, drawn with the given seed (the post's own draw was unseeded). */
    public static Task task(long seed) {
        return Task.generate(SEQUENCES, LENGTH, FRACTION_OF_ONES, seed);
    }
}
