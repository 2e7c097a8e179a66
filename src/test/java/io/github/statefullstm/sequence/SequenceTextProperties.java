package io.github.statefullstm.sequence;

import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;

/**
 * What a task, a sample and a ceiling say of themselves, where a failed property shows them: enough to find the
 * thing again without a debugger.
 */
@Label("Tasks, samples and ceilings name what they are")
class SequenceTextProperties {

    @Property
    void aTasksTextGivesItsSizeLengthAndOnes(@ForAll(supplier = TaskShape.Any.class) TaskShape shape) {
        Task task = shape.draw();
        Statistics.label("ones").collect(task.ones() == 0 ? "none" : task.zeros() == 0 ? "all" : "some");
        String text = task.toString();
        for (String part : new String[] {"N=" + task.size(), "T=" + task.length(), "ones=" + task.ones()}) {
            assertTrue(text.contains(part), () -> "\"" + part + "\" in " + text + " of " + shape);
        }
    }

    @Property
    void aSamplesTextGivesItsSequenceItsStepsAndItsTarget(
            @ForAll(supplier = PlannedSamples.Any.class) PlannedSamples planned) {
        Statistics.label("layout").collect(planned.kind());
        for (Sample sample : planned.samples()) {
            String text = sample.toString();
            for (String part : new String[] {"sequence=" + sample.sequence(),
                    "[" + sample.start() + ", " + sample.end() + ")", "target=" + sample.target()}) {
                assertTrue(text.contains(part), () -> "\"" + part + "\" in " + text);
            }
        }
    }

    @Property
    void aCeilingsTextGivesItsFraction(@ForAll(supplier = PlannedSamples.Any.class) PlannedSamples planned) {
        Statistics.label("layout").collect(planned.kind());
        InformationCeiling.Ceiling ceiling = InformationCeiling.of(planned.samples(), planned.plan());
        String text = ceiling.toString();
        assertTrue(text.contains(ceiling.reachable() + "/" + ceiling.samples()), () -> "the fraction in " + text);
    }
}
