package io.github.statefullstm.sequence;

import static io.github.statefullstm.sequence.TaskProperties.assertMentions;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.statefullstm.spec.Claim;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

@Label("Windowing (the post's prepare_sequences)")
class WindowingProperties {

    /** Strides longer than the window, so some steps fall between windows. */
    @Provide
    Arbitrary<WindowShape> gappedWindowShapes() {
        return Combinators.combine(Arbitraries.integers().between(1, 5), Arbitraries.integers().between(1, 5),
                Arbitraries.longs()).as((w, gap, seed) -> new WindowShape(new TaskShape(3, 2 * w + gap, 0.5, seed),
                w, w + gap));
    }

    @Property
    @Claim("WIN-1")
    @Label("N sequences give N * ((T - w) / s + 1) windows")
    void windowCountIsNTimesWindowsPerSequence(@ForAll(supplier = WindowShape.Any.class) WindowShape shape) {
        List<Sample> windows = Windowing.windows(shape.task().draw(), shape.window(), shape.stride());
        collectWindowing(shape);
        assertEquals(shape.task().sequences() * ((shape.task().length() - shape.window()) / shape.stride() + 1),
                windows.size(), shape::toString);
    }

    @Property
    @Claim("WIN-2")
    @Label("each window equals its slice of its sequence and keeps its sequence's target")
    void eachWindowEqualsItsSliceAndKeepsItsTarget(@ForAll(supplier = WindowShape.Any.class) WindowShape shape) {
        Task task = shape.task().draw();
        collectWindowing(shape);
        for (Sample window : Windowing.windows(task, shape.window(), shape.stride())) {
            assertEquals(shape.window(), window.length(), window::toString);
            assertArrayEquals(Arrays.copyOfRange(task.steps(window.sequence()), window.start(), window.end()),
                    window.steps(), () -> window + " of " + shape);
            assertEquals(task.target(window.sequence()), window.target(), () -> window + " of " + shape);
        }
    }

    @Property
    @Claim("WIN-3")
    @Label("windows come sequence by sequence, then by offset, every s steps from 0")
    void windowsComeSequenceBySequenceThenByOffset(@ForAll(supplier = WindowShape.Any.class) WindowShape shape) {
        List<Sample> windows = Windowing.windows(shape.task().draw(), shape.window(), shape.stride());
        int perSequence = shape.windowsPerSequence();
        collectWindowing(shape);
        Statistics.label("sequences").collect(shape.task().sequences() == 1 ? "1" : "2..");
        for (int i = 0; i < windows.size(); i++) {
            assertEquals(i / perSequence, windows.get(i).sequence(), "sequence of window " + i + " of " + shape);
            assertEquals(i % perSequence * shape.stride(), windows.get(i).start(),
                    "start of window " + i + " of " + shape);
        }
    }

    @Property
    @Claim("WIN-4")
    @Label("windows that cover their sequences rebuild them exactly")
    void coveringWindowsRebuildTheirSequences(@ForAll(supplier = WindowShape.Covering.class) WindowShape shape) {
        Task task = shape.task().draw();
        Statistics.label("overlap").collect(shape.stride() < shape.window() ? "overlapping" : "touching");
        assertEquals(task, Windowing.reassemble(Windowing.windows(task, shape.window(), shape.stride()), task.length()),
                shape::toString);
    }

    @Property
    @Claim("WIN-5")
    @Label("windows that leave a step uncovered are refused, naming the step")
    void windowsThatLeaveAStepUncoveredAreRefused(@ForAll("gappedWindowShapes") WindowShape shape) {
        Task task = shape.task().draw();
        List<Sample> windows = Windowing.windows(task, shape.window(), shape.stride());
        Statistics.label("steps between windows").collect(shape.stride() - shape.window());
        IllegalArgumentException refusal = assertThrows(IllegalArgumentException.class,
                () -> Windowing.reassemble(windows, task.length()));
        assertMentions(refusal, "step " + shape.window() + " of sequence 0", "uncovered", "cover every step");
    }

    @Property
    @Claim("WIN-5")
    @Label("w <= 0, w > T or s <= 0 is refused, naming the parameter, its value and the rule")
    void badWindowShapesAreRefused(@ForAll @IntRange(min = 1, max = 30) int length,
                                   @ForAll @IntRange(min = -3, max = 0) int nonPositive,
                                   @ForAll @IntRange(min = 1, max = 5) int excess) {
        Task task = Task.generate(2, length, 0.5, 7);
        Statistics.label("w and s").collect(nonPositive == 0 ? "0" : "negative");
        Statistics.label("w past T by").collect(excess);
        assertMentions(assertThrows(IllegalArgumentException.class, () -> Windowing.windows(task, nonPositive, 1)),
                "window length (w) = " + nonPositive, "[1, T = " + length + "]");
        assertMentions(assertThrows(IllegalArgumentException.class,
                () -> Windowing.windows(task, length + excess, 1)), "window length (w) = " + (length + excess));
        assertMentions(assertThrows(IllegalArgumentException.class, () -> Windowing.windows(task, 1, nonPositive)),
                "stride (s) = " + nonPositive, "> 0");
    }

    @Property
    @Claim("WIN-5")
    @Label("overlapping windows that disagree are refused")
    void overlappingWindowsThatDisagreeAreRefused(@ForAll @IntRange(min = 2, max = 10) int length) {
        Statistics.label("steps the two windows share").collect(length - 1);
        List<Sample> windows = List.of(new Sample(0, 0, new double[length], 0),
                new Sample(0, 1, onesOfLength(length), 0));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Windowing.reassemble(windows, length + 1))
                .getMessage().contains("overlapping windows must agree"));
    }

    @Property
    @Claim("WIN-5")
    @Label("T <= 0 is refused, naming T, before the window is compared with it")
    void aNonPositiveSequenceLengthIsRefused(@ForAll @IntRange(min = -3, max = 0) int length) {
        assertMentions(assertThrows(IllegalArgumentException.class, () -> Windowing.windowsPerSequence(length, 1, 1)),
                "sequence length (T) = " + length, "> 0");
    }

    @Property
    @Claim("WIN-5")
    @Label("no windows, a non-positive length, a window past the end or targets that differ within a sequence are "
            + "refused, naming the window")
    void windowsThatCannotRebuildOneSequenceAreRefused(
            @ForAll(supplier = WindowShape.Covering.class) WindowShape shape) {
        Task task = shape.task().draw();
        List<Sample> windows = Windowing.windows(task, shape.window(), shape.stride());
        Statistics.label("windows").collect(windows.size() == 1 ? "1" : "2..");
        assertMentions(assertThrows(IllegalArgumentException.class, () -> Windowing.reassemble(List.of(), 1)),
                "windows = []", "at least one window");
        assertMentions(assertThrows(IllegalArgumentException.class, () -> Windowing.reassemble(null, 1)),
                "windows = null");
        assertMentions(assertThrows(IllegalArgumentException.class, () -> Windowing.reassemble(windows, 0)),
                "sequenceLength = 0", "> 0");
        if (task.length() > 1) {
            Sample pastTheEnd = windows.stream().filter(w -> w.end() == task.length()).findFirst().orElseThrow();
            assertMentions(assertThrows(IllegalArgumentException.class,
                    () -> Windowing.reassemble(windows, task.length() - 1)),
                    "window " + pastTheEnd + " = " + pastTheEnd.end(),
                    "end within sequenceLength = " + (task.length() - 1));
        }
        Sample first = windows.get(0);
        Sample otherTarget = new Sample(first.sequence(), first.start(), first.steps(), 1 - first.target());
        List<Sample> disagreeing = new java.util.ArrayList<>(windows);
        disagreeing.add(otherTarget);
        assertMentions(assertThrows(IllegalArgumentException.class,
                () -> Windowing.reassemble(disagreeing, task.length())),
                "target of window " + otherTarget + " = " + otherTarget.target(), "other windows of sequence 0");
    }

    @Property
    @Claim("WIN-5")
    @Label("a sample with a negative sequence or start, no steps, or a target other than 0 or 1 is refused")
    void aMalformedSampleIsRefused(@ForAll @IntRange(min = -3, max = -1) int negative,
                                   @ForAll @IntRange(min = 2, max = 5) int notBinary) {
        double[] oneStep = {0};
        assertMentions(assertThrows(IllegalArgumentException.class, () -> new Sample(negative, 0, oneStep, 0)),
                "sequence = " + negative, ">= 0");
        assertMentions(assertThrows(IllegalArgumentException.class, () -> new Sample(0, negative, oneStep, 0)),
                "start = " + negative, ">= 0");
        assertMentions(assertThrows(IllegalArgumentException.class, () -> new Sample(0, 0, null, 0)),
                "steps = null", "at least one step");
        assertMentions(assertThrows(IllegalArgumentException.class, () -> new Sample(0, 0, new double[0], 0)),
                "steps = 0", "at least one step");
        assertMentions(assertThrows(IllegalArgumentException.class, () -> new Sample(0, 0, oneStep, notBinary)),
                "target = " + notBinary, "0 or 1");
        assertMentions(assertThrows(IllegalArgumentException.class, () -> new Sample(0, 0, oneStep, -notBinary)),
                "target = " + -notBinary);
    }

    /** How many windows a sequence gives, and how they sit: the post's stride 1, overlapping or touching, or gapped. */
    private static void collectWindowing(WindowShape shape) {
        Statistics.label("windows per sequence").collect(shape.windowsPerSequence() == 1 ? "1"
                : shape.windowsPerSequence() <= 5 ? "2..5" : "6..");
        Statistics.label("stride").collect(shape.stride() == 1 ? "1 (the post)" : shape.stride() <= shape.window()
                ? "overlapping or touching" : "gapped");
    }

    private static double[] onesOfLength(int length) {
        double[] ones = new double[length];
        Arrays.fill(ones, 1);
        return ones;
    }
}
