package io.github.statefullstm.rnn.dl4j;

import org.nd4j.linalg.api.buffer.DataType;

/**
 * The floating-point type of the DL4J network. {@link #DOUBLE} makes the conformance checks against an exact
 * double-precision oracle tight; {@link #FLOAT} is what DL4J is usually run with. Per-update time of the two is
 * compared by {@code Dl4jStepBenchmark}.
 */
public enum Precision {
    DOUBLE(DataType.DOUBLE),
    FLOAT(DataType.FLOAT);

    private final DataType dataType;

    Precision(DataType dataType) {
        this.dataType = dataType;
    }

    DataType dataType() {
        return dataType;
    }
}
