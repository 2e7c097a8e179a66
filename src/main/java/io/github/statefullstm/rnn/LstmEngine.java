package io.github.statefullstm.rnn;

/** A way to build {@link LstmModel}s: the pure-Java reference or DL4J. */
public interface LstmEngine {

    /** A short name for reports and options, such as {@code reference} or {@code dl4j}. */
    String name();

    LstmModel build(ModelConfig config);
}
