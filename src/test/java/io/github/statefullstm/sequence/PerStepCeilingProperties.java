package io.github.statefullstm.sequence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.statefullstm.spec.Claim;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * The information ceiling of samples answered at chosen steps (CEIL-6, CEIL-7): one answer per answered step, each
 * from the history read up to that step, grouped and counted as the one-output ceiling groups samples.
 */
@Label("The information ceiling, one answer per answered step")
class PerStepCeilingProperties {

    /** A plan, and two disjoint choices of its answered steps, either of which may be empty. */
    record TwoChoices(PlannedSamples planned, List<Sample> first, List<Sample> second) {
        @Override
        public String toString() {
            return planned + ", first " + first + ", second " + second;
        }
    }

    @Provide
    Arbitrary<TwoChoices> twoDisjointChoicesOfAnsweredSteps() {
        return Combinators.combine(new PlannedSamples.AnyWithRowResets().get(), Arbitraries.longs())
                .as((planned, seed) -> {
                    SplittableRandom random = new SplittableRandom(seed);
                    List<Sample> first = new ArrayList<>();
                    List<Sample> second = new ArrayList<>();
                    for (Sample sample : planned.samples()) {
                        boolean[] a = new boolean[sample.length()];
                        boolean[] b = new boolean[sample.length()];
                        for (int t = 0; t < sample.length(); t++) {
                            int which = random.nextInt(3);
                            a[t] = which == 1;
                            b[t] = which == 2;
                        }
                        first.add(sample.answeredAt(a));
                        second.add(sample.answeredAt(b));
                    }
                    return new TwoChoices(planned, first, second);
                });
    }

    @Property
    @Claim("CEIL-6")
    @Label("answering each sample at its last step alone gives the ceiling of one answer per sample")
    void countingOnlyTheLastStepGivesTheCeilingOfOneAnswerPerSample(
            @ForAll(supplier = PlannedSamples.AnyWithRowResets.class) PlannedSamples planned) {
        List<Sample> lastStepMarked = new ArrayList<>();
        for (Sample sample : planned.samples()) {
            boolean[] last = new boolean[sample.length()];
            last[sample.length() - 1] = true;
            lastStepMarked.add(sample.answeredAt(last));
        }
        InformationCeiling.Ceiling marked = InformationCeiling.of(lastStepMarked, planned.plan());
        Statistics.label("plan").collect(planned.kind());
        assertEquals(InformationCeiling.of(planned.samples(), planned.plan()), marked, planned::toString);
        assertEquals(planned.plan().sampleCount(), marked.samples(), "one answer per sample");
        long oneAnswerPerSample = HistoryGroups.bestConstantAnswers(HistoryGroups.targetsByHistory(planned.samples(),
                planned.plan()));
        assertEquals(oneAnswerPerSample, marked.reachable(), planned::toString);
    }

    @Property
    @Claim("CEIL-6")
    @Label("the ceiling is the best constant answer per group of equal histories read up to each answered step"
            + " (brute force)")
    void theCeilingIsTheBestConstantAnswerPerGroupOfEqualHistoriesAtEveryAnsweredStep(
            @ForAll(supplier = AnsweredPlan.Any.class) AnsweredPlan answered) {
        Map<List<Double>, long[]> groups = HistoryGroups.targetsByHistory(answered.samples(), answered.plan());
        Statistics.label("marks").collect(answered.marking());
        Statistics.label("answers per sample").collect(answersPerPlannedSample(answered));
        InformationCeiling.Ceiling ceiling = InformationCeiling.of(answered.samples(), answered.plan());
        assertEquals(new InformationCeiling.Ceiling(HistoryGroups.bestConstantAnswers(groups),
                groups.values().stream().mapToLong(c -> c[0] + c[1]).sum()), ceiling, answered::toString);
    }

    @Property
    @Claim("CEIL-6")
    @Label("no answer function over the histories at the answered steps beats the ceiling, and one reaches it"
            + " (exhaustive)")
    void noAnswerFunctionBeatsTheCeilingAtChosenSteps(
            @ForAll(supplier = AnsweredPlan.Any.class) AnsweredPlan answered) {
        List<long[]> groups = new ArrayList<>(HistoryGroups.targetsByHistory(answered.samples(), answered.plan())
                .values());
        boolean small = groups.size() <= HistoryGroups.MAX_FOR_EXHAUSTIVE_SEARCH;
        Statistics.label("searched exhaustively").collect(small);
        if (small) {
            assertEquals(HistoryGroups.bestOfEveryAnswerFunction(groups),
                    InformationCeiling.of(answered.samples(), answered.plan()).reachable(), answered::toString);
        }
    }

    @Property
    @Claim("CEIL-6")
    @Label("the ceiling of answers lies between their majority-class rate and 1")
    void theCeilingOfAnswersLiesBetweenTheirMajorityRateAndOne(
            @ForAll(supplier = AnsweredPlan.Any.class) AnsweredPlan answered) {
        InformationCeiling.Ceiling ceiling = InformationCeiling.of(answered.samples(), answered.plan());
        InformationCeiling.Ceiling majority = InformationCeiling.majorityRate(answered.samples(), answered.plan());
        Statistics.label("ceiling").collect(ceiling.value() == 1 ? "1" : ceiling.value() == majority.value()
                ? "majority rate" : "between");
        assertEquals(ceiling.samples(), majority.samples(), "both count answers");
        assertTrue(ceiling.reachable() >= majority.reachable() && ceiling.reachable() <= ceiling.samples(),
                () -> "ceiling " + ceiling + ", majority " + majority + " in " + answered);
    }

    /**
     * Answers added to a plan join the groups of the histories they read: each group's majority can only grow, so the
     * right answers reachable never fall, and a group can only lose by holding both choices' answers, so together
     * they never reach more than apart. The rate is another matter (see the example below).
     */
    @Property
    @Claim("CEIL-6")
    @Label("answering at more steps never lowers the count of right answers reachable, nor adds more than the added"
            + " answers reach alone")
    void answeringAtMoreStepsNeverLowersTheRightAnswersReachableNorAddsMoreThanTheirOwn(
            @ForAll("twoDisjointChoicesOfAnsweredSteps") TwoChoices choices) {
        BatchPlan plan = choices.planned().plan();
        List<Sample> both = new ArrayList<>();
        for (int i = 0; i < choices.first().size(); i++) {
            Sample a = choices.first().get(i);
            Sample b = choices.second().get(i);
            boolean[] marks = new boolean[a.length()];
            for (int t = 0; t < marks.length; t++) {
                marks[t] = a.answered(t) || b.answered(t);
            }
            both.add(a.answeredAt(marks));
        }
        long first = reachable(choices.first(), plan);
        long second = reachable(choices.second(), plan);
        long together = reachable(both, plan);
        Statistics.label("together").collect(together == first + second ? "as apart" : "less than apart");
        assertTrue(together >= Math.max(first, second), () -> together + " < max(" + first + ", " + second + ") in "
                + choices);
        assertTrue(together <= first + second, () -> together + " > " + first + " + " + second + " in " + choices);
    }

    /**
     * Two stateless samples that differ only at their last step: answered there alone, each is told apart; answered at
     * their first step too, the first answers read the same history for both targets.
     */
    @Example
    @Claim("CEIL-6")
    void anEarlierAnswerCanLowerTheRateBelowTheCeilingOfTheLastStep() {
        List<Sample> lastStep = List.of(new Sample(0, 0, new double[] {0, 1}, 1), new Sample(1, 0, new double[] {0, 0},
                0));
        List<Sample> everyStep = lastStep.stream().map(s -> s.answeredAt(new boolean[] {true, true})).toList();
        BatchPlan plan = BatchPlan.stateless(2, 2);
        assertEquals(new InformationCeiling.Ceiling(2, 2), InformationCeiling.of(lastStep, plan));
        assertEquals(new InformationCeiling.Ceiling(3, 4), InformationCeiling.of(everyStep, plan));
    }

    @Example
    @Claim("CEIL-6")
    void aPlanAnsweredNowhereIsRefused() {
        List<Sample> nowhere = List.of(new Sample(0, 0, new double[] {1, 0}, 1).answeredAt(new boolean[2]));
        TaskProperties.assertMentions(assertThrows(IllegalArgumentException.class,
                () -> InformationCeiling.of(nowhere, BatchPlan.stateless(1, 1))), "answers = 0", "at least one");
    }

    /** The post's task cut into chunks of c steps (T a multiple of c), and a target period p that divides T. */
    record PeriodicChunks(TaskShape task, int chunk, int period, int batchSize) {
        @Override
        public String toString() {
            return task + " cut into chunks of " + chunk + ", a target every " + period + " steps, B=" + batchSize;
        }
    }

    @Provide
    Arbitrary<PeriodicChunks> postsTaskInChunksAnsweredEveryPeriodThatDividesTheChunk() {
        return periodicChunks(true);
    }

    @Provide
    Arbitrary<PeriodicChunks> postsTaskInChunksAnsweredEveryPeriodThatDividesT() {
        return periodicChunks(false);
    }

    private static Arbitrary<PeriodicChunks> periodicChunks(boolean periodDividesTheChunk) {
        return Combinators.combine(Arbitraries.integers().between(1, 6), Arbitraries.integers().between(1, 4),
                Arbitraries.integers().between(1, 6), Arbitraries.integers().between(1, 8), TaskShape.fractions(),
                Arbitraries.longs()).flatAs((chunk, chunks, batchSize, groups, fraction, seed) -> Arbitraries.of(
                        PlannedSamples.divisors(periodDividesTheChunk ? chunk : chunk * chunks)).map(period ->
                        new PeriodicChunks(new TaskShape(batchSize * groups, chunk * chunks, fraction, seed), chunk,
                                period, batchSize)));
    }

    @Property
    @Claim("CEIL-7")
    @Label("on the post's task, stateless chunks answered every p steps, p dividing the chunk, have the one-output"
            + " ceiling of those chunks: (n1 + max(m n0, (m - 1) n1)) / (m N)")
    void statelessChunksAnsweredEveryPeriodThatDividesTheChunkHaveTheCeilingOfOneAnswerPerChunk(
            @ForAll("postsTaskInChunksAnsweredEveryPeriodThatDividesTheChunk") PeriodicChunks shape) {
        Task task = shape.task().draw();
        List<Sample> answered = Windowing.windows(task, shape.chunk(), shape.chunk()).stream()
                .map(chunk -> chunk.answeredEvery(shape.period())).toList();
        Statistics.label("answers per chunk").collect(shape.chunk() / shape.period());
        Statistics.label("balanced").collect(task.ones() == task.zeros());
        InformationCeiling.Ceiling exact = InformationCeiling.of(answered, BatchPlan.stateless(answered.size(),
                shape.batchSize()));
        InformationCeiling.Ceiling closed = InformationCeiling.windowedStateless(task.ones(), task.zeros(),
                task.length(), shape.chunk(), shape.chunk());
        assertEquals(closed.value(), exact.value(), 0.0, shape::toString);
        assertEquals(closed.samples() * (shape.chunk() / shape.period()), exact.samples(), shape::toString);
    }

    @Property
    @Claim("CEIL-7")
    @Label("on the post's task, chunks kept on their rows answered every p steps, p dividing T, have ceiling 1")
    void sequencePreservingChunksAnsweredEveryPeriodHaveCeilingOne(
            @ForAll("postsTaskInChunksAnsweredEveryPeriodThatDividesT") PeriodicChunks shape) {
        Task task = shape.task().draw();
        List<Sample> chunks = Windowing.windows(task, shape.chunk(), shape.chunk());
        List<Sample> answered = chunks.stream().map(chunk -> chunk.answeredEvery(shape.period())).toList();
        Statistics.label("period against chunk").collect(shape.period() == shape.chunk() ? "equal"
                : shape.period() < shape.chunk() ? "shorter" : "longer");
        InformationCeiling.Ceiling ceiling = InformationCeiling.of(answered, BatchPlan.sequencePreserving(chunks,
                shape.batchSize()));
        assertEquals((long) task.size() * task.length() / shape.period(), ceiling.samples(), shape::toString);
        assertEquals(1.0, ceiling.value(), shape::toString);
    }

    /**
     * The post's T = 20 in stateless chunks of 10, a target every 10 or every 5 steps, with balanced classes: every
     * answer in a sequence's first chunk has read its step 0, none in its second, whose half of the answers is all
     * that a constant can get right.
     */
    @Example
    @Claim("CEIL-7")
    void thePostsTaskInStatelessChunksOfTenAnsweredEveryTenOrFiveStepsHasCeilingThreeQuarters() {
        Task task = PostSetup.task(1);
        for (int period : new int[] {10, 5}) {
            List<Sample> answered = Windowing.windows(task, 10, 10).stream().map(c -> c.answeredEvery(period))
                    .toList();
            InformationCeiling.Ceiling ceiling = InformationCeiling.of(answered, BatchPlan.stateless(answered.size(),
                    answered.size()));
            assertEquals(0.75, ceiling.value(), "a target every " + period + " steps");
            assertEquals((long) PostSetup.SEQUENCES * (PostSetup.LENGTH / period), ceiling.samples());
        }
    }

    /** Right answers reachable; none where nothing is answered, which the ceiling itself refuses to divide. */
    private static long reachable(List<Sample> samples, BatchPlan plan) {
        boolean any = plan.batches().stream().anyMatch(b -> java.util.Arrays.stream(b.rows())
                .anyMatch(i -> samples.get(i).answers() > 0));
        return any ? InformationCeiling.of(samples, plan).reachable() : 0;
    }

    private static String answersPerPlannedSample(AnsweredPlan answered) {
        int most = 0;
        for (BatchPlan.Batch batch : answered.plan().batches()) {
            for (int i : batch.rows()) {
                most = Math.max(most, answered.samples().get(i).answers());
            }
        }
        return most <= 1 ? "at most 1" : "2 or more";
    }
}
