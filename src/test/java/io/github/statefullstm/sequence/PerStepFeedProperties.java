package io.github.statefullstm.sequence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.statefullstm.spec.Claim;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

@Label("The one-step-at-a-time feed")
class PerStepFeedProperties {

    @Provide
    Arbitrary<TaskShape> taskShapes() {
        return TaskShape.any();
    }

    @Property
    @Claim("STEP-1")
    @Label("a sequence of length T becomes T one-step samples in order, each with the sequence's target")
    void aSequenceBecomesOneSampleperStepWithItsTarget(@ForAll("taskShapes") TaskShape shape) {
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
    void theStateIsResetAfterEachSequenceAndNowhereElse(@ForAll("taskShapes") TaskShape shape) {
        Task task = shape.draw();
        PerStepFeed feed = PerStepFeed.of(task);
        Statistics.label("T").collect(task.length() == 1 ? "1: every sample ends a sequence" : "2..");
        Statistics.label("sequences").collect(task.size() == 1 ? "1" : "2..");
        for (int i = 0; i < feed.size(); i++) {
            assertEquals(i % task.length() == task.length() - 1, feed.resetAfter(i), "reset marker after sample " + i);
        }
    }

    @Property
    @Claim("STEP-3")
    @Label("the feed is reversible: the samples between resets rebuild the sequences")
    void theFeedRebuildsItsSequences(@ForAll("taskShapes") TaskShape shape) {
        Task task = shape.draw();
        Statistics.label("T").collect(task.length() == 1 ? "1" : task.length() <= 10 ? "2..10" : "11..");
        Statistics.label("sequences").collect(task.size() == 1 ? "1" : task.size() <= 10 ? "2..10" : "11..");
        assertEquals(task, PerStepFeed.of(task).toTask(), shape::toString);
    }
}
