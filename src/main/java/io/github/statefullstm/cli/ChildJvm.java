package io.github.statefullstm.cli;

import io.github.statefullstm.experiment.ExperimentResult;
import io.github.statefullstm.experiment.Protocol;
import io.github.statefullstm.rnn.dl4j.NativeRuntime;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts an {@link ExperimentWorker} in a JVM of its own, hands it a job and reads its answer.
 *
 * <p>Why a JVM per experiment: two kinds of native memory that a long-lived JVM would pile up are returned when a
 * short-lived one exits (reports/dl4j-speed.md). JavaCPP's {@value #FAST_NATIVE_MEMORY} switches ND4J's per-array
 * bookkeeping off, which makes an update cheaper (A: 9.6 s against 11.5 s, B: 10.7 s against 15.0 s, one sitting),
 * but then nothing frees the arrays; and libnd4j 1.0.0-M2.1's LSTM backward kernel keeps about 800 bytes per row and
 * step of every update whatever the mode. Both are bounded by the experiment: A peaked at 3.9 GB resident in fast
 * mode against 3.5 GB without. JavaCPP reads the switch once, when it loads, so it has to be on the child's command
 * line.
 */
public final class ChildJvm {

    /** The engine's own name for the switch, so the two cannot drift apart. */
    static final String FAST_NATIVE_MEMORY = NativeRuntime.NO_POINTER_GC;

    private ChildJvm() {
    }

    /**
     * Trains the protocol on the named engine ({@code dl4j} or {@code reference}) in a JVM of its own, as the main
     * job does, and returns its result. For callers that train many experiments one after the other, such as the
     * multi-seed checks of {@code mvn verify}, so that no JVM keeps more than one experiment's native memory.
     */
    public static ExperimentResult experiment(Protocol protocol, String engine)
            throws IOException, InterruptedException {
        return experiment(protocol, Engines.named(engine), false);
    }

    /** The same, with the child's progress drawn as a bar when standard error is a terminal. */
    static ExperimentResult experiment(Protocol protocol, Engines engine, boolean terminal)
            throws IOException, InterruptedException {
        String answer = run(new ExperimentWorker.Job(protocol, engine.optionName(), terminal));
        return ExperimentWorker.JSON.readValue(answer, ExperimentResult.class);
    }

    /** Runs the job; returns the worker's answer, or throws when it failed or was stopped. */
    static String run(ExperimentWorker.Job job) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-D" + FAST_NATIVE_MEMORY + "=true");
        command.add("-Djava.awt.headless=true");
        command.add("-cp");
        command.add(classPath());
        command.add(ExperimentWorker.class.getName());
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        // One OpenMP thread: for these tiny matrices a second thread costs more in hand-offs than it computes
        // (A: 26 s with one thread against 33 s with two, measured in one sitting, in fast mode).
        builder.environment().put("OMP_NUM_THREADS", "1");
        Process child = builder.start();
        try (OutputStream in = child.getOutputStream()) {
            ExperimentWorker.JSON.writeValue(in, job);
        }
        String answer;
        try (InputStream out = child.getInputStream()) {
            answer = new String(out.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        int exit = child.waitFor();
        if (exit != 0) {
            throw new WorkerFailed(job.protocol().id(), exit);
        }
        return answer;
    }

    /** A worker that ended without an answer: stopped by Ctrl-C with the main job, or failed (its log says why). */
    static final class WorkerFailed extends IOException {
        WorkerFailed(String experiment, int exit) {
            super("the worker for experiment " + experiment + " exited with code " + exit + " (its log is above)");
        }
    }

    /**
     * The class path this code was loaded from. Under {@code mvn exec:java} that is the project's class loader, not
     * the JVM's {@code java.class.path}, which then names Maven's own launcher.
     */
    private static String classPath() {
        ClassLoader loader = ChildJvm.class.getClassLoader();
        if (loader instanceof URLClassLoader urls && urls.getURLs().length > 0) {
            List<String> entries = new ArrayList<>();
            for (URL url : urls.getURLs()) {
                try {
                    entries.add(Path.of(url.toURI()).toString());
                } catch (URISyntaxException e) {
                    throw new IllegalStateException("class path entry " + url + " is not a file", e);
                }
            }
            return String.join(File.pathSeparator, entries);
        }
        return System.getProperty("java.class.path");
    }
}
