package io.github.statefullstm.rnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.statefullstm.spec.Claim;
import java.util.List;
import net.jqwik.api.Example;
import net.jqwik.api.Label;

/**
 * A state, weights or an architecture of a shape no model has is refused where it is made, naming the value and the
 * rule; and what a shape says of itself (its name, its text, whether it fits a model) is its own.
 */
@Label("SHAPE-1: a cell and a depth are checked where they are made")
class ShapeRefusalExamples {

    private static final LstmSpec TWO_GRU_LAYERS = new LstmSpec(2, 3, GateActivation.SIGMOID, Cell.GRU, 2);

    @Example
    @Claim("SHAPE-1")
    void aCellIsNamedByItsIdInAnyCaseAndNoOtherNameIsACell() {
        assertEquals(Cell.GRU, Cell.of("GRU"));
        assertEquals(Cell.LSTM, Cell.of(" lstm "));
        refused(() -> Cell.of("elman"), "cell = elman", "must be one of [lstm, gru]");
        refused(() -> Cell.of(null), "cell = null", "must be one of [lstm, gru]");
        assertEquals("gru", Cell.GRU.id());
    }

    @Example
    @Claim("SHAPE-1")
    void anArchitectureNeedsACellAndAtLeastOneLayer() {
        refused(() -> new LstmSpec(1, 2, GateActivation.SIGMOID, null, 1), "cell = null", "must be given");
        refused(() -> new LstmSpec(1, 2, GateActivation.SIGMOID, Cell.GRU, 0), "layers = 0", "must be >= 1");
        assertEquals("GRU(3) -> GRU(3)", TWO_GRU_LAYERS.title());
        assertEquals(3, TWO_GRU_LAYERS.inputsOf(1), "a higher layer reads the units below");
        assertEquals(2, TWO_GRU_LAYERS.inputsOf(0), "layer 0 reads the features");
    }

    @Example
    @Claim("SHAPE-1")
    void aStateOfLayersIsRefusedWhenItsLayersDisagree() {
        double[][] one = {{0.1, 0.2, 0.3}};
        refused(() -> LstmState.ofLayers(null, null), "state layers = null", "must be >= 1");
        refused(() -> LstmState.ofLayers(new double[0][][], null), "state layers = 0", "must be >= 1");
        refused(() -> LstmState.ofLayers(new double[][][] {one, one}, new double[][][] {one}), "state c layers = 1",
                "must equal h's layers = 2");
        refused(() -> LstmState.ofLayers(new double[][][] {one, {one[0], one[0]}}, null), "state rows of layer 1 = 2",
                "must equal layer 0's rows = 1");
        refused(() -> LstmState.ofLayers(new double[][][] {one, one}, new double[][][] {one, {one[0], one[0]}}),
                "state rows of layer 1 = 1", "must equal layer 0's rows = 1");
        refused(() -> LstmState.ofLayers(new double[][][] {one, {{0.1, 0.2}}}, null),
                "state units of layer 1, row 0 = 2", "must equal layer 0's units = 3");
        refused(() -> LstmState.ofRows(0, one, one), "state layers = 0", "must be >= 1");
        LstmState gru = LstmState.ofLayers(new double[][][] {one, one}, null);
        refused(() -> gru.layer(2), "layer = 2", "must be in [0, 2)");
        refused(() -> gru.layer(-1), "layer = -1", "must be in [0, 2)");
        assertEquals(3, gru.layer(1).units());
        assertTrue(gru.toString().startsWith("LstmState{layers=2, h=") && !gru.toString().contains("c="),
                "a GRU state of two layers shows its layers and no c: " + gru);
        assertTrue(LstmState.zeros(1, 3).toString().startsWith("LstmState{h=")
                && LstmState.zeros(1, 3).toString().contains("c="), "one LSTM layer as before");
    }

    @Example
    @Claim("SHAPE-1")
    void aStateFitsOnlyAModelOfItsLayersUnitsAndCell() {
        LstmState state = LstmState.zeros(TWO_GRU_LAYERS, 2);
        assertTrue(state.fits(TWO_GRU_LAYERS));
        assertFalse(state.fits(TWO_GRU_LAYERS.withLayers(1)), "another depth");
        assertFalse(state.fits(TWO_GRU_LAYERS.withUnits(2)), "other units");
        assertFalse(state.fits(TWO_GRU_LAYERS.withCell(Cell.LSTM)), "another cell");
        assertTrue(LstmState.zeros(TWO_GRU_LAYERS, 0).fits(TWO_GRU_LAYERS), "no rows fit any units");
        refused(() -> CallChecks.state(state, 2, TWO_GRU_LAYERS.withCell(Cell.LSTM)), "state c = absent",
                "an LSTM's state has a cell c");
        refused(() -> CallChecks.state(LstmState.zeros(TWO_GRU_LAYERS.withCell(Cell.LSTM), 2), 2, TWO_GRU_LAYERS),
                "state c = given", "a GRU's state is h alone");
    }

    @Example
    @Claim("SHAPE-1")
    void weightsOfLayersAreRefusedWhenTheirLayersDisagree() {
        LstmWeights w = LstmWeights.zeros(TWO_GRU_LAYERS);
        List<double[][]> kernels = List.of(w.kernel(0), w.kernel(1));
        List<double[][]> recurrent = List.of(w.recurrentKernel(0), w.recurrentKernel(1));
        List<double[]> biases = List.of(w.bias(0), w.bias(1));
        double[] dense = w.denseKernel();
        assertEquals(w, new LstmWeights(Cell.GRU, kernels, recurrent, biases, dense, 0));
        refused(() -> new LstmWeights(null, kernels, recurrent, biases, dense, 0), "cell = null", "must be given");
        refused(() -> new LstmWeights(Cell.GRU, List.of(), List.of(), List.of(), dense, 0), "layers = 0",
                "must be >= 1");
        refused(() -> new LstmWeights(Cell.GRU, kernels, recurrent.subList(0, 1), biases, dense, 0),
                "layers of recurrent kernels and biases = 1 and 2", "must equal the kernels' = 2");
        refused(() -> new LstmWeights(Cell.GRU, kernels, recurrent, biases.subList(0, 1), dense, 0),
                "layers of recurrent kernels and biases = 2 and 1", "must equal the kernels' = 2");
        refused(() -> new LstmWeights(Cell.GRU, List.of(w.kernel(0), w.kernel(0)), recurrent, biases, dense, 0),
                "kernel rows of layer 1 = 2", "must be the units of the layer below = 3");
        refused(() -> new LstmWeights(Cell.LSTM, kernels, recurrent, biases, dense, 0),
                "kernel[0] length of layer 0 = 9", "must be 4 * units = 12");
        refused(() -> LstmWeights.unflatten(TWO_GRU_LAYERS, null), "flat weights = null", "must be given");
        refused(() -> LstmWeights.unflatten(TWO_GRU_LAYERS, new double[w.parameterCount() + 1]),
                "flat length = " + (w.parameterCount() + 1), "must be the parameters of 2 gru layers = "
                        + w.parameterCount());
        refused(() -> LstmWeights.unflatten(2, 3, new double[1]), "flat length = 1", "must be 4u(f + u + 1) + u + 1");
        assertEquals(LstmWeights.zeros(2, 3), LstmWeights.unflatten(2, 3, LstmWeights.zeros(2, 3).flatten()));
        assertEquals("LstmWeights{cell=gru, layers=2, features=2, units=3}", w.toString());
        assertEquals("LstmWeights{cell=lstm, layers=2, features=2, units=3}",
                LstmWeights.zeros(TWO_GRU_LAYERS.withCell(Cell.LSTM)).toString());
        assertEquals("LstmWeights{cell=gru, layers=1, features=2, units=3}",
                LstmWeights.zeros(TWO_GRU_LAYERS.withLayers(1)).toString());
        assertEquals("LstmWeights{features=2, units=3}", LstmWeights.zeros(2, 3).toString());
    }

    private static void refused(Runnable call, String... words) {
        IllegalArgumentException refusal = assertThrows(IllegalArgumentException.class, call::run);
        for (String word : words) {
            assertTrue(refusal.getMessage().contains(word),
                    () -> "message \"" + refusal.getMessage() + "\" should mention \"" + word + "\"");
        }
    }
}
