/**
 * Writes what the experiments produced under {@code reports/}: a Markdown page with the post's figures beside
 * ours, SVG and PNG charts, and {@code results.json} with every figure and point. Every file is written whole or
 * not at all.
 */
package io.github.statefullstm.report;
