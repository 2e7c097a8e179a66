package io.github.statefullstm.rnn.dl4j;

import io.github.statefullstm.rnn.LstmEngine;
import io.github.statefullstm.rnn.LstmModel;
import io.github.statefullstm.rnn.ModelConfig;

/**
 * The DL4J engine: a stack of LSTM or GRU layers -> Dense(1, sigmoid) in libnd4j (LSTM layers in its LSTM cell
 * kernels, GRU layers in its plain ops), with Keras' stateful semantics ({@link Dl4jLstmModel}). Double precision by default, so it can be checked tightly against an exact oracle;
 * {@link Precision#FLOAT} is available (no faster at this size, see {@code reports/dl4j-speed.md}). How many native
 * threads an operation gets is a process-wide setting, see {@link NativeRuntime}.
 */
public final class Dl4jEngine implements LstmEngine {

    private final Precision precision;

    public Dl4jEngine() {
        this(Precision.DOUBLE);
    }

    public Dl4jEngine(Precision precision) {
        if (precision == null) {
            throw new IllegalArgumentException("precision = null: must be given");
        }
        this.precision = precision;
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
        return new Dl4jLstmModel(config, precision);
    }

    @Override
    public String toString() {
        return "Dl4jEngine{" + precision + "}";
    }
}
