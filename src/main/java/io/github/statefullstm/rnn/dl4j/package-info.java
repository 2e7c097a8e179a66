/**
 * The DL4J engine: the only package that imports {@code org.deeplearning4j} or {@code org.nd4j}.
 *
 * <p>DL4J has no public API for Keras' stateful {@code train_on_batch} (its {@code fit()} clears the recurrent
 * state, and {@code rnnTimeStep} is inference only), so this package owns that mapping: {@link
 * io.github.statefullstm.rnn.dl4j.Dl4jLstmModel} sets the LSTM layer's state maps itself, asks DL4J for one
 * gradient and applies DL4J's Adam updater once. The canonical weight layout is mapped in one class,
 * {@link io.github.statefullstm.rnn.dl4j.ParameterLayout}.
 */
package io.github.statefullstm.rnn.dl4j;
