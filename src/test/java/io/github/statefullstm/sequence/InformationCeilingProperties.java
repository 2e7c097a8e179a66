package io.github.statefullstm.sequence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.statefullstm.spec.Claim;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

@Label("The information ceiling")
class InformationCeilingProperties {

    @Provide
    Arbitrary<PlannedSamples> plansWhoseLineageReachesStepZero() {
        return net.jqwik.api.Arbitraries.oneOf(PlannedSamples.sequencePreserving(),
                PlannedSamples.perStep().filter(p -> p.plan().stateful()),
                PlannedSamples.sessionParallel().filter(p -> p.kind() == PlannedSamples.Kind.SESSION_PARALLEL));
    }

    @Property
    @Claim({"CEIL-1", "LINE-6"})
    @Label("the ceiling is the best constant answer per group of samples with the same history (brute force)")
    void theCeilingIsTheBestConstantAnswerPerGroupOfEqualHistories(
            @ForAll(supplier = PlannedSamples.AnyWithRowResets.class) PlannedSamples planned) {
        Map<List<Double>, long[]> targetsByHistory = HistoryGroups.targetsByHistory(planned.samples(), planned.plan());
        long bruteForce = HistoryGroups.bestConstantAnswers(targetsByHistory);
        Statistics.label("plan").collect(planned.kind());
        Statistics.label("distinct histories").collect(targetsByHistory.size() == 1 ? "1"
                : targetsByHistory.size() <= HistoryGroups.MAX_FOR_EXHAUSTIVE_SEARCH ? "2..12" : "13..");
        assertEquals(new InformationCeiling.Ceiling(bruteForce, planned.plan().sampleCount()),
                InformationCeiling.of(planned.samples(), planned.plan()), planned::toString);
    }

    @Property
    @Claim("CEIL-1")
    @Label("no answer function over the histories beats the ceiling, and one reaches it (exhaustive)")
    void noAnswerFunctionBeatsTheCeiling(@ForAll(supplier = PlannedSamples.AnyWithRowResets.class) PlannedSamples planned) {
        List<long[]> groups = new ArrayList<>(HistoryGroups.targetsByHistory(planned.samples(), planned.plan())
                .values());
        boolean small = groups.size() <= HistoryGroups.MAX_FOR_EXHAUSTIVE_SEARCH;
        Statistics.label("searched exhaustively").collect(small);
        if (small) {
            assertEquals(HistoryGroups.bestOfEveryAnswerFunction(groups),
                    InformationCeiling.of(planned.samples(), planned.plan()).reachable(), planned::toString);
        }
    }

    @Property
    @Claim("CEIL-2")
    @Label("on stateless windows of the post's task the closed form equals the exact ceiling")
    void theClosedFormEqualsTheExactCeilingOnStatelessWindows(
            @ForAll(supplier = WindowShape.Any.class) WindowShape shape) {
        Task task = shape.task().draw();
        List<Sample> windows = Windowing.windows(task, shape.window(), shape.stride());
        Statistics.label("w = T").collect(shape.window() == task.length());
        Statistics.label("balanced").collect(task.ones() == task.zeros());
        InformationCeiling.Ceiling exact = InformationCeiling.of(windows, BatchPlan.stateless(windows.size(), 64));
        InformationCeiling.Ceiling closed = InformationCeiling.windowedStateless(task.ones(), task.zeros(),
                task.length(), shape.window(), shape.stride());
        assertEquals(exact.value(), closed.value(), 0.0, shape::toString);
        assertEquals(exact.samples(), closed.samples(), shape::toString);
    }

    @Property
    @Claim("CEIL-3")
    @Label("no ceiling is below the majority-class rate or above 1")
    void theCeilingLiesBetweenTheMajorityRateAndOne(
            @ForAll(supplier = PlannedSamples.AnyWithRowResets.class) PlannedSamples planned) {
        InformationCeiling.Ceiling ceiling = InformationCeiling.of(planned.samples(), planned.plan());
        InformationCeiling.Ceiling majority = InformationCeiling.majorityRate(planned.samples(), planned.plan());
        Statistics.label("ceiling").collect(ceiling.value() == 1 ? "1" : ceiling.value() == majority.value()
                ? "majority rate" : "between");
        assertTrue(ceiling.value() >= majority.value() && ceiling.value() <= 1,
                () -> "ceiling " + ceiling + ", majority " + majority + " in " + planned);
    }

    @Property
    @Claim("CEIL-4")
    @Label("when every history reaches step 0 of the sample's own sequence, the post's task has ceiling 1")
    void aLineageThatReachesStepZeroHasCeilingOne(@ForAll("plansWhoseLineageReachesStepZero") PlannedSamples planned) {
        Statistics.label("plan").collect(planned.kind());
        boolean postLike = planned.samples().stream().allMatch(s -> s.start() > 0 ? allZero(s)
                : s.step(0) == s.target() && allZeroAfterFirst(s));
        Statistics.label("post's task").collect(postLike);
        if (postLike) {
            assertEquals(1.0, InformationCeiling.of(planned.samples(), planned.plan()).value(), planned::toString);
        }
    }

    @Property
    @Claim("CEIL-1")
    @Label("a plan that names a sample the list does not hold is refused, naming the index")
    void aPlanOverMissingSamplesIsRefused(@ForAll(supplier = PlannedSamples.Any.class) PlannedSamples planned) {
        List<Sample> allButLast = planned.samples().subList(0, planned.samples().size() - 1);
        int missing = allButLast.size();
        IllegalArgumentException refusal = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> InformationCeiling.of(allButLast, planned.plan()));
        TaskProperties.assertMentions(refusal, "sample index = " + missing, "[0, " + missing + ")");
    }

    @Property
    @Claim("CEIL-2")
    @Label("negative class counts, or no sequence at all, are refused, naming the count")
    void negativeOrNoSequencesAreRefused(@ForAll @net.jqwik.api.constraints.IntRange(min = -3, max = -1) int negative,
                                         @ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 5) int other) {
        TaskProperties.assertMentions(org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> InformationCeiling.windowedStateless(negative, other, 20, 10, 1)), "ones = " + negative, ">= 0");
        TaskProperties.assertMentions(org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> InformationCeiling.windowedStateless(other, negative, 20, 10, 1)), "zeros = " + negative, ">= 0");
        TaskProperties.assertMentions(org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> InformationCeiling.windowedStateless(0, 0, 20, 10, 1)), "sequences (ones + zeros) = 0", "> 0");
    }

    private static boolean allZero(Sample sample) {
        for (double step : sample.steps()) {
            if (step != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean allZeroAfterFirst(Sample sample) {
        for (int t = 1; t < sample.length(); t++) {
            if (sample.step(t) != 0) {
                return false;
            }
        }
        return true;
    }
}
