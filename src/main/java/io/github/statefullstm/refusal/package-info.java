/**
 * How the project refuses a bad argument: one wording, used by every layer, so it sits beneath them all.
 */
package io.github.statefullstm.refusal;
