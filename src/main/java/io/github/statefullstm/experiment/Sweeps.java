package io.github.statefullstm.experiment;

import io.github.statefullstm.rnn.LstmEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/** The two sweeps that show why the post's numbers are what they are. */
public final class Sweeps {

    private Sweeps() {
    }

    /**
     * Stateless windows of every length {@code w = 1 .. T}: the ceiling stays at its floor until a window can hold
     * step 0 and the whole rest of the sequence at once, and jumps to 1 only at {@code w = T}; the trained model
     * follows it.
     */
    public static Sweep windowLengths(Protocol windowsStateless, LstmEngine engine, ExperimentListener listener) {
        return windowLengths(windowsStateless, IntStream.rangeClosed(1, windowsStateless.length()).boxed().toList(),
                engine, listener);
    }

    /** The window sweep over some lengths only. */
    public static Sweep windowLengths(Protocol windowsStateless, List<Integer> lengths, LstmEngine engine,
                                      ExperimentListener listener) {
        require(windowsStateless.layout() == Layout.WINDOWS_STATELESS, windowsStateless);
        return sweep("window-length", "stateless windows: accuracy against window length", "window length",
                lengths, windowsStateless::withWindow, engine, listener);
    }

    /**
     * The sequence-preserving layout for every chunk length that divides T: every sequence stays on its own row,
     * so the ceiling is 1 whatever the chunk, and the trained model reaches it.
     */
    public static Sweep chunkLengths(Protocol sequencePreserving, LstmEngine engine, ExperimentListener listener) {
        require(sequencePreserving.layout() == Layout.SEQUENCE_PRESERVING, sequencePreserving);
        int length = sequencePreserving.length();
        List<Integer> chunks = IntStream.rangeClosed(1, length).filter(c -> length % c == 0).boxed().toList();
        return sweep("chunk-length", "sequence-preserving chunks: accuracy against chunk length", "chunk length",
                chunks, sequencePreserving::withWindow, engine, listener);
    }

    private static Sweep sweep(String id, String title, String parameter, List<Integer> values,
                               java.util.function.IntFunction<Protocol> protocolFor, LstmEngine engine,
                               ExperimentListener listener) {
        List<Sweep.Point> points = new ArrayList<>();
        for (int value : values) {
            ExperimentResult result = Experiment.run(protocolFor.apply(value), engine, listener);
            EpochRecord last = result.last();
            points.add(new Sweep.Point(value, result.trainingCeiling().value(), result.validationCeiling().value(),
                    last.training().accuracy(), last.validation().accuracy(), result.seconds()));
            if (!result.complete() || listener.stopRequested()) {
                break;
            }
        }
        return new Sweep(id, title, parameter, points);
    }

    private static void require(boolean holds, Protocol protocol) {
        if (!holds) {
            throw new IllegalArgumentException("layout = " + protocol.layout() + ": this sweep needs another layout");
        }
    }
}
