/**
 * What any LSTM engine offers, engine-neutral and named after Keras where Keras has a name:
 * an LSTM(units) over {@code features} inputs followed by Dense(1, sigmoid), stateless or stateful,
 * with {@code predictOnBatch}, {@code trainOnBatch} and {@code resetStates}.
 *
 * <p>Shapes, once for every engine: a batch of inputs is {@code double[rows][steps][features]}; targets are
 * {@code double[rows]} holding 0 or 1; the model answers at the last step of each row (Keras
 * {@code return_sequences=False}). The weight layout is {@link io.github.statefullstm.rnn.LstmWeights}.
 */
package io.github.statefullstm.rnn;
