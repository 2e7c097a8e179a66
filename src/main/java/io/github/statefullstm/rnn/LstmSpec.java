package io.github.statefullstm.rnn;

import io.github.statefullstm.refusal.Refusal;

/**
 * The architecture every engine builds: {@code layers} recurrent layers of {@code units} each, every one a
 * {@link Cell} ({@code LSTM} or {@code GRU}), over {@code features} inputs per step, then Dense(1, sigmoid) on the last
 * layer's output. Layer 0 reads the inputs; layer {@code l > 0} reads layer {@code l - 1}'s h at the same step, as
 * Keras' stacked layers with {@code return_sequences=True} below the top one.
 */
public record LstmSpec(int features, int units, GateActivation gateActivation, Cell cell, int layers) {

    /**
     * The post's model: one input per step, LSTM(10), Keras' sigmoid gates. Its one home: the post's runs in the
     * experiments read it here, and the engines' tests check the engines on it.
     */
    public static final LstmSpec POST = new LstmSpec(1, 10, GateActivation.SIGMOID);

    public LstmSpec {
        Refusal.require(features > 0, "features", features, "must be > 0");
        Refusal.require(units >= 1, "units", units, "must be >= 1");
        Refusal.require(gateActivation != null, "gateActivation", null, "must be given");
        Refusal.require(cell != null, "cell", null, "must be given (lstm or gru)");
        Refusal.require(layers >= 1, "layers", layers, "must be >= 1");
    }

    /** One LSTM layer, as the post's model. */
    public LstmSpec(int features, int units, GateActivation gateActivation) {
        this(features, units, gateActivation, Cell.LSTM, 1);
    }

    /** The same architecture with every layer a {@code newCell}. */
    public LstmSpec withCell(Cell newCell) {
        return new LstmSpec(features, units, gateActivation, newCell, layers);
    }

    /** The same architecture with {@code newUnits} units in every layer. */
    public LstmSpec withUnits(int newUnits) {
        return new LstmSpec(features, newUnits, gateActivation, cell, layers);
    }

    /** The same architecture with {@code newLayers} layers stacked. */
    public LstmSpec withLayers(int newLayers) {
        return new LstmSpec(features, units, gateActivation, cell, newLayers);
    }

    /** The recurrent layers as Keras prints a model: {@code LSTM(10)}, {@code GRU(10)}, {@code LSTM(10) -> LSTM(10)}. */
    public String title() {
        return String.join(" -> ", java.util.Collections.nCopies(layers, cell.name() + "(" + units + ")"));
    }

    /** How many inputs layer {@code layer}'s kernel reads: the features for layer 0, the layer below's h above it. */
    public int inputsOf(int layer) {
        return layer == 0 ? features : units;
    }
}
