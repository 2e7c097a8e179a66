package io.github.statefullstm.cli;

import io.github.statefullstm.experiment.EpochRecord;
import io.github.statefullstm.experiment.ExperimentListener;
import io.github.statefullstm.experiment.ExperimentResult;
import io.github.statefullstm.experiment.Protocol;
import io.github.statefullstm.rnn.dl4j.NativeRuntime;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts an {@link ExperimentWorker} in a JVM of its own, hands it a job, passes its progress to a listener and reads
 * its result. What the worker prints besides its messages (ND4J's and DL4J's logging, libnd4j's build banner) goes to
 * a log file, or to this process's standard error when asked to.
 *
 * <p>Why a JVM per experiment: ND4J's fast native-memory mode ({@value #FAST_NATIVE_MEMORY}) never frees arrays, and
 * libnd4j 1.0.0-M2.1's LSTM backward kernel keeps some native memory per update in any mode; a JVM that exits gives
 * both back, so memory is bounded by one experiment (reports/dl4j-speed.md has the measurements). JavaCPP reads the
 * switch once, when it loads, so it has to be on the child's command line.
 */
public final class ChildJvm {

    /** The engine's own name for the switch, so the two cannot drift apart. */
    static final String FAST_NATIVE_MEMORY = NativeRuntime.NO_POINTER_GC;

    /** Where the worker's own output goes: a log file to append to, or, when null, this process's standard error. */
    record Output(Path log) {
        static final Output INHERIT = new Output(null);

        ProcessBuilder.Redirect redirect() {
            return log == null ? ProcessBuilder.Redirect.INHERIT : ProcessBuilder.Redirect.appendTo(log.toFile());
        }
    }

    private ChildJvm() {
    }

    /**
     * Trains the protocol on the named engine ({@code dl4j} or {@code reference}) in a JVM of its own, as the main
     * job does, and returns its result. For callers that train many experiments one after the other, such as the
     * multi-seed checks of {@code mvn verify}, so that no JVM keeps more than one experiment's native memory.
     */
    public static ExperimentResult experiment(Protocol protocol, String engine)
            throws IOException, InterruptedException {
        return experiment(protocol, Engines.named(engine), ExperimentListener.SILENT, Output.INHERIT);
    }

    /**
     * The same, with the worker's progress passed to the listener as it happens. A listener that throws (to stop
     * the run) ends the worker first.
     */
    static ExperimentResult experiment(Protocol protocol, Engines engine, ExperimentListener listener, Output output)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-D" + FAST_NATIVE_MEMORY + "=true");
        command.add("-Djava.awt.headless=true");
        command.add("-cp");
        command.add(classPath());
        command.add(ExperimentWorker.class.getName());
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(output.redirect());
        // One OpenMP thread: for these tiny matrices a second thread costs more in hand-offs than it computes
        // (reports/dl4j-speed.md).
        builder.environment().put("OMP_NUM_THREADS", "1");
        Process child = builder.start();
        try {
            try (OutputStream in = child.getOutputStream()) {
                in.write((ExperimentWorker.JSON.writeValueAsString(new ExperimentWorker.Job(protocol,
                        engine.optionName())) + "\n").getBytes(StandardCharsets.UTF_8));
            }
            ExperimentResult result = null;
            try (BufferedReader messages = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = messages.readLine(); line != null; line = messages.readLine()) {
                    result = dispatch(line, protocol, listener, result);
                }
            }
            int exit = child.waitFor();
            if (exit != 0 || result == null) {
                throw new WorkerFailed(protocol.id(), exit, output.log());
            }
            return result;
        } finally {
            child.destroyForcibly();
        }
    }

    private static ExperimentResult dispatch(String line, Protocol protocol, ExperimentListener listener,
                                             ExperimentResult result) throws IOException {
        int space = line.indexOf(' ');
        String kind = space < 0 ? line : line.substring(0, space);
        String body = space < 0 ? "" : line.substring(space + 1);
        switch (kind) {
            case ExperimentWorker.STARTED -> {
                var started = ExperimentWorker.JSON.readValue(body, ExperimentWorker.Started.class);
                listener.epochStarted(protocol, started.epoch(), started.batches());
            }
            case ExperimentWorker.BATCH -> {
                var batch = ExperimentWorker.JSON.readValue(body, ExperimentWorker.Batch.class);
                listener.batchDone(protocol, batch.epoch(), batch.batch(), batch.batches(), batch.running());
            }
            case ExperimentWorker.DONE -> listener.epochDone(protocol,
                    ExperimentWorker.JSON.readValue(body, EpochRecord.class));
            case ExperimentWorker.RESULT -> {
                return ExperimentWorker.JSON.readValue(body, ExperimentResult.class);
            }
            default -> throw new IOException("the worker for experiment " + protocol.id() + " sent an unknown "
                    + "message: " + line);
        }
        return result;
    }

    /** A worker that ended without a result: always a failure, since only the main job stops a run. */
    static final class WorkerFailed extends IOException {
        WorkerFailed(String experiment, int exit, Path log) {
            super("the worker for experiment " + experiment + " exited with code " + exit
                    + (log == null ? " (its output is above)" : "; its output is in " + log));
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
