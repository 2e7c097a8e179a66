/**
 * A small pure-Java LSTM in double precision with exact gradients, Keras 1 semantics and Keras-like initialisation:
 * the oracle that other engines are checked against, and the kata's exercise in forward and backward passes.
 * Start reading at {@link io.github.statefullstm.rnn.reference.ReferenceEngine}; the arithmetic is all in
 * {@code LstmCore}.
 */
package io.github.statefullstm.rnn.reference;
