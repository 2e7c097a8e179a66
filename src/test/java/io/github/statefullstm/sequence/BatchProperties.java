package io.github.statefullstm.sequence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.statefullstm.sequence.BatchPlan.Batch;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * One batch of a plan is a value: its rows (which sample sits on each), whether the states of every row are reset
 * before it, and which rows are reset alone. Two batches are the same batch exactly when all three agree, and its
 * text, which a counterexample shows, names them.
 */
@Label("A batch is its rows and its resets")
class BatchProperties {

    @Provide
    Arbitrary<Batch> batchesOfEveryLayout() {
        return Arbitraries.oneOf(PlannedSamples.any(), PlannedSamples.sessionParallel())
                .flatMap(planned -> Arbitraries.of(planned.plan().batches()));
    }

    @Property
    void aBatchEqualsABatchOfTheSameRowsAndResetsAndNoOther(@ForAll("batchesOfEveryLayout") Batch batch,
                                                           @ForAll @IntRange(min = 0, max = 100) int where) {
        Statistics.label("reset before").collect(batch.resetBefore());
        Statistics.label("rows reset alone").collect(batch.resetRows().length);
        Batch same = new Batch(batch.rows(), batch.resetBefore(), batch.resetRows());
        assertEquals(same, batch, "the same rows and resets");
        assertEquals(same.hashCode(), batch.hashCode(), "equal batches hash alike");
        assertNotEquals(new Batch(batch.rows(), !batch.resetBefore(), batch.resetRows()), batch,
                "the same rows, the other reset");
        int[] otherRowResets = batch.resetRows().length == 0 ? new int[] {where % batch.size()} : new int[0];
        assertNotEquals(new Batch(batch.rows(), batch.resetBefore(), otherRowResets), batch,
                "the same rows, other rows reset alone");
        int[] rows = batch.rows();
        rows[where % rows.length]++;
        assertNotEquals(new Batch(rows, batch.resetBefore(), batch.resetRows()), batch,
                "another sample on row " + where % rows.length);
    }

    @Example
    void rowsResetAloneMustBeRowsOfTheBatchAscendingAndEachOnce() {
        int[] rows = {7, 8, 9};
        assertEquals(2, new Batch(rows, false, new int[] {0, 2}).resetRows().length,
                "rows 0 and 2 may be reset alone");
        for (int[] bad : new int[][] {{-1}, {3}, {2, 1}, {1, 1}}) {
            IllegalArgumentException refusal = assertThrows(IllegalArgumentException.class,
                    () -> new Batch(rows, false, bad));
            assertTrue(refusal.getMessage().startsWith("reset rows = " + Arrays.toString(bad)), refusal::getMessage);
            assertTrue(refusal.getMessage().contains("[0, 3), ascending and each once"), refusal::getMessage);
        }
    }

    @Property
    void aBatchsTextListsItsRowsAndSaysResetExactlyWhenStatesAreResetBeforeIt(
            @ForAll("batchesOfEveryLayout") Batch batch) {
        Statistics.label("reset before").collect(batch.resetBefore());
        String text = batch.toString();
        assertTrue(text.contains(Arrays.toString(batch.rows())), () -> "the rows in order: " + text);
        assertEquals(batch.resetBefore() || batch.resetRows().length > 0, text.contains("reset"),
                () -> "reset before it: " + batch.resetBefore() + ", text: " + text);
        assertEquals(batch.resetRows().length > 0, text.contains("reset rows " + Arrays.toString(batch.resetRows())),
                () -> "rows reset alone: " + Arrays.toString(batch.resetRows()) + ", text: " + text);
    }
}
