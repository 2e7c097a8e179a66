package io.github.statefullstm.experiment;

import io.github.statefullstm.refusal.Refusal;
import io.github.statefullstm.rnn.LstmEngine;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * The two sweeps that show why the post's numbers are what they are. Each point is one protocol trained for real on
 * the engine given, scoring its frozen model after its last epoch only: that is all a sweep reads.
 */
public final class Sweeps {

    /**
     * A's sweep trains every window length; the frozen accuracy of the stateless windowed model settles within a few
     * epochs (see A's chart), so 5 epochs a point show where each length ends, at a third of A's 15.
     */
    public static final int WINDOW_SWEEP_EPOCHS = 5;

    /** The sweeps the main job runs, each over the protocols of one layout. */
    public enum Kind {
        WINDOW_LENGTH(Layout.WINDOWS_STATELESS), CHUNK_LENGTH(Layout.SEQUENCE_PRESERVING);

        private final Layout layout;

        Kind(Layout layout) {
            this.layout = layout;
        }

        /**
         * The sweep over this protocol's layout, if there is one. A sweep's points answer once per sample, as the
         * post's runs do; a protocol with a target period (G) has no sweep: its points would answer elsewhere than
         * the curve they are drawn beside, and its chart would take the name of the layout's own.
         */
        public static Optional<Kind> over(Protocol protocol) {
            if (protocol.layout().targetPeriod().isPresent()) {
                return Optional.empty();
            }
            return Arrays.stream(values()).filter(kind -> kind.layout == protocol.layout().kind()).findFirst();
        }

        /** The sweep's name for people: "window length", "chunk length". */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }

        public Sweep run(Protocol protocol, LstmEngine engine, ExperimentListener listener) {
            return this == WINDOW_LENGTH ? windowLengths(protocol.withEpochs(WINDOW_SWEEP_EPOCHS), engine, listener)
                    : chunkLengths(protocol, engine, listener);
        }
    }

    private Sweeps() {
    }

    /**
     * Stateless windows of every length {@code w = 1 .. T}: the ceiling stays at its floor until a window can hold
     * step 0 and the whole rest of the sequence at once, and jumps to 1 only at {@code w = T}; the trained model
     * follows it.
     */
    public static Sweep windowLengths(Protocol windowsStateless, LstmEngine engine, ExperimentListener listener) {
        return windowLengths(windowsStateless, IntStream.rangeClosed(1, windowsStateless.task().length()).boxed()
                .toList(), engine, listener);
    }

    /** The window sweep over some lengths only. */
    public static Sweep windowLengths(Protocol windowsStateless, List<Integer> lengths, LstmEngine engine,
                                      ExperimentListener listener) {
        require(windowsStateless, Layout.WINDOWS_STATELESS);
        return sweep("window-length", "stateless windows: accuracy against window length", "window length",
                lengths, w -> windowsStateless.withLayout(windowsStateless.layout().withWindow(w)), engine, listener);
    }

    /**
     * The sequence-preserving layout for every chunk length that divides T: every sequence stays on its own row,
     * so the ceiling is 1 whatever the chunk, and the trained model reaches it.
     */
    public static Sweep chunkLengths(Protocol sequencePreserving, LstmEngine engine, ExperimentListener listener) {
        require(sequencePreserving, Layout.SEQUENCE_PRESERVING);
        int length = sequencePreserving.task().length();
        List<Integer> chunks = IntStream.rangeClosed(1, length).filter(c -> length % c == 0).boxed().toList();
        return sweep("chunk-length", "sequence-preserving chunks: accuracy against chunk length", "chunk length",
                chunks, c -> sequencePreserving.withLayout(sequencePreserving.layout().withWindow(c)), engine,
                listener);
    }

    /**
     * Trains each point in turn. The listener hears every point's epochs and can stop the sweep after any of them:
     * a point that comes back incomplete (its run was stopped) is the last, and the points before it are kept.
     */
    private static Sweep sweep(String id, String title, String parameter, List<Integer> values,
                               IntFunction<Protocol> protocolFor, LstmEngine engine, ExperimentListener listener) {
        List<Sweep.Point> points = new ArrayList<>();
        for (int value : values) {
            ExperimentResult result = Experiment.run(protocolFor.apply(value), engine, listener,
                    Experiment.FrozenScores.LAST_EPOCH);
            EpochRecord last = result.last();
            points.add(new Sweep.Point(value, result.trainingCeiling().value(), result.validationCeiling().value(),
                    last.training().accuracy(), last.validation().accuracy(), result.seconds()));
            if (!result.complete()) {
                break;
            }
        }
        return new Sweep(id, title, parameter, points);
    }

    private static void require(Protocol protocol, Layout layout) {
        Refusal.require(protocol.layout().kind() == layout, "layout", protocol.layout().kind(),
                "this sweep needs another layout");
    }
}
