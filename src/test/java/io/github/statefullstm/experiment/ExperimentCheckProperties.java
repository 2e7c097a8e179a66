package io.github.statefullstm.experiment;

import io.github.statefullstm.rnn.Adam;
import io.github.statefullstm.rnn.LstmSpec;
import io.github.statefullstm.sequence.Task;
import io.github.statefullstm.spec.Claim;
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
 * What the main job checks before any experiment starts, from the settings alone: the memory the samples take, and
 * that both splits hold both targets.
 */
@Label("An experiment is checked before it runs")
class ExperimentCheckProperties {

    /** A sample's object, step array header and list slot, as the estimate counts them. */
    private static final int SAMPLE_OVERHEAD_BYTES = 64;

    @Provide
    Arbitrary<Protocol> protocolsOfEveryLayout() {
        return Combinators.combine(Arbitraries.of(Layout.class), Arbitraries.integers().between(2, 50),
                Arbitraries.integers().between(2, 30), Arbitraries.integers().between(1, 30),
                Arbitraries.integers().between(1, 4))
                .as((layout, sequences, length, window, stride) -> new Protocol("t", sequences, length, 1, 0.5, 1,
                        layout, Math.min(window, length), stride, 1, LstmSpec.POST, Adam.KERAS, 1, "", Double.NaN));
    }

    @Property
    @Claim("CLI-1")
    void theEstimateCountsTheTasksStepsAndEverySamplesStepsAndOverhead(@ForAll("protocolsOfEveryLayout") Protocol p) {
        Statistics.label("layout").collect(p.layout());
        long samplesPerSequence = switch (p.layout()) {
            case PER_STEP_STATEFUL, PER_STEP_STATELESS -> p.length();
            case SEQUENCE_PRESERVING -> p.length() / p.window();
            default -> (p.length() - p.window()) / p.stride() + 1;
        };
        long stepsPerSample = p.layout() == Layout.PER_STEP_STATEFUL || p.layout() == Layout.PER_STEP_STATELESS ? 1
                : p.window();
        long samples = samplesPerSequence * p.sequences();
        long expected = Double.BYTES * ((long) p.sequences() * p.length() + samples * stepsPerSample)
                + SAMPLE_OVERHEAD_BYTES * samples;
        assertEquals(expected, Experiment.estimatedBytes(p), p::toString);
    }

    @Example
    @Claim("CLI-1")
    void anEstimateBeyondWhatALongCanCountIsTheLargestLong() {
        Protocol huge = PostProtocols.windowsStateless().withTask(Integer.MAX_VALUE, Integer.MAX_VALUE, 1);
        assertEquals(Long.MAX_VALUE, Experiment.estimatedBytes(huge));
    }

    @Property(tries = 20)
    @Claim("CLI-1")
    void aSplitThatHoldsOneTargetOnlyIsRefused(@ForAll("seeds") long seed, @ForAll boolean onlyOneZero) {
        // One sequence of one target among eleven: whichever split it falls in, the other split lacks that target,
        // and the refusal names that split.
        double fraction = onlyOneZero ? 10.0 / 11 : 1.0 / 11;
        Statistics.label("the rare target").collect(onlyOneZero ? "zero" : "one");
        Protocol p = PostProtocols.perStepStateless().withTask(11, 4, 5).withFraction(fraction).withSeed(seed);
        Task.Split split = Task.generate(p.sequences(), p.length(), fraction, seed).splitAt(p.trainingSequences());
        String lacking = split.training().ones() == 0 || split.training().zeros() == 0 ? "training" : "validation";
        Statistics.label("the split that lacks it").collect(lacking);
        String message = assertThrows(IllegalArgumentException.class, () -> Experiment.check(p)).getMessage();
        assertTrue(message.startsWith("fraction = " + fraction + ": the " + lacking + " split of ") && message.contains(
                "each split must hold both targets"), () -> "names the " + lacking + " split: " + message);
    }

    @Example
    @Claim("CLI-1")
    void aSplitThatHoldsBothTargetsPasses() {
        Experiment.check(PostProtocols.perStepStateless().withTask(40, 4, 20));
    }

    @Provide
    Arbitrary<Long> seeds() {
        return Arbitraries.longs();
    }
}
