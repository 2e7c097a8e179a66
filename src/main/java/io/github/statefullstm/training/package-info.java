/**
 * Runs a {@link io.github.statefullstm.sequence.BatchPlan} through an {@link io.github.statefullstm.rnn.LstmModel}:
 * one epoch of training with Keras' on-the-fly averages, or the evaluation of a frozen model. This is where the
 * plan's resets become {@code resetStates()} calls, so every protocol of the post goes through one loop.
 */
package io.github.statefullstm.training;
