package io.github.statefullstm.experiment;

import io.github.statefullstm.sequence.InformationCeiling;
import io.github.statefullstm.spec.Claim;
import io.github.statefullstm.training.Score;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Example;
import net.jqwik.api.Label;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Which sweep runs over which protocol, and over which values: chosen by the protocol's layout, never by its ID.
 * Each point is handed to the caller's {@link Sweeps.PointRun}; here one that trains nothing and writes down what it
 * was asked to run.
 */
@Label("The sweeps and their points")
class SweepKindExamples {

    private final List<Protocol> asked = new ArrayList<>();

    /** A point that "ran": the protocol it was asked for, complete unless it is the {@code stopAt}-th. */
    private Sweeps.PointRun recording(int stopAt) {
        return protocol -> {
            asked.add(protocol);
            Score score = new Score(0.5, 0.5, 1);
            return new ExperimentResult(protocol, "none", new InformationCeiling.Ceiling(1, 2),
                    new InformationCeiling.Ceiling(1, 2), List.of(new EpochRecord(1, score, score, score, 0, null)),
                    0, asked.size() != stopAt, null);
        };
    }

    @Example
    @Claim("EXP-8")
    void statelessWindowsGetTheWindowSweepOverEveryLengthAtFiveEpochsEach() throws Exception {
        Protocol a = PostProtocols.windowsStateless();
        assertEquals(Optional.of(Sweeps.Kind.WINDOW_LENGTH), Sweeps.Kind.over(a));
        Sweep sweep = Sweeps.Kind.WINDOW_LENGTH.run(a, recording(0));
        assertEquals(a.length(), sweep.points().size(), "one point per window length 1..T");
        for (int w = 1; w <= a.length(); w++) {
            assertEquals(w, asked.get(w - 1).window(), "point " + w);
            assertEquals(Sweeps.WINDOW_SWEEP_EPOCHS, asked.get(w - 1).epochs(), "epochs of point " + w);
            assertEquals(w, sweep.points().get(w - 1).value());
        }
    }

    @Example
    @Claim("EXP-9")
    void sequencePreservingChunksGetTheChunkSweepOverTheDivisorsOfT() throws Exception {
        Protocol e = PostProtocols.sequencePreserving();
        assertEquals(Optional.of(Sweeps.Kind.CHUNK_LENGTH), Sweeps.Kind.over(e));
        Sweep sweep = Sweeps.Kind.CHUNK_LENGTH.run(e, recording(0));
        assertEquals(List.of(1, 2, 4, 5, 10, 20), sweep.points().stream().map(Sweep.Point::value).toList());
        assertEquals(List.of(e.epochs()), asked.stream().map(Protocol::epochs).distinct().toList(),
                "the chunk sweep keeps E's epochs");
    }

    @Example
    @Claim({"EXP-8", "EXP-9"})
    void theOtherLayoutsHaveNoSweep() {
        for (Protocol p : List.of(PostProtocols.windowsStateful(), PostProtocols.perStepStateful(),
                PostProtocols.perStepStatefulBatched(), PostProtocols.perStepStateless())) {
            assertEquals(Optional.empty(), Sweeps.Kind.over(p), p.id());
        }
    }

    @Example
    @Claim("EXP-8")
    void aSweepWhosePointWasStoppedEndsThereKeepingThePointsBefore() throws Exception {
        Sweep sweep = Sweeps.Kind.WINDOW_LENGTH.run(PostProtocols.windowsStateless(), recording(3));
        assertEquals(3, sweep.points().size(), "the stopped point is the last one kept");
    }

    @Example
    void eachKindIsNamedAsItsSweepNamesTheParameterItVaries() throws Exception {
        Sweep windows = Sweeps.Kind.WINDOW_LENGTH.run(PostProtocols.windowsStateless(), recording(0));
        Sweep chunks = Sweeps.Kind.CHUNK_LENGTH.run(PostProtocols.sequencePreserving(), recording(0));
        assertEquals(windows.parameter(), Sweeps.Kind.WINDOW_LENGTH.label());
        assertEquals(chunks.parameter(), Sweeps.Kind.CHUNK_LENGTH.label());
    }
}
