/**
 * The DL4J engine: the only package that imports {@code org.deeplearning4j} or {@code org.nd4j}.
 *
 * <p>DL4J has no public API for Keras' stateful {@code train_on_batch} (its {@code fit()} clears the recurrent
 * state, and {@code rnnTimeStep} is inference only), so this package owns that mapping: {@link
 * io.github.statefullstm.rnn.dl4j.Dl4jLstmModel} keeps the carried state itself and runs every pass in libnd4j's LSTM
 * cell kernels ({@link io.github.statefullstm.rnn.dl4j.CellPasses}: forward from the carried state, and the exact
 * backward pass, which stops at the batch), over parameters in the kernels' layout with libnd4j's Adam ({@link
 * io.github.statefullstm.rnn.dl4j.KernelParameters}); every native call is bound once and reused ({@link
 * io.github.statefullstm.rnn.dl4j.BoundOp}), so memory stays flat. DL4J's {@code MultiLayerNetwork} draws the initial
 * weights and remains what the kernels are checked against. The canonical weight layout is mapped to DL4J's in one
 * class, {@link io.github.statefullstm.rnn.dl4j.Dl4jParameterMapping}.
 */
package io.github.statefullstm.rnn.dl4j;
