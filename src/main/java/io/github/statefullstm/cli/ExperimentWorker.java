package io.github.statefullstm.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.statefullstm.experiment.EpochRecord;
import io.github.statefullstm.experiment.Experiment;
import io.github.statefullstm.experiment.ExperimentListener;
import io.github.statefullstm.experiment.ExperimentResult;
import io.github.statefullstm.experiment.Protocol;
import io.github.statefullstm.training.Score;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Runs one experiment (or one point of a sweep) in a JVM of its own, for {@link ChildJvm}. Standard output carries only
 * messages to the main job, one per line: progress as it happens, then the result. Everything else a library prints
 * goes to standard error, which the main job sends to its log.
 *
 * <p>Ctrl-C reaches every process of the terminal's group, this one included; it is ignored here, so that only the
 * main job decides when a run stops (it then ends this JVM), and an exit of this JVM is always a failure.
 */
final class ExperimentWorker {

    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    /** What the main job asks a worker to do. */
    record Job(Protocol protocol, String engine) {
    }

    /** The kinds of message, each the first word of its line; the rest of the line is JSON. */
    static final String STARTED = "started";
    static final String BATCH = "batch";
    static final String DONE = "done";
    static final String RESULT = "result";

    /** An epoch's start: its number and how many batches it has. */
    record Started(int epoch, int batches) {
    }

    /** A batch's end and the epoch's running figures so far. */
    record Batch(int epoch, int batch, int batches, Score running) {
    }

    /**
     * The main job redraws its bar ten times a second at most; passing on every one of 20000 one-step batches would
     * cost more than drawing them.
     */
    private static final long BATCH_MESSAGE_NANOS = 50_000_000L;

    private ExperimentWorker() {
    }

    public static void main(String[] args) throws IOException {
        sun.misc.Signal.handle(new sun.misc.Signal("INT"), sun.misc.SignalHandler.SIG_IGN);
        PrintStream messages = System.out;
        System.setOut(System.err);
        String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        Job job = JSON.readValue(line, Job.class);
        var engine = Engines.named(job.engine()).create();
        ExperimentResult result = Experiment.run(job.protocol(), engine, new Relay(messages));
        send(messages, RESULT, result);
    }

    private static void send(PrintStream messages, String kind, Object body) {
        try {
            messages.println(kind + " " + JSON.writeValueAsString(body));
            messages.flush();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a message to the main job could not be written", e);
        }
    }

    /** Passes the experiment's progress to the main job as messages. */
    private static final class Relay implements ExperimentListener {
        private final PrintStream messages;
        private long lastBatchMessage;

        Relay(PrintStream messages) {
            this.messages = messages;
        }

        @Override
        public void epochStarted(Protocol protocol, int epoch, int batches) {
            send(messages, STARTED, new Started(epoch, batches));
        }

        @Override
        public void batchDone(Protocol protocol, int epoch, int batch, int batches, Score running) {
            long now = System.nanoTime();
            if (batch == batches - 1 || now - lastBatchMessage >= BATCH_MESSAGE_NANOS) {
                lastBatchMessage = now;
                send(messages, BATCH, new Batch(epoch, batch, batches, running));
            }
        }

        @Override
        public void epochDone(Protocol protocol, EpochRecord record) {
            send(messages, DONE, record);
        }
    }
}
