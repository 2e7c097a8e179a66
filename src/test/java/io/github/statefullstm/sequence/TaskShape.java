package io.github.statefullstm.sequence;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ArbitrarySupplier;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * The parameters of one draw of the post's task, small enough for a thousand tries a second. Shrinks towards one
 * sequence of one step with no ones, so a counterexample reads as the smallest task that breaks the claim.
 */
record TaskShape(int sequences, int length, double fraction, long seed) {

    static final int MAX_SEQUENCES = 40;
    static final int MAX_LENGTH = 24;

    Task draw() {
        return Task.generate(sequences, length, fraction, seed);
    }

    /** Any shape: {@code @ForAll(supplier = TaskShape.Any.class)}. */
    static final class Any implements ArbitrarySupplier<TaskShape> {
        @Override
        public Arbitrary<TaskShape> get() {
            return any();
        }
    }

    static Arbitrary<TaskShape> any() {
        return Combinators.combine(
                Arbitraries.integers().between(1, MAX_SEQUENCES),
                Arbitraries.integers().between(1, MAX_LENGTH),
                fractions(),
                Arbitraries.longs()).as(TaskShape::new);
    }

    /** Mostly the post's balanced 0.5, with the edges 0 and 1 and everything between. */
    static Arbitrary<Double> fractions() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(0.5)),
                Tuple.of(1, Arbitraries.of(0.0, 1.0)),
                Tuple.of(4, Arbitraries.doubles().between(0, 1).ofScale(3)));
    }

    @Override
    public String toString() {
        return "Task.generate(" + sequences + ", " + length + ", " + fraction + ", " + seed + "L)";
    }
}
