package io.github.statefullstm.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.statefullstm.sequence.InformationCeiling;
import io.github.statefullstm.sequence.Sample;
import io.github.statefullstm.sequence.Task;
import io.github.statefullstm.spec.Claim;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import net.jqwik.api.Example;
import net.jqwik.api.Label;

/**
 * Experiment G as two runs of one task, chunks and targets, with and without the state, and the exact ceilings of
 * their layouts: the settings are read from {@link PostProtocols}, their one home.
 */
@Label("Experiment G: a target every period, with and without the state")
class TargetsAtIntervalsExamples {

    private static final Protocol G = PostProtocols.targetsAtIntervals();
    private static final Protocol CUT = PostProtocols.targetsAtIntervalsStateless();

    @Example
    @Claim("EXP-13")
    void gsTwoRunsDifferInTheirStateAloneAndThePostSuggestedGWithoutRunningIt() {
        assertEquals(List.of("G", "GCUT"), List.of(G.id(), CUT.id()));
        assertEquals(G.task(), CUT.task(), "one task");
        assertEquals(G.model(), CUT.model());
        assertEquals(G.epochs(), CUT.epochs());
        assertEquals(G.layout().window(), CUT.layout().window(), "the same chunks");
        assertEquals(G.layout().batchSize(), CUT.layout().batchSize());
        assertEquals(OptionalInt.of(PostProtocols.TARGET_PERIOD), G.layout().targetPeriod());
        assertEquals(G.layout().targetPeriod(), CUT.layout().targetPeriod(), "the same targets");
        assertEquals(Layout.SEQUENCE_PRESERVING, G.layout().kind());
        assertEquals(Layout.CHUNKS_STATELESS, CUT.layout().kind());
        Protocol e = PostProtocols.sequencePreserving();
        assertEquals(e.withLayout(e.layout().withTargetPeriod(PostProtocols.TARGET_PERIOD)).layout(), G.layout(),
                "G is E with its targets at intervals");
        assertEquals(e.task(), G.task());
        assertEquals(e.epochs(), G.epochs());
        assertTrue(PostProtocols.all().containsAll(List.of(G, CUT)), "selectable as the others are");
        String sentence = "\"I think the advantage of subsampling is that you can associate different targets to your "
                + "sequence (like a many-to-many would do but at specific intervals e.g. every period of length 10, I "
                + "generate an output)\"";
        assertEquals("suggested, never run: " + sentence, G.postColumn());
        assertTrue(CUT.postColumn().startsWith("never run: ") && CUT.postColumn().endsWith(sentence),
                CUT.postColumn());
        for (Protocol p : List.of(G, CUT)) {
            assertTrue(Double.isNaN(p.comparablePostValidationAccuracy()), "no figure of the post for " + p.id());
            assertTrue(p.title().endsWith(", a target every 10 steps"), p.title());
            assertTrue(p.title().startsWith("chunks of 10, "), p.title());
            assertEquals(Optional.empty(), Sweeps.Kind.over(p), "no sweep over " + p.id());
            assertEquals(List.of("target period = 5, not 10"), p.withLayout(p.layout().withTargetPeriod(5))
                    .differencesFromThePost());
        }
        assertEquals(List.of("target period = 10, not none (the last step of each sample)"),
                e.withLayout(G.layout()).differencesFromThePost(), "E with G's targets is not E");
    }

    /**
     * G's own task and chunks: kept on their rows every answer reads its sequence from step 0, so the ceiling is 1;
     * stateless, an answer after the first chunk reads zeros only, and the ceiling is the chunks' own (CEIL-7).
     */
    @Example
    @Claim({"CEIL-7", "EXP-13"})
    void gsCeilingIsOneAndItsContrastsIsTheCeilingOfItsChunks() {
        Layout.Splits kept = G.layout().prepare(G.task());
        Layout.Splits cut = CUT.layout().prepare(CUT.task());
        Task.Split split = G.task().draw();
        int answersPerSequence = G.task().length() / PostProtocols.TARGET_PERIOD;
        List<Layout.Prepared> keptSplits = List.of(kept.training(), kept.validation());
        List<Layout.Prepared> cutSplits = List.of(cut.training(), cut.validation());
        List<Task> tasks = List.of(split.training(), split.validation());
        for (int i = 0; i < tasks.size(); i++) {
            Task task = tasks.get(i);
            InformationCeiling.Ceiling withState = ceiling(keptSplits.get(i));
            InformationCeiling.Ceiling stateless = ceiling(cutSplits.get(i));
            assertEquals(new InformationCeiling.Ceiling((long) task.size() * answersPerSequence,
                    (long) task.size() * answersPerSequence), withState, "kept on their rows");
            InformationCeiling.Ceiling chunks = InformationCeiling.windowedStateless(task.ones(), task.zeros(),
                    task.length(), G.layout().window(), G.layout().window());
            assertEquals(chunks.value(), stateless.value(), 0.0, "stateless");
            assertEquals((long) task.size() * answersPerSequence, stateless.samples(), "two answers a sequence");
        }
        assertEquals(keptSplits.get(0).samples(), cutSplits.get(0).samples(), "the same chunks, answered alike");
        assertTrue(kept.training().training().stateful() && !cut.training().training().stateful());
    }

    private static InformationCeiling.Ceiling ceiling(Layout.Prepared prepared) {
        return InformationCeiling.of(prepared.samples(), prepared.training());
    }

    /**
     * The period and the chunk are settings of their own: every sequence answers T / p times wherever its chunks fall,
     * a chunk answering twice, once, or not at all.
     */
    @Example
    @Claim({"WIN-6", "EXP-13"})
    void thePeriodAndTheChunkAreIndependentSettings() {
        Task small = G.task().withSize(20, 20, 10).draw().training();
        int[][] chunkPeriodAndAnswersPerChunk = {{10, 5, 2}, {10, 10, 1}, {5, 10, -1}, {10, 20, -1}, {4, 5, -1}};
        for (int[] c : chunkPeriodAndAnswersPerChunk) {
            LayoutSpec layout = G.layout().withWindow(c[0]).withTargetPeriod(c[1]);
            Layout.Prepared prepared = layout.prepare(small);
            long answers = prepared.samples().stream().mapToInt(Sample::answers).sum();
            assertEquals((long) small.size() * small.length() / c[1], answers, "chunks of " + c[0] + ", every "
                    + c[1]);
            if (c[2] > 0) {
                assertTrue(prepared.samples().stream().allMatch(s -> s.answers() == c[2]), "chunks of " + c[0]
                        + ", every " + c[1]);
            } else {
                assertTrue(prepared.samples().stream().anyMatch(s -> s.answers() == 0), "some chunk of " + c[0]
                        + " answers nowhere with a target every " + c[1]);
            }
            assertEquals(1.0, ceiling(prepared).value(), "kept on their rows: chunks of " + c[0] + ", every " + c[1]);
        }
    }

    @Example
    @Claim("EXP-13")
    void aTargetPeriodBelowOneOrThatDoesNotDivideTIsRefusedByName() {
        assertEquals("targetPeriod = 0: must be >= 1", assertThrows(IllegalArgumentException.class,
                () -> G.layout().withTargetPeriod(0)).getMessage());
        assertEquals("targetPeriod = 7: must be >= 1 and divide T = 20, so that a sequence's periods are whole and "
                + "its last step has a target", assertThrows(IllegalArgumentException.class,
                () -> G.withLayout(G.layout().withTargetPeriod(7))).getMessage());
        assertEquals("targetPeriod = 10: must be >= 1 and divide T = 15, so that a sequence's periods are whole and "
                + "its last step has a target", assertThrows(IllegalArgumentException.class,
                () -> G.withTask(G.task().withSize(1200, 15, 1000))).getMessage());
        Protocol f = PostProtocols.sessionParallel();
        assertEquals("targetPeriod = 10: must not be given for sequences of 10 to 30 steps: a period must divide "
                + "every sequence's length", assertThrows(IllegalArgumentException.class,
                () -> f.withLayout(f.layout().withTargetPeriod(10))).getMessage());
        assertEquals(1, G.withLayout(G.layout().withTargetPeriod(1)).layout().targetPeriod().getAsInt(),
                "a target at every step is a period of 1, which divides any T");
        assertEquals("targetPeriod = null: must be given, or empty", assertThrows(IllegalArgumentException.class,
                () -> new LayoutSpec(G.layout().kind(), 10, 1, 10, null)).getMessage());
        assertEquals("answered steps = null: must be given", assertThrows(IllegalArgumentException.class,
                () -> G.layout().prepare(G.task().withSize(20, 20, 10).draw().training()).samples().get(0)
                        .answeredAt(null)).getMessage());
    }
}
