package io.github.statefullstm.kata;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Runs one kata step in one run's class loader, on a thread of its own, within a time limit. A step that ends gives
 * its outcome; one that outlives its limit (a loop that never ends is a learner's commonest slip) is left behind and
 * described: the step, the test and claims that were running, and the frames of the learner's own code on the stuck
 * thread, as files and lines of the workspace. Its thread is a daemon, so a JVM that ends is never held by it.
 */
final class StepDriver {

    /** How a step ended: with an outcome, or past its limit. */
    sealed interface Ending permits Finished, RanAway {
    }

    record Finished(StepRunner.StepOutcome outcome) implements Ending {
    }

    /**
     * A step still running at its limit.
     *
     * @param test   the test that was running, as specs/ write it, or {@code null} before the first test began
     * @param frames the learner's frames on the stuck thread, innermost first: {@code file:line (method)}
     */
    record RanAway(KataPath.Step step, Duration limit, String test, List<String> claims, List<String> frames)
            implements Ending {
    }

    private StepDriver() {
    }

    /**
     * Runs {@code step}'s tests (those of {@code claims} in order, stopping at the first that fails, or all when
     * {@code claims} is null) in {@code loader}; {@code sources} is where the workspace's files are, for the frames;
     * {@code onTest} hears the name of each test as it starts.
     */
    static Ending run(RunLoaders.WorkspaceLoader loader, KataPath.Step step, List<String> claims,
                      Map<String, String> configuration, Duration limit, Path sources, Consumer<String> onTest) {
        AtomicReference<String> running = new AtomicReference<>();
        AtomicReference<Object> answer = new AtomicReference<>();
        Consumer<String> testStarted = started -> {
            running.set(started);
            onTest.accept(started.split("\t", -1)[0]);
        };
        Thread worker = new Thread(() -> {
            try {
                Class<?> runner = Class.forName(StepRunner.class.getName(), true, loader);
                Method entry = runner.getMethod(StepRunner.ENTRY, int.class, List.class, Map.class,
                        Consumer.class);
                answer.set(entry.invoke(null, step.number(), claims, configuration, testStarted));
            } catch (InvocationTargetException e) {
                answer.set(e.getCause());
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                answer.set(e);
            }
        }, "kata " + step.label());
        worker.setContextClassLoader(loader);
        worker.setDaemon(true);
        worker.start();
        try {
            worker.join(limit.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("stopped while " + step.label() + " ran", e);
        }
        if (worker.isAlive()) {
            return ranAway(step, limit, running.get(), worker.getStackTrace(), loader, sources);
        }
        Object result = answer.get();
        if (result instanceof Throwable failure) {
            throw new IllegalStateException("the kata could not run " + step.label() + ": " + failure, failure);
        }
        try {
            return new Finished(StepRunner.read((String) result));
        } catch (IOException e) {
            throw new IllegalStateException("the answer of " + step.label() + " cannot be read", e);
        }
    }

    private static RanAway ranAway(KataPath.Step step, Duration limit, String running, StackTraceElement[] stack,
                                   RunLoaders.WorkspaceLoader loader, Path sources) {
        List<String> frames = new ArrayList<>();
        for (StackTraceElement frame : stack) {
            String type = frame.getClassName();
            String outer = type.contains("$") ? type.substring(0, type.indexOf('$')) : type;
            if (!loader.fromWorkspace(type) && !loader.fromWorkspace(outer)) {
                continue;
            }
            String folder = outer.contains(".") ? outer.substring(0, outer.lastIndexOf('.')).replace('.', '/') : "";
            Path file = sources.resolve(folder).resolve(frame.getFileName() == null ? outer + ".java"
                    : frame.getFileName());
            frames.add(file + ":" + frame.getLineNumber() + " (" + frame.getMethodName() + ")");
        }
        String test = null;
        List<String> claims = List.of();
        if (running != null) {
            String[] parts = running.split("\t", -1);
            test = parts[0];
            claims = parts.length > 1 && !parts[1].isEmpty() ? List.of(parts[1].split(",")) : List.of();
        }
        return new RanAway(step, limit, test, claims, frames);
    }
}
