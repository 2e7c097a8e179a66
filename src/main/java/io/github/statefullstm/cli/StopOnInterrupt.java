package io.github.statefullstm.cli;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ctrl-C for the main job: the JVM's shutdown hook asks the run to stop at the next batch ({@link #stop()}), then
 * gives it time to write what it finished. It waits for the run to be over, not for its thread to end: that thread then
 * calls {@code System.exit}, which blocks while the hook runs, so waiting for it would always take the whole grace.
 */
final class StopOnInterrupt {

    /** Long enough to finish the batch in progress and write the report, with a wide margin. */
    private static final Duration GRACE = Duration.ofSeconds(60);
    private static final long POLL_MILLIS = 50;

    private final AtomicBoolean stop = new AtomicBoolean();
    /** Set once the run has returned its exit code, so that the hook has nothing to wait for. */
    private final AtomicBoolean finished = new AtomicBoolean();

    /** The flag the run's listener reads: true once a stop was asked for. */
    AtomicBoolean stop() {
        return stop;
    }

    void install(Thread run) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAndWaitFor(run), "stop-on-interrupt"));
    }

    /** The run is over: the hook, which also runs on a normal exit, must not wait. */
    void runFinished() {
        finished.set(true);
    }

    private void stopAndWaitFor(Thread run) {
        if (finished.get()) {
            return;
        }
        stop.set(true);
        long deadline = System.nanoTime() + GRACE.toNanos();
        try {
            while (!finished.get() && run.isAlive() && System.nanoTime() < deadline) {
                run.join(POLL_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
