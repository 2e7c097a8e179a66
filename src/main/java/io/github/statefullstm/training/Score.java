package io.github.statefullstm.training;

/**
 * Loss and accuracy over {@code samples} samples. When it comes from training, both are Keras' running averages:
 * each batch's figure, computed before that batch's update, weighted by its rows.
 */
public record Score(double loss, double accuracy, long samples) {
}
