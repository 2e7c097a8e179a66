package io.github.statefullstm.experiment;

import io.github.statefullstm.rnn.LstmEngine;
import io.github.statefullstm.rnn.reference.ReferenceEngine;
import io.github.statefullstm.spec.Claim;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Example;
import net.jqwik.api.Label;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Which sweep runs over which protocol, and over which values: chosen by the protocol's layout, never by its ID. Each
 * point trains on the reference engine, over a task small enough to train every point in a moment; the listener
 * writes down which protocol each point ran.
 */
@Label("The sweeps and their points")
class SweepKindExamples {

    private static final Protocol SMALL_A = small(PostProtocols.windowsStateless());
    private static final Protocol SMALL_E = small(PostProtocols.sequencePreserving());

    /** The post's run over 20 sequences of its own length, half of them to train: E's batch of 10 still fits. */
    private static Protocol small(Protocol post) {
        return post.withTask(post.task().withSize(20, post.task().length(), 10));
    }

    private final LstmEngine engine = new ReferenceEngine();

    /** Writes down the protocol of every point, and stops the sweep in the {@code stopAt}-th point (0: never). */
    private static final class Recording implements ExperimentListener {
        final List<Protocol> asked = new ArrayList<>();
        private final int stopAt;

        Recording(int stopAt) {
            this.stopAt = stopAt;
        }

        @Override
        public void epochStarted(Protocol protocol, int epoch, int batches) {
            if (epoch == 1) {
                asked.add(protocol);
            }
        }

        @Override
        public boolean stopRequested() {
            return asked.size() == stopAt;
        }
    }

    @Example
    @Claim("EXP-8")
    void statelessWindowsGetTheWindowSweepOverEveryLengthAtFiveEpochsEach() {
        assertEquals(Optional.of(Sweeps.Kind.WINDOW_LENGTH), Sweeps.Kind.over(PostProtocols.windowsStateless()));
        Recording recording = new Recording(0);
        Sweep sweep = Sweeps.Kind.WINDOW_LENGTH.run(SMALL_A, engine, recording);
        int length = SMALL_A.task().length();
        assertEquals(length, sweep.points().size(), "one point per window length 1..T");
        for (int w = 1; w <= length; w++) {
            Protocol point = recording.asked.get(w - 1);
            assertEquals(w, point.layout().window(), "point " + w);
            assertEquals(Sweeps.WINDOW_SWEEP_EPOCHS, point.epochs(), "epochs of point " + w);
            assertEquals(w, sweep.points().get(w - 1).value());
        }
    }

    @Example
    @Claim("EXP-9")
    void sequencePreservingChunksGetTheChunkSweepOverTheDivisorsOfT() {
        assertEquals(Optional.of(Sweeps.Kind.CHUNK_LENGTH), Sweeps.Kind.over(PostProtocols.sequencePreserving()));
        Recording recording = new Recording(0);
        Sweep sweep = Sweeps.Kind.CHUNK_LENGTH.run(SMALL_E, engine, recording);
        assertEquals(List.of(1, 2, 4, 5, 10, 20), sweep.points().stream().map(Sweep.Point::value).toList());
        assertEquals(List.of(1, 2, 4, 5, 10, 20), recording.asked.stream().map(p -> p.layout().window()).toList(),
                "each point cuts its own chunks");
        assertEquals(List.of(SMALL_E.epochs()), recording.asked.stream().map(Protocol::epochs).distinct().toList(),
                "the chunk sweep keeps E's epochs");
    }

    @Example
    @Claim({"EXP-8", "EXP-9"})
    void theOtherLayoutsHaveNoSweep() {
        for (Protocol p : List.of(PostProtocols.windowsStateful(), PostProtocols.perStepStateful(),
                PostProtocols.perStepStatefulBatched(), PostProtocols.perStepStateless(),
                PostProtocols.targetsAtIntervals(), PostProtocols.targetsAtIntervalsStateless())) {
            assertEquals(Optional.empty(), Sweeps.Kind.over(p), p.id());
        }
    }

    @Example
    @Claim("EXP-8")
    void aSweepWhosePointWasStoppedEndsThereKeepingThePointsBefore() {
        Sweep sweep = Sweeps.Kind.WINDOW_LENGTH.run(SMALL_A, engine, new Recording(3));
        assertEquals(3, sweep.points().size(), "the stopped point is the last one kept");
    }

    @Example
    void eachKindIsNamedAsItsSweepNamesTheParameterItVaries() {
        Sweep windows = Sweeps.Kind.WINDOW_LENGTH.run(SMALL_A, engine, new Recording(1));
        Sweep chunks = Sweeps.Kind.CHUNK_LENGTH.run(SMALL_E, engine, new Recording(1));
        assertEquals(windows.parameter(), Sweeps.Kind.WINDOW_LENGTH.label());
        assertEquals(chunks.parameter(), Sweeps.Kind.CHUNK_LENGTH.label());
    }
}
