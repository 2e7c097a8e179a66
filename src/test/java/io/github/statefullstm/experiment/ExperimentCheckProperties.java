package io.github.statefullstm.experiment;

import io.github.statefullstm.rnn.Adam;
import io.github.statefullstm.rnn.LstmSpec;
import io.github.statefullstm.sequence.Task;
import io.github.statefullstm.spec.Claim;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the main job checks before any experiment starts, from the settings alone: the memory the samples take, that
 * both splits hold both targets, and that a stateful layout fills whole batches.
 */
@Label("An experiment is checked before it runs")
class ExperimentCheckProperties {

    /** A sample's object, step array header and list slot, as the estimate counts them. */
    private static final int SAMPLE_OVERHEAD_BYTES = 64;
    private static final ModelSpec MODEL = new ModelSpec(LstmSpec.POST, Adam.KERAS);

    /** Every layout; for the session-parallel ones, sequences of lengths from a shortest up to T too. */
    @Provide
    Arbitrary<Protocol> protocolsOfEveryLayout() {
        return Combinators.combine(Arbitraries.of(Layout.class), Arbitraries.integers().between(2, 50),
                Arbitraries.integers().between(2, 30), Arbitraries.integers().between(1, 30),
                Arbitraries.integers().between(1, 4), Arbitraries.integers().between(1, 30))
                .as((layout, sequences, length, window, stride, shortest) -> new Protocol("t",
                        new TaskSpec(sequences, layout.takesVaryingLengths() ? Math.min(shortest, length) : length,
                                length, 1, 0.5, 1),
                        new LayoutSpec(layout, Math.min(window, length), stride, 1), MODEL, 1));
    }

    @Property
    @Claim("CLI-1")
    void theEstimateCountsTheTasksStepsAndEverySamplesStepsAndOverhead(@ForAll("protocolsOfEveryLayout") Protocol p) {
        Statistics.label("layout").collect(p.layout().kind());
        Statistics.label("lengths").collect(p.task().lengthsVary() ? "vary" : "one");
        TaskSpec task = p.task();
        LayoutSpec layout = p.layout();
        // where lengths vary, a floor counts every sequence as the shortest
        int steps = task.shortest();
        long samplesPerSequence = switch (layout.kind()) {
            case PER_STEP_STATEFUL, PER_STEP_STATELESS, SESSION_PARALLEL, SESSION_PARALLEL_WITHOUT_ROW_RESETS -> steps;
            case SEQUENCE_PRESERVING, CHUNKS_STATELESS -> steps / layout.window();
            default -> (steps - layout.window()) / layout.stride() + 1;
        };
        long stepsPerSample = layout.kind().cutsWindows() ? layout.window() : 1;
        long samples = samplesPerSequence * task.sequences();
        long expected = Double.BYTES * ((long) task.sequences() * steps + samples * stepsPerSample)
                + SAMPLE_OVERHEAD_BYTES * samples;
        assertEquals(expected, Experiment.estimatedBytes(p), p::toString);
    }

    @Example
    @Claim("CLI-1")
    void anEstimateBeyondWhatALongCanCountIsTheLargestLong() {
        Protocol a = PostProtocols.windowsStateless();
        Protocol huge = a.withTask(a.task().withSize(Integer.MAX_VALUE, Integer.MAX_VALUE, 1));
        assertEquals(Long.MAX_VALUE, Experiment.estimatedBytes(huge));
    }

    @Property(tries = 20)
    @Claim("CLI-1")
    void aSplitThatHoldsOneTargetOnlyIsRefused(@ForAll long seed, @ForAll boolean onlyOneZero) {
        // One sequence of one target among eleven: whichever split it falls in, the other split lacks that target,
        // and the refusal names that split.
        double fraction = onlyOneZero ? 10.0 / 11 : 1.0 / 11;
        Statistics.label("the rare target").collect(onlyOneZero ? "zero" : "one");
        Protocol p = PostProtocols.perStepStateless().withTask(new TaskSpec(11, 4, 5, fraction, seed));
        Task.Split split = Task.generate(11, 4, fraction, seed).splitAt(5);
        String lacking = split.training().ones() == 0 || split.training().zeros() == 0 ? "training" : "validation";
        Statistics.label("the split that lacks it").collect(lacking);
        String message = assertThrows(IllegalArgumentException.class, () -> Experiment.check(p)).getMessage();
        assertTrue(message.startsWith("fraction = " + fraction + ": the " + lacking + " split of ") && message.contains(
                "each split must hold both targets"), () -> "names the " + lacking + " split: " + message);
    }

    @Example
    @Claim("CLI-1")
    void aSplitThatHoldsBothTargetsPasses() {
        Protocol d = PostProtocols.perStepStateless();
        Experiment.check(d.withTask(d.task().withSize(40, 4, 20)));
    }

    @Example
    @Claim("CLI-1")
    void aStatefulBatchThatDoesNotDivideTheSamplesIsRefused() {
        Protocol b = PostProtocols.windowsStateful();
        String message = assertThrows(IllegalArgumentException.class,
                () -> Experiment.check(b.withLayout(b.layout().withBatchSize(7)))).getMessage();
        assertEquals("sample count = 11000: must be a multiple of the batch size 7: a stateful batch has a fixed size",
                message, "the training split's 1000 sequences of 11 windows each");
    }

    /** A split of a few short sequences, laid out by any layout with any batch size, so that some batches fit. */
    record Split(int sequences, int length, LayoutSpec layout, long seed) {
    }

    @Provide
    Arbitrary<Split> splitsOfEveryLayout() {
        return Combinators.combine(Arbitraries.of(Layout.class), Arbitraries.integers().between(1, 12),
                Arbitraries.integers().between(1, 8), Arbitraries.integers().between(1, 8),
                Arbitraries.integers().between(1, 3), Arbitraries.integers().between(1, 6), Arbitraries.longs())
                .as((layout, sequences, length, window, stride, batch, seed) -> new Split(sequences, length,
                        new LayoutSpec(layout, layout.cutsWindows() ? Math.min(window, length) : 1, stride, batch),
                        seed));
    }

    @Property
    @Claim("CLI-1")
    @Label("a layout's check from the sizes alone refuses a split exactly when laying it out does, in the same words")
    void theCheckRefusesASplitExactlyAsLayingItOutWould(@ForAll("splitsOfEveryLayout") Split s) {
        Optional<String> checked = refusal(() -> s.layout().kind().requireWholeBatches(s.sequences(), s.length(),
                s.layout()));
        Optional<String> laidOut = refusal(() -> s.layout().prepare(Task.generate(s.sequences(), s.length(), 0.5,
                s.seed())));
        Statistics.label("layout").collect(s.layout().kind());
        Statistics.label("whole batches").collect(laidOut.isEmpty());
        assertEquals(laidOut, checked, s::toString);
    }

    private static Optional<String> refusal(Runnable call) {
        try {
            call.run();
            return Optional.empty();
        } catch (IllegalArgumentException refused) {
            return Optional.of(refused.getMessage());
        }
    }
}
