package io.github.statefullstm.sequence;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ArbitrarySupplier;
import net.jqwik.api.Combinators;

/**
 * Samples cut from a small task together with a batch plan over them: the input of every lineage and ceiling
 * property, and of the runner's (LINE-6). {@code kind} names the layout, for statistics and for readable
 * counterexamples. A property takes them with {@code @ForAll(supplier = PlannedSamples.Any.class)}, or one of the
 * other suppliers for one layout.
 */
public record PlannedSamples(Kind kind, String recipe, List<Sample> samples, BatchPlan plan, List<Boolean> resetMarks) {

    /** A layout that asks for no resets of its own. */
    PlannedSamples(Kind kind, String recipe, List<Sample> samples, BatchPlan plan) {
        this(kind, recipe, samples, plan, List.of());
    }

    /** The layouts: the post's, the side-by-side one it suggests, and in-order windows reset before any batches. */
    public enum Kind {
        STATELESS_WINDOWS, STATEFUL_WINDOWS_IN_ORDER, STATEFUL_WINDOWS_RESET_ANYWHERE, PER_STEP_STATEFUL,
        PER_STEP_STATELESS, SEQUENCE_PRESERVING, SESSION_PARALLEL, SESSION_PARALLEL_WITHOUT_ROW_RESETS
    }

    /** Every layout. */
    public static final class Any implements ArbitrarySupplier<PlannedSamples> {
        @Override
        public Arbitrary<PlannedSamples> get() {
            return any();
        }
    }

    /** Windows in order, stateful, reset before the first batch only. */
    public static final class StatefulWindowsInOrder implements ArbitrarySupplier<PlannedSamples> {
        @Override
        public Arbitrary<PlannedSamples> get() {
            return statefulWindowsInOrder();
        }
    }

    /** B sequences side by side, chunk after chunk. */
    public static final class SequencePreserving implements ArbitrarySupplier<PlannedSamples> {
        @Override
        public Arbitrary<PlannedSamples> get() {
            return sequencePreserving();
        }
    }

    /** One step at a time, stateful (reset at each sequence's step 0) or stateless. */
    public static final class PerStep implements ArbitrarySupplier<PlannedSamples> {
        @Override
        public Arbitrary<PlannedSamples> get() {
            return perStep();
        }
    }

    /**
     * Every layout, and session-parallel ones too, whose plans may leave samples out (a sequence cut off where a row
     * runs dry): for the properties that hold for any plan, not only for one that holds every sample.
     */
    public static final class AnyWithRowResets implements ArbitrarySupplier<PlannedSamples> {
        @Override
        public Arbitrary<PlannedSamples> get() {
            return Arbitraries.oneOf(any(), sessionParallel());
        }
    }

    /** Sequences of their own lengths one step at a time, B side by side, with or without per-row resets. */
    public static final class SessionParallel implements ArbitrarySupplier<PlannedSamples> {
        @Override
        public Arbitrary<PlannedSamples> get() {
            return sessionParallel();
        }
    }

    static final int MAX_SEQUENCES = 8;
    static final int MAX_LENGTH = 8;

    @Override
    public String toString() {
        return kind + ": " + recipe + " -> " + plan;
    }

    static Arbitrary<PlannedSamples> any() {
        return Arbitraries.oneOf(statelessWindows(), statefulWindowsInOrder(), statefulWindowsResetAnywhere(),
                perStep(), sequencePreserving());
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

    /**
     * Windows in order, stateful, reset before the first batch and before any others a random mark picks: the
     * lineage cut where no layout of the post cuts it.
     */
    static Arbitrary<PlannedSamples> statefulWindowsResetAnywhere() {
        return windowed().flatMap(cut -> Combinators.combine(Arbitraries.of(divisors(cut.samples().size())),
                Arbitraries.longs()).as((b, seed) -> {
                    boolean[] resetBefore = new boolean[cut.samples().size() / b];
                    SplittableRandom random = new SplittableRandom(seed);
                    List<Boolean> marks = new ArrayList<>();
                    for (int k = 0; k < resetBefore.length; k++) {
                        resetBefore[k] = random.nextBoolean();
                        marks.add(resetBefore[k]);
                    }
                    return new PlannedSamples(Kind.STATEFUL_WINDOWS_RESET_ANYWHERE, cut.recipe() + ", B=" + b
                            + ", reset marks " + marks, cut.samples(),
                            BatchPlan.statefulInOrder(cut.samples().size(), b, resetBefore), List.copyOf(marks));
                }));
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

    /**
     * One-step samples of 1 to {@value #MAX_SEQUENCES} sequences of 1 to {@value #MAX_LENGTH} steps each, post-like
     * (step 0 is the target, the rest zeros) or random, laid out session-parallel on up to four rows.
     */
    static Arbitrary<PlannedSamples> sessionParallel() {
        return Combinators.combine(Arbitraries.integers().between(1, MAX_LENGTH).list().ofMinSize(1)
                        .ofMaxSize(MAX_SEQUENCES), Arbitraries.longs(), Arbitraries.of(true, false),
                Arbitraries.of(true, false)).flatAs((lengths, seed, postLike, resetRows) ->
                Arbitraries.integers().between(1, Math.min(4, lengths.size())).map(b -> {
                    List<Sample> steps = unequalSequences(lengths, seed, postLike);
                    return new PlannedSamples(resetRows ? Kind.SESSION_PARALLEL
                            : Kind.SESSION_PARALLEL_WITHOUT_ROW_RESETS, (postLike ? "post-like" : "random")
                            + " sequences of lengths " + lengths + ", seed " + seed + ", B=" + b, steps,
                            BatchPlan.sessionParallel(steps, b, resetRows));
                }));
    }

    /**
     * One-step samples of sequences of these lengths, in order: post-like (step 0 is the target, the rest 0, half of
     * them ones, as {@link VaryingLengthTask} draws the post's task), or, to exercise histories beyond one informative
     * step, random 0/1 steps and targets.
     */
    public static List<Sample> unequalSequences(List<Integer> lengths, long seed, boolean postLike) {
        int[] each = lengths.stream().mapToInt(Integer::intValue).toArray();
        SplittableRandom random = new SplittableRandom(seed);
        if (postLike) {
            return VaryingLengthTask.postLike(each, Task.drawTargets(each.length, HALF, random)).perStepSamples();
        }
        double[][] steps = new double[each.length][];
        int[] targets = new int[each.length];
        for (int sequence = 0; sequence < each.length; sequence++) {
            targets[sequence] = random.nextInt(2);
            steps[sequence] = random.ints(each[sequence], 0, 2).asDoubleStream().toArray();
        }
        return new VaryingLengthTask(steps, targets).perStepSamples();
    }

    /** The post's share of ones. */
    private static final double HALF = PostSetup.FRACTION_OF_ONES;

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
