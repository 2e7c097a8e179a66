/**
 * The post's data and how it is laid out for a recurrent model: the task, sliding windows, the one-step-at-a-time
 * feed, batch plans with their state lineage, and the information ceiling a layout imposes on any model.
 *
 * <p>Plain Java arrays and records, exact and fast; no other package of the project and no engine is used here.
 * A sequence's step holds one scalar feature, as in the post ({@code X.reshape(X.shape + (1,))}).
 */
package io.github.statefullstm.sequence;
