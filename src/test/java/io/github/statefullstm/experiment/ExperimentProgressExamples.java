package io.github.statefullstm.experiment;

import io.github.statefullstm.rnn.reference.ReferenceEngine;
import io.github.statefullstm.spec.Claim;
import io.github.statefullstm.training.Score;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Example;
import net.jqwik.api.Label;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What an experiment tells its listener, which is all the main job shows of a run, and how the listener stops it:
 * asked after every epoch but the last, a yes ends the run there and keeps the finished epochs.
 */
@Label("An experiment's progress and its stop")
class ExperimentProgressExamples {

    /** Three epochs of a small C: 10 training sequences of 4 steps, 40 one-step batches an epoch. */
    private static final Protocol SMALL_C = PostProtocols.perStepStateful().withTask(
            PostProtocols.perStepStateful().task().withSize(12, 4, 10)).withEpochs(3);
    private static final int BATCHES_PER_EPOCH = 40;

    /** Writes down every event, and asks to stop after epoch {@code stopAfter} (0: never). */
    private static final class Recording implements ExperimentListener {
        final List<String> events = new ArrayList<>();
        final List<EpochRecord> epochs = new ArrayList<>();
        private final int stopAfter;
        private int lastEpoch;

        Recording(int stopAfter) {
            this.stopAfter = stopAfter;
        }

        @Override
        public void epochStarted(Protocol protocol, int epoch, int batches) {
            events.add("started " + epoch + " of " + batches);
        }

        @Override
        public void batchDone(Protocol protocol, int epoch, int batch, int batches, Score running) {
            events.add("batch " + epoch + "." + batch);
        }

        @Override
        public void epochDone(Protocol protocol, EpochRecord record) {
            events.add("done " + record.epoch());
            epochs.add(record);
            lastEpoch = record.epoch();
        }

        @Override
        public boolean stopRequested() {
            events.add("asked after " + lastEpoch);
            return lastEpoch == stopAfter;
        }
    }

    @Example
    @Claim("CLI-6")
    void theListenerHearsEveryEpochAndBatchAndGetsEveryRecord() {
        Recording listener = new Recording(0);
        long before = System.nanoTime();
        ExperimentResult result = Experiment.run(SMALL_C, new ReferenceEngine(), listener);
        double wallSeconds = (System.nanoTime() - before) / 1e9;
        List<String> expected = new ArrayList<>();
        for (int epoch = 1; epoch <= SMALL_C.epochs(); epoch++) {
            expected.add("started " + epoch + " of " + BATCHES_PER_EPOCH);
            for (int batch = 0; batch < BATCHES_PER_EPOCH; batch++) {
                expected.add("batch " + epoch + "." + batch);
            }
            expected.add("done " + epoch);
            if (epoch < SMALL_C.epochs()) {
                expected.add("asked after " + epoch);
            }
        }
        assertEquals(expected, listener.events, "events in order; the last epoch is not asked about");
        assertEquals(result.epochs(), listener.epochs, "the records the listener got are the result's");
        assertTrue(result.complete());
        assertTrue(result.seconds() >= result.epochs().stream().mapToDouble(EpochRecord::seconds).sum(),
                "the run's time holds its epochs' training time");
        assertTrue(result.seconds() <= wallSeconds, "the run's time is its wall time in seconds, within the call's: "
                + result.seconds() + " s of " + wallSeconds + " s");
    }

    @Example
    @Claim("CLI-5")
    void aStopAskedForAfterAnEpochEndsTheRunThereKeepingItsEpochs() {
        Recording listener = new Recording(1);
        ExperimentResult result = Experiment.run(SMALL_C, new ReferenceEngine(), listener);
        assertFalse(result.complete(), "stopped before its last epoch");
        assertEquals(1, result.epochs().size(), "the finished epoch is kept");
    }
}
