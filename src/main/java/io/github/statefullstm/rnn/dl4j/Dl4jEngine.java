package io.github.statefullstm.rnn.dl4j;

import io.github.statefullstm.rnn.LstmEngine;
import io.github.statefullstm.rnn.LstmModel;
import io.github.statefullstm.rnn.ModelConfig;

/**
 * The DL4J engine: LSTM(units) -> Dense(1, sigmoid) as a DL4J {@code MultiLayerNetwork} with Keras' stateful
 * semantics. Double precision by default, so it can be checked tightly against an exact oracle; {@link Precision#FLOAT}
 * is available. Workspaces default to the faster setting measured by {@code Dl4jStepBenchmark}.
 */
public final class Dl4jEngine implements LstmEngine {

    static {
        // Must run before any ND4J class loads: see NativeRuntime.NO_POINTER_GC.
        NativeRuntime.load();
    }

    private final Precision precision;
    private final Workspaces workspaces;

    public Dl4jEngine() {
        this(Precision.DOUBLE, Workspaces.NONE);
    }

    public Dl4jEngine(Precision precision, Workspaces workspaces) {
        if (precision == null || workspaces == null) {
            throw new IllegalArgumentException("precision = " + precision + ", workspaces = " + workspaces
                    + ": both must be given");
        }
        this.precision = precision;
        this.workspaces = workspaces;
    }

    @Override
    public String name() {
        return "dl4j";
    }

    @Override
    public LstmModel build(ModelConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("config = null: must be given");
        }
        NativeRuntime.configure();
        return new Dl4jLstmModel(config, precision, workspaces);
    }

    @Override
    public String toString() {
        return "Dl4jEngine{" + precision + ", workspaces " + workspaces + "}";
    }
}
