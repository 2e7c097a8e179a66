package io.github.statefullstm.rnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.statefullstm.spec.Claim;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * What "the state is zero" and "the same state" mean, which every reset and evaluation check relies on: any one
 * entry of h or of c is enough to make a state nonzero, and to make it another state.
 */
@Label("STATE-3: zero means every entry of h and c, and equal means equal in every entry")
class LstmStateProperties {

    @Provide
    Arbitrary<BatchScenario> scenarios() {
        return BatchScenario.any(1, 1);
    }

    @Property
    @Claim("STATE-3")
    @Label("a state with one entry of h or of c off zero is not zero, and is another state")
    void oneEntryOffZeroIsEnoughToBeNonzeroAndAnotherState(@ForAll("scenarios") BatchScenario s,
                                                           @ForAll boolean inH,
                                                           @ForAll @IntRange(min = 0, max = 100) int where) {
        int rows = s.rows();
        int units = s.spec().units();
        LstmState zero = LstmState.zeros(rows, units);
        assertTrue(zero.isZero(), "zeros(" + rows + ", " + units + ") is zero");
        assertEquals(zero, LstmState.zeros(rows, units), "two zero states of one shape are equal");
        assertEquals(zero.hashCode(), LstmState.zeros(rows, units).hashCode(), "equal states hash alike");
        int row = where % rows;
        int unit = where % units;
        double[][] h = new double[rows][units];
        double[][] c = new double[rows][units];
        (inH ? h : c)[row][unit] = s.state(0).h(row)[unit] == 0 ? 1 : s.state(0).h(row)[unit];
        LstmState oneEntry = new LstmState(h, c);
        String which = (inH ? "h" : "c") + "[" + row + "][" + unit + "] = " + (inH ? h : c)[row][unit];
        Statistics.label("entry in").collect(inH ? "h" : "c");
        assertFalse(oneEntry.isZero(), "a state with " + which + " is not zero");
        assertNotEquals(zero, oneEntry, "a state with " + which + " is not the zero state");
        assertNotEquals(oneEntry, new LstmState(c, h), "h and c swapped is another state, with " + which);
        assertEquals(oneEntry, new LstmState(h, c), "the same entries are the same state");
        assertTrue(oneEntry.toString().contains(String.valueOf((inH ? h : c)[row][unit])),
                () -> "a state shows its entries: " + oneEntry);
    }
}
