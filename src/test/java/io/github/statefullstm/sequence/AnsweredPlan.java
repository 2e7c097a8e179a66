package io.github.statefullstm.sequence;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ArbitrarySupplier;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * A plan over samples answered at steps of their own: at each sample's last step, every period of its sequence, or at
 * random steps; {@code marks} says which, for statistics and readable counterexamples. At least one planned sample
 * answers somewhere, as a plan must to be scored. A property takes them with
 * {@code @ForAll(supplier = AnsweredPlan.Any.class)}.
 */
public record AnsweredPlan(PlannedSamples planned, Marking marking, String marks, List<Sample> samples) {

    /** How the samples are answered. */
    public enum Marking { AT_THE_LAST_STEP, EVERY_PERIOD, AT_RANDOM_STEPS }

    /** The longest target period drawn: as long as the longest sample {@link PlannedSamples} cuts. */
    private static final int MAX_PERIOD = PlannedSamples.MAX_LENGTH;

    /**
     * Every layout, each marking; more often the layouts whose samples are several steps long, and the markings that
     * choose steps, where a sample can answer more than once.
     */
    public static final class Any implements ArbitrarySupplier<AnsweredPlan> {
        @Override
        public Arbitrary<AnsweredPlan> get() {
            Arbitrary<PlannedSamples> plans = Arbitraries.frequencyOf(
                    Tuple.of(1, new PlannedSamples.AnyWithRowResets().get()),
                    Tuple.of(2, Arbitraries.oneOf(PlannedSamples.statelessWindows(),
                            PlannedSamples.statefulWindowsResetAnywhere(), PlannedSamples.sequencePreserving())));
            Arbitrary<Marking> markings = Arbitraries.frequency(Tuple.of(1, Marking.AT_THE_LAST_STEP),
                    Tuple.of(2, Marking.EVERY_PERIOD), Tuple.of(3, Marking.AT_RANDOM_STEPS)).withoutEdgeCases();
            return Combinators.combine(plans, markings, Arbitraries.integers().between(1, MAX_PERIOD),
                    Arbitraries.longs()).as(AnsweredPlan::marked);
        }
    }

    public BatchPlan plan() {
        return planned.plan();
    }

    @Override
    public String toString() {
        return planned + ", answered " + marks;
    }

    private static AnsweredPlan marked(PlannedSamples planned, Marking marking, int period, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Sample> samples = new ArrayList<>();
        for (Sample sample : planned.samples()) {
            samples.add(switch (marking) {
                case AT_THE_LAST_STEP -> sample;
                case EVERY_PERIOD -> sample.answeredEvery(period);
                case AT_RANDOM_STEPS -> sample.answeredAt(randomMarks(sample.length(), random));
            });
        }
        String marks = switch (marking) {
            case AT_THE_LAST_STEP -> "once, at each sample's last step, as cut";
            case EVERY_PERIOD -> "every " + period + " steps";
            case AT_RANDOM_STEPS -> "at random steps, seed " + seed;
        };
        return answeredSomewhere(new AnsweredPlan(planned, marking, marks, samples));
    }

    private static boolean[] randomMarks(int steps, SplittableRandom random) {
        boolean[] marks = new boolean[steps];
        for (int t = 0; t < steps; t++) {
            marks[t] = random.nextBoolean();
        }
        return marks;
    }

    /** The plan as given, or with its first sample answered at its last step where no planned sample is answered. */
    private static AnsweredPlan answeredSomewhere(AnsweredPlan answered) {
        boolean any = answered.plan().batches().stream().anyMatch(b -> Arrays.stream(b.rows())
                .anyMatch(i -> answered.samples().get(i).answers() > 0));
        if (any) {
            return answered;
        }
        List<Sample> samples = new ArrayList<>(answered.samples());
        int first = answered.plan().batch(0).row(0);
        boolean[] last = new boolean[samples.get(first).length()];
        last[last.length - 1] = true;
        samples.set(first, samples.get(first).answeredAt(last));
        return new AnsweredPlan(answered.planned(), answered.marking(), answered.marks()
                + ", and sample " + first + " at its last step", samples);
    }
}
