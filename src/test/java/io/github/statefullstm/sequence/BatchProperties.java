package io.github.statefullstm.sequence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.statefullstm.sequence.BatchPlan.Batch;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * One batch of a plan is a value: its rows (which sample sits on each) and whether the states are reset before it.
 * Two batches are the same batch exactly when both agree, and its text, which a counterexample shows, names both.
 */
@Label("A batch is its rows and its reset")
class BatchProperties {

    @Provide
    Arbitrary<Batch> batchesOfEveryLayout() {
        return PlannedSamples.any().flatMap(planned -> Arbitraries.of(planned.plan().batches()));
    }

    @Property
    void aBatchEqualsABatchOfTheSameRowsAndResetAndNoOther(@ForAll("batchesOfEveryLayout") Batch batch,
                                                           @ForAll @IntRange(min = 0, max = 100) int where) {
        Statistics.label("reset before").collect(batch.resetBefore());
        Batch same = new Batch(batch.rows(), batch.resetBefore());
        assertEquals(same, batch, "the same rows and reset");
        assertEquals(same.hashCode(), batch.hashCode(), "equal batches hash alike");
        assertNotEquals(new Batch(batch.rows(), !batch.resetBefore()), batch, "the same rows, the other reset");
        int[] rows = batch.rows();
        rows[where % rows.length]++;
        assertNotEquals(new Batch(rows, batch.resetBefore()), batch, "another sample on row " + where % rows.length);
    }

    @Property
    void aBatchsTextListsItsRowsAndSaysResetExactlyWhenTheStatesAreResetBeforeIt(
            @ForAll("batchesOfEveryLayout") Batch batch) {
        Statistics.label("reset before").collect(batch.resetBefore());
        String text = batch.toString();
        assertTrue(text.contains(Arrays.toString(batch.rows())), () -> "the rows in order: " + text);
        assertEquals(batch.resetBefore(), text.contains("reset"), () -> "reset before it: " + batch.resetBefore()
                + ", text: " + text);
    }
}
