package io.github.statefullstm.sequence;

import static io.github.statefullstm.sequence.TaskProperties.assertMentions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.statefullstm.spec.Claim;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;

@Label("The one-step-at-a-time feed")
class PerStepFeedProperties {

    @Property
    @Claim("STEP-1")
    @Label("a sequence of length T becomes T one-step samples in order, each with the sequence's target")
    void aSequenceBecomesOneSampleperStepWithItsTarget(@ForAll(supplier = TaskShape.Any.class) TaskShape shape) {
        Task task = shape.draw();
        PerStepFeed feed = PerStepFeed.of(task);
        Statistics.label("samples").collect(feed.size() <= 50 ? "..50" : feed.size() <= 300 ? "51..300" : "301..");
        assertEquals(task.size() * task.length(), feed.size(), shape::toString);
        for (int i = 0; i < feed.size(); i++) {
            Sample sample = feed.samples().get(i);
            int sequence = i / task.length();
            int t = i % task.length();
            assertEquals(new Sample(sequence, t, new double[] {task.step(sequence, t)}, task.target(sequence)), sample,
                    "sample " + i + " of " + shape);
        }
    }

    @Property
    @Claim("STEP-2")
    @Label("the state is reset after the last step of each sequence, and nowhere else")
    void theStateIsResetAfterEachSequenceAndNowhereElse(@ForAll(supplier = TaskShape.Any.class) TaskShape shape) {
        Task task = shape.draw();
        PerStepFeed feed = PerStepFeed.of(task);
        Statistics.label("T").collect(task.length() == 1 ? "1: every sample ends a sequence" : "2..");
        Statistics.label("sequences").collect(task.size() == 1 ? "1" : "2..");
        for (int i = 0; i < feed.size(); i++) {
            assertEquals(i % task.length() == task.length() - 1, feed.resetAfter(i), "reset marker after sample " + i);
        }
    }

    @Property
    @Claim("STEP-2")
    @Label("the markers as an array say the same as marker by marker")
    void theMarkersAsAnArrayAreTheMarkersOneByOne(@ForAll(supplier = TaskShape.Any.class) TaskShape shape) {
        PerStepFeed feed = PerStepFeed.of(shape.draw());
        boolean[] markers = feed.resetAfter();
        assertEquals(feed.size(), markers.length, shape::toString);
        for (int i = 0; i < feed.size(); i++) {
            assertEquals(feed.resetAfter(i), markers[i], "reset marker after sample " + i + " of " + shape);
        }
    }

    @Property
    @Claim("STEP-1")
    @Label("one-step samples are equal only when sequence, step, value and target all are")
    void samplesThatDifferInAnyFieldAreNotEqual(@ForAll(supplier = TaskShape.Any.class) TaskShape shape) {
        Sample sample = PerStepFeed.of(shape.draw()).samples().get(0);
        double value = sample.step(0);
        Sample same = new Sample(sample.sequence(), sample.start(), new double[] {value}, sample.target());
        assertEquals(sample, same, shape::toString);
        assertEquals(sample.hashCode(), same.hashCode(), "equal samples hash alike: " + shape);
        for (Sample other : List.of(
                new Sample(sample.sequence() + 1, sample.start(), new double[] {value}, sample.target()),
                new Sample(sample.sequence(), sample.start() + 1, new double[] {value}, sample.target()),
                new Sample(sample.sequence(), sample.start(), new double[] {value + 1}, sample.target()),
                new Sample(sample.sequence(), sample.start(), new double[] {value}, 1 - sample.target()))) {
            assertNotEquals(sample, other, () -> other + " should differ from " + sample);
        }
    }

    @Property
    @Claim("STEP-3")
    @Label("a feed that is no sequence is refused: markers not one per sample, no reset at the end, a sample of "
            + "several steps, or a target that changes within a sequence")
    void aFeedThatIsNoSequenceIsRefused(@ForAll(supplier = TaskShape.Any.class) TaskShape shape) {
        PerStepFeed feed = PerStepFeed.of(shape.draw());
        List<Sample> samples = feed.samples();
        boolean[] markers = feed.resetAfter();
        int last = feed.size() - 1;
        assertMentions(assertThrows(IllegalArgumentException.class,
                () -> new PerStepFeed(samples, java.util.Arrays.copyOf(markers, last))),
                "resetAfter = " + last, "one marker per sample");
        assertMentions(assertThrows(IllegalArgumentException.class, () -> new PerStepFeed(samples, null)),
                "resetAfter = null");
        assertMentions(assertThrows(IllegalArgumentException.class,
                () -> new PerStepFeed(List.of(), new boolean[0]).toTask()), "resetAfter of the last sample = none");
        boolean[] noFinalReset = markers.clone();
        noFinalReset[last] = false;
        assertMentions(assertThrows(IllegalArgumentException.class,
                () -> new PerStepFeed(samples, noFinalReset).toTask()),
                "resetAfter of the last sample = false", "must end with a reset");
        List<Sample> longLast = new ArrayList<>(samples);
        Sample end = samples.get(last);
        longLast.set(last, new Sample(end.sequence(), end.start(), new double[] {end.step(0), 0}, end.target()));
        assertMentions(assertThrows(IllegalArgumentException.class, () -> new PerStepFeed(longLast, markers).toTask()),
                "length of sample " + last + " = 2", "one step");
        Statistics.label("T").collect(shape.length() == 1 ? "1" : "2..");
        if (shape.length() > 1) {
            List<Sample> turning = new ArrayList<>(samples);
            turning.set(last, new Sample(end.sequence(), end.start(), end.steps(), 1 - end.target()));
            assertMentions(assertThrows(IllegalArgumentException.class,
                    () -> new PerStepFeed(turning, markers).toTask()),
                    "target of sample " + last + " = " + (1 - end.target()), "earlier steps of its sequence");
        }
    }

    @Property
    @Claim("STEP-3")
    @Label("the feed is reversible: the samples between resets rebuild the sequences")
    void theFeedRebuildsItsSequences(@ForAll(supplier = TaskShape.Any.class) TaskShape shape) {
        Task task = shape.draw();
        Statistics.label("T").collect(task.length() == 1 ? "1" : task.length() <= 10 ? "2..10" : "11..");
        Statistics.label("sequences").collect(task.size() == 1 ? "1" : task.size() <= 10 ? "2..10" : "11..");
        assertEquals(task, PerStepFeed.of(task).toTask(), shape::toString);
    }
}
