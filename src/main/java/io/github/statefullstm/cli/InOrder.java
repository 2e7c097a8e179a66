package io.github.statefullstm.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs the main job's items (experiments, sweeps), several at once if asked, and keeps their results in the items'
 * order. It stops at the first failure or stop; what it kept before then stays, so a stopped run still reports every
 * item that finished before the first unfinished one.
 */
final class InOrder {

    /** One unit of work of the main job, which may fail or be stopped. */
    @FunctionalInterface
    interface Work<T, R> {
        R run(T item) throws Exception;
    }

    private InOrder() {
    }

    static <T, R> void run(List<T> items, int parallel, List<R> done, AtomicBoolean stop, Work<T, R> work)
            throws Exception {
        Work<T, R> unlessStopped = item -> {
            if (stop.get()) {
                throw new StopAtNextBatch.Stopped();
            }
            return work.run(item);
        };
        if (parallel <= 1) {
            for (T item : items) {
                done.add(unlessStopped.run(item));
            }
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        try {
            List<Future<R>> futures = new ArrayList<>();
            for (T item : items) {
                futures.add(pool.submit(() -> unlessStopped.run(item)));
            }
            for (Future<R> future : futures) {
                try {
                    done.add(future.get());
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof Exception cause) {
                        throw cause;
                    }
                    throw e;
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
