package io.github.statefullstm.training;

/** Hears of each finished batch, for progress bars; {@code running} is the average so far. */
@FunctionalInterface
public interface BatchListener {

    BatchListener SILENT = (batch, batches, running) -> { };

    void batchDone(int batch, int batches, Score running);
}
