package io.github.statefullstm.sequence;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ArbitrarySupplier;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/** A task draw and a window length and stride that fit it ({@code 1 <= w <= T}, {@code s >= 1}). */
record WindowShape(TaskShape task, int window, int stride) {

    /** Any window that fits: {@code @ForAll(supplier = WindowShape.Any.class)}. */
    static final class Any implements ArbitrarySupplier<WindowShape> {
        @Override
        public Arbitrary<WindowShape> get() {
            return any();
        }
    }

    /** Windows that cover every step: {@code @ForAll(supplier = WindowShape.Covering.class)}. */
    static final class Covering implements ArbitrarySupplier<WindowShape> {
        @Override
        public Arbitrary<WindowShape> get() {
            return covering();
        }
    }

    static Arbitrary<WindowShape> any() {
        return TaskShape.any().flatMap(task -> Arbitraries.integers().between(1, task.length()).flatMap(w ->
                strides(w, task.length()).map(s -> new WindowShape(task, w, s))));
    }

    /** Mostly the post's stride 1, often overlapping or touching windows, sometimes gaps between them. */
    private static Arbitrary<Integer> strides(int window, int length) {
        return Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.just(1)),
                Tuple.of(2, Arbitraries.integers().between(1, window)),
                Tuple.of(1, Arbitraries.integers().between(window + 1, length + 2)));
    }

    /** Windows that cover every step: stride at most the window, and the last window ends at step T - 1. */
    static Arbitrary<WindowShape> covering() {
        return Arbitraries.integers().between(1, 8).flatMap(w -> Combinators.combine(
                Arbitraries.integers().between(1, w),
                Arbitraries.integers().between(0, 4),
                Arbitraries.integers().between(1, TaskShape.MAX_SEQUENCES),
                TaskShape.fractions(),
                Arbitraries.longs()).as((s, extraWindows, n, fraction, seed) ->
                new WindowShape(new TaskShape(n, w + extraWindows * s, fraction, seed), w, s)));
    }

    int windowsPerSequence() {
        return (task.length() - window) / stride + 1;
    }

    @Override
    public String toString() {
        return task + " cut into windows of " + window + " every " + stride;
    }
}
