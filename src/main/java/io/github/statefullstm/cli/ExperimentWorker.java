package io.github.statefullstm.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.statefullstm.experiment.Experiment;
import io.github.statefullstm.experiment.Protocol;
import io.github.statefullstm.experiment.Sweeps;
import java.io.IOException;
import java.io.PrintStream;

/**
 * Runs one experiment (or one sweep) in a JVM of its own and answers with its result as JSON on standard output;
 * progress goes to standard error. The main job starts one per experiment so that each can run with ND4J's fast
 * native-memory mode, whose memory is only given back when the JVM exits (see {@link ChildJvm}).
 */
final class ExperimentWorker {

    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    /** What the main job asks a worker to do. */
    record Job(Protocol protocol, String engine, boolean terminal, String sweep) {
        static final String NO_SWEEP = "";
    }

    private ExperimentWorker() {
    }

    public static void main(String[] args) throws IOException {
        PrintStream answer = System.out;
        // Everything but the answer goes to standard error, so a library that prints cannot corrupt the JSON.
        System.setOut(System.err);
        Job job = JSON.readValue(System.in, Job.class);
        ProgressDisplay progress = new ProgressDisplay(System.err, job.terminal());
        var engine = Engines.named(job.engine()).create();
        Object result = switch (job.sweep()) {
            case Runner.WINDOW_LENGTH -> Sweeps.windowLengths(job.protocol(), engine, progress);
            case Runner.CHUNK_LENGTH -> Sweeps.chunkLengths(job.protocol(), engine, progress);
            default -> Experiment.run(job.protocol(), engine, progress);
        };
        answer.println(JSON.writeValueAsString(result));
        answer.flush();
    }
}
