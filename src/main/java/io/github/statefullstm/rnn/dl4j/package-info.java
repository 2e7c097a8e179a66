/**
 * The DL4J engine: the only package that imports {@code org.deeplearning4j} or {@code org.nd4j}.
 *
 * <p>DL4J has no public API for Keras' stateful {@code train_on_batch} (its {@code fit()} clears the recurrent
 * state, and {@code rnnTimeStep} is inference only), so this package owns that mapping: {@link
 * io.github.statefullstm.rnn.dl4j.Dl4jLstmModel} keeps the carried state itself, trains through libnd4j's fused LSTM
 * kernels ({@link io.github.statefullstm.rnn.dl4j.FusedLstm}: the forward pass from the carried state, and its exact
 * backward pass, which stops at the batch) and applies ND4J's Adam once per update; inference runs DL4J's own layers.
 * The canonical weight layout is mapped to DL4J's in one class,
 * {@link io.github.statefullstm.rnn.dl4j.Dl4jParameterMapping}.
 */
package io.github.statefullstm.rnn.dl4j;
