package io.github.statefullstm.rnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.statefullstm.rnn.reference.ReferenceEngine;
import io.github.statefullstm.spec.Claim;
import java.util.Arrays;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * What a GRU and a stack are to the rest of the code: a state of every layer of every row, the layers side by side in
 * each row's vectors, and weights of every layer in Keras' order; and the scenarios every engine-neutral suite draws
 * cover both cells and both depths, so that each of their claims is checked on each shape.
 */
@Label("A model's cell and depth")
class ModelShapesProperties {

    @Provide
    Arbitrary<BatchScenario> scenarios() {
        return BatchScenario.any(1, 1);
    }

    @Property
    @Claim("SHAPE-2")
    @Label("the scenarios every engine-neutral suite draws cover an LSTM and a GRU, one layer and two")
    void theScenariosOfTheSharedSuitesCoverBothCellsAndBothDepths(@ForAll("scenarios") BatchScenario s) {
        s.collectShape();
        Statistics.label("cell").coverage(coverage -> {
            coverage.check(Cell.LSTM).percentage(p -> p > 25);
            coverage.check(Cell.GRU).percentage(p -> p > 25);
        });
        Statistics.label("layers").coverage(coverage -> {
            coverage.check(1).percentage(p -> p > 25);
            coverage.check(2).percentage(p -> p > 25);
        });
        assertTrue(s.state(0).fits(s.spec()), "a scenario's states fit its model: " + s);
    }

    @Property
    @Claim("SHAPE-1")
    @Label("a row's state holds every layer side by side, and a layer read back is the layer put in")
    void aRowsStateHoldsEveryLayerSideBySide(@ForAll("scenarios") BatchScenario s,
                                              @ForAll @IntRange(min = 0, max = 100) int where) {
        LstmState state = s.state(where);
        int units = s.spec().units();
        Statistics.label("layers").collect(state.layers());
        Statistics.label("cell").collect(s.spec().cell());
        assertEquals(s.spec().layers(), state.layers());
        assertEquals(s.spec().cell().carriesCell(), state.hasCell());
        double[][][] h = new double[state.layers()][][];
        double[][][] c = new double[state.layers()][][];
        for (int layer = 0; layer < state.layers(); layer++) {
            LstmState one = state.layer(layer);
            h[layer] = one.h();
            c[layer] = one.c();
            for (int row = 0; row < state.rows(); row++) {
                assertArrayEquals(Arrays.copyOfRange(state.h(row), layer * units, (layer + 1) * units), one.h(row),
                        "layer " + layer + "'s h of row " + row);
            }
        }
        assertEquals(state, LstmState.ofLayers(h, state.hasCell() ? c : null), "the layers joined again");
        int row = where % state.rows();
        assertEquals(state.row(row).layers(), state.layers(), "a row alone keeps its layers");
        assertArrayEquals(state.h(row), state.row(row).h(0), "a row alone is that row, every layer");
        assertEquals(state, state.withRow(row, state, row), "a row put back in its place changes nothing");
    }

    @Property
    @Claim("SHAPE-1")
    @Label("resetStates() zeroes every layer of every row, and resetRow(i) every layer of row i alone")
    void aResetZeroesEveryLayer(@ForAll("scenarios") BatchScenario s, @ForAll @IntRange(min = 0, max = 100) int where) {
        s.collectShape();
        LstmModel model = new ReferenceEngine().build(s.statefulConfig());
        model.resetStates(s.state(1));
        int row = where % s.rows();
        model.resetRow(row);
        LstmState afterRow = model.states();
        assertTrue(afterRow.row(row).isZero(), "row " + row + " is zero in every layer after resetRow");
        for (int other = 0; other < s.rows(); other++) {
            if (other != row) {
                assertArrayEquals(s.state(1).h(other), afterRow.h(other), "row " + other + " kept every layer");
            }
        }
        model.resetStates();
        assertTrue(model.states().isZero(), "every layer of every row is zero after resetStates()");
        assertEquals(s.spec().layers(), model.states().layers(), "and still has every layer");
    }

    @Property
    @Claim("SHAPE-1")
    @Label("weights hold every layer in Keras' order, and flatten and unflatten are inverse for every cell and depth")
    void weightsHoldEveryLayerInKerasOrder(@ForAll("scenarios") BatchScenario s) {
        s.collectShape();
        LstmSpec spec = s.spec();
        LstmWeights w = new ReferenceEngine().build(s.statelessConfig()).getWeights();
        assertTrue(w.fits(spec), w + " fits " + spec);
        assertEquals(LstmWeights.parameterCount(spec), w.parameterCount());
        assertEquals(w, LstmWeights.unflatten(spec, w.flatten()));
        int width = spec.cell().gates() * spec.units();
        for (int layer = 0; layer < spec.layers(); layer++) {
            assertEquals(spec.inputsOf(layer), w.kernel(layer).length, "layer " + layer + " reads its inputs");
            assertEquals(width, w.kernel(layer)[0].length, "a kernel's gate blocks");
            assertEquals(width, w.bias(layer).length, "a bias's gate blocks");
        }
        assertFalse(w.fits(spec.withLayers(spec.layers() + 1)), "another depth does not fit");
        Cell other = spec.cell() == Cell.LSTM ? Cell.GRU : Cell.LSTM;
        assertFalse(w.fits(spec.withCell(other)), "another cell does not fit");
    }
}
