package io.github.statefullstm.rnn;

/**
 * What Keras' {@code train_on_batch} and {@code test_on_batch} return: the mean binary cross-entropy over the
 * batch's rows and the fraction of rows whose rounded prediction equals the target, both computed in the forward
 * pass, that is with the weights as they were before any update.
 */
public record BatchResult(double loss, double accuracy) {
}
