package io.github.statefullstm.experiment;

import io.github.statefullstm.rnn.Adam;
import io.github.statefullstm.rnn.LstmSpec;
import io.github.statefullstm.sequence.PostSetup;
import java.util.List;

/**
 * The post's four runs and the one it suggests, with the post's settings: LSTM(10) -> Dense(1, sigmoid), Adam
 * 0.001, 1000/200 sequences of 20 steps, half of them ones, no shuffling.
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

    private PostProtocols() {
    }

    public static Protocol windowsStateless() {
        return protocol("A", Layout.WINDOWS_STATELESS, PostSetup.WINDOW,
                PostSetup.STATELESS_BATCH, 15, "train acc 0.5343, val acc 0.5455 after 15 epochs", 0.5455);
    }

    public static Protocol windowsStateful() {
        return protocol("B", Layout.WINDOWS_STATEFUL, PostSetup.WINDOW,
                PostSetup.STATEFUL_BATCH, 15, "train acc 0.5222, val acc 0.5000 after 15 epochs", 0.5);
    }

    public static Protocol perStepStateful() {
        return protocol("C", Layout.PER_STEP_STATEFUL, 1, 1, 2, "epoch 1: train 0.9973, test 1.0; epoch 2: 1.0 / 1.0",
                1.0);
    }

    /**
     * C with ten sequences side by side, one step of each per batch, reset every 20 batches: the post says
     * "Batching sequences is only to speed up the computations"; this measures by how much.
     */
    public static Protocol perStepStatefulBatched() {
        return protocol("C10", Layout.PER_STEP_STATEFUL, 1, BATCHED_SEQUENCES, BATCHED_EPOCHS,
                "\"Batching sequences is only to speed up the computations\"", Double.NaN);
    }

    public static Protocol perStepStateless() {
        return protocol("D", Layout.PER_STEP_STATELESS, 1, 1, 2,
                "train 0.534, test 0.525 (both epochs)", 0.525);
    }

    public static Protocol sequencePreserving() {
        return protocol("E", Layout.SEQUENCE_PRESERVING, PostSetup.WINDOW, SEQUENCE_PRESERVING_BATCH,
                SEQUENCE_PRESERVING_EPOCHS,
                "suggested, never shown: \"sub-sampling can work good if you enforce that the full sequence is "
                        + "preserved through the batches\"", Double.NaN);
    }

    /** A to E, in the post's order, with C's batched twin after C. */
    public static List<Protocol> all() {
        return List.of(windowsStateless(), windowsStateful(), perStepStateful(), perStepStatefulBatched(),
                perStepStateless(), sequencePreserving());
    }

    /** See {@link Protocol#differencesFromThePost()}. */
    static List<String> differences(Protocol run) {
        Protocol post = all().stream().filter(p -> p.id().equals(run.id())).findFirst().orElse(null);
        if (post == null) {
            return List.of("not one of the post's runs");
        }
        List<String> differences = new java.util.ArrayList<>();
        differ(differences, "sequences", run.sequences(), post.sequences());
        differ(differences, "T", run.length(), post.length());
        differ(differences, "training sequences", run.trainingSequences(), post.trainingSequences());
        differ(differences, "fraction of ones", run.fraction(), post.fraction());
        differ(differences, run.layout() == Layout.SEQUENCE_PRESERVING ? "chunk" : "window", run.window(),
                post.window());
        differ(differences, "stride", run.stride(), post.stride());
        differ(differences, "batch", run.batchSize(), post.batchSize());
        differ(differences, "epochs", run.epochs(), post.epochs());
        differ(differences, "units", run.spec().units(), post.spec().units());
        differ(differences, "gates", run.spec().gateActivation(), post.spec().gateActivation());
        differ(differences, "learning rate", run.adam().learningRate(), post.adam().learningRate());
        return List.copyOf(differences);
    }

    private static void differ(List<String> differences, String what, Object run, Object post) {
        if (!run.equals(post)) {
            differences.add(what + " = " + run + ", not " + post);
        }
    }

    private static Protocol protocol(String id, Layout layout, int window, int batchSize, int epochs,
                                     String postFigure, double postValidationAccuracy) {
        return new Protocol(id, PostSetup.SEQUENCES, PostSetup.LENGTH, PostSetup.TRAINING_SEQUENCES,
                PostSetup.FRACTION_OF_ONES, DEFAULT_SEED, layout, window, PostSetup.STRIDE, batchSize, LstmSpec.POST,
                Adam.KERAS, epochs, postFigure, postValidationAccuracy);
    }
}
