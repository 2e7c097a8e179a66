/**
 * The post's protocols as data, and running them: a {@link io.github.statefullstm.experiment.Protocol} names the
 * task, the layout of its samples in batches, the model and the epochs; {@link
 * io.github.statefullstm.experiment.Experiment} trains it on an engine and records, per epoch, Keras' on-the-fly
 * figures, the frozen model's accuracy on both splits, the information ceilings and the wall time.
 */
package io.github.statefullstm.experiment;
