package io.github.statefullstm.training;

/**
 * Loss and accuracy over {@code samples} answers: one per sample answered at its last step, one per answered step of a
 * sample answered at chosen steps. When it comes from training, both are Keras' running averages: each batch's figure,
 * computed before that batch's update, weighted by its answers, which are its rows where each row answers once, as
 * Keras weighs them.
 */
public record Score(double loss, double accuracy, long samples) {
}
