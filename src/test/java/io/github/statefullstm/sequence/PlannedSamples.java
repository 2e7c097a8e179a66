package io.github.statefullstm.sequence;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Samples cut from a small task together with a batch plan over them: the input of every lineage and ceiling
 * property. {@code kind} names the layout, for statistics and for readable counterexamples.
 */
record PlannedSamples(Kind kind, String recipe, List<Sample> samples, BatchPlan plan) {

    enum Kind { STATELESS_WINDOWS, STATEFUL_WINDOWS_IN_ORDER, PER_STEP_STATEFUL, PER_STEP_STATELESS, SEQUENCE_PRESERVING }

    static final int MAX_SEQUENCES = 8;
    static final int MAX_LENGTH = 8;

    @Override
    public String toString() {
        return kind + ": " + recipe + " -> " + plan;
    }

    static Arbitrary<PlannedSamples> any() {
        return Arbitraries.oneOf(statelessWindows(), statefulWindowsInOrder(), perStep(), sequencePreserving());
    }

    /** The post's task, or (to exercise histories beyond one informative step) random 0/1 steps and targets. */
    static Arbitrary<Task> smallTasks(int maxSequences, int maxLength) {
        return Combinators.combine(Arbitraries.integers().between(1, maxSequences),
                Arbitraries.integers().between(1, maxLength), TaskShape.fractions(), Arbitraries.longs(),
                Arbitraries.of(true, false)).as((n, t, fraction, seed, postLike) ->
                postLike ? Task.generate(n, t, fraction, seed) : randomBinaryTask(n, t, seed));
    }

    static Task randomBinaryTask(int sequences, int length, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] steps = new double[sequences][length];
        int[] targets = new int[sequences];
        for (int i = 0; i < sequences; i++) {
            for (int t = 0; t < length; t++) {
                steps[i][t] = random.nextInt(2);
            }
            targets[i] = random.nextInt(2);
        }
        return new Task(steps, targets);
    }

    static Arbitrary<PlannedSamples> statelessWindows() {
        return windowed().flatMap(cut -> Arbitraries.integers().between(1, cut.samples().size() + 1).map(b ->
                new PlannedSamples(Kind.STATELESS_WINDOWS, cut.recipe() + ", B=" + b, cut.samples(),
                        BatchPlan.stateless(cut.samples().size(), b))));
    }

    static Arbitrary<PlannedSamples> statefulWindowsInOrder() {
        return windowed().flatMap(cut -> Arbitraries.of(divisors(cut.samples().size())).map(b ->
                new PlannedSamples(Kind.STATEFUL_WINDOWS_IN_ORDER, cut.recipe() + ", B=" + b, cut.samples(),
                        BatchPlan.statefulInOrder(cut.samples().size(), b))));
    }

    static Arbitrary<PlannedSamples> perStep() {
        return Combinators.combine(smallTasks(MAX_SEQUENCES, MAX_LENGTH), Arbitraries.of(true, false),
                Arbitraries.integers().between(1, 4)).as((task, stateful, b) -> {
                    PerStepFeed feed = PerStepFeed.of(task);
                    return stateful
                            ? new PlannedSamples(Kind.PER_STEP_STATEFUL, String.valueOf(task), feed.samples(),
                                    BatchPlan.perStep(feed))
                            : new PlannedSamples(Kind.PER_STEP_STATELESS, task + ", B=" + b, feed.samples(),
                                    BatchPlan.stateless(feed.size(), b));
                });
    }

    /** Non-overlapping chunks of length c of B * groups sequences of length c * chunks. */
    static Arbitrary<PlannedSamples> sequencePreserving() {
        return Combinators.combine(Arbitraries.integers().between(1, 4), Arbitraries.integers().between(1, 3),
                Arbitraries.integers().between(1, 4), Arbitraries.integers().between(1, 3), Arbitraries.longs(),
                Arbitraries.of(true, false)).as((b, groups, chunk, chunks, seed, postLike) -> {
                    int n = b * groups;
                    int t = chunk * chunks;
                    Task task = postLike ? Task.generate(n, t, 0.5, seed) : randomBinaryTask(n, t, seed);
                    List<Sample> samples = Windowing.windows(task, chunk, chunk);
                    return new PlannedSamples(Kind.SEQUENCE_PRESERVING, task + ", chunks of " + chunk + ", B=" + b,
                            samples, BatchPlan.sequencePreserving(samples, b));
                });
    }

    private record Cut(String recipe, List<Sample> samples) {
    }

    private static Arbitrary<Cut> windowed() {
        return smallTasks(MAX_SEQUENCES, MAX_LENGTH).flatMap(task -> Combinators.combine(
                Arbitraries.integers().between(1, task.length()), Arbitraries.integers().between(1, 3)).as((w, s) ->
                new Cut(task + ", windows of " + w + " every " + s, Windowing.windows(task, w, s))));
    }

    static Integer[] divisors(int n) {
        return IntStream.rangeClosed(1, n).filter(d -> n % d == 0).boxed().toArray(Integer[]::new);
    }
}
