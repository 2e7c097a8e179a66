package io.github.statefullstm.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.statefullstm.experiment.Experiment;
import io.github.statefullstm.experiment.Protocol;
import java.io.IOException;
import java.io.PrintStream;

/**
 * Runs one experiment (or one point of a sweep) in a JVM of its own and answers with its result as JSON on standard
 * output; progress goes to standard error. The main job starts one per experiment so that each can run with ND4J's
 * fast native-memory mode, whose memory is only given back when the JVM exits (see {@link ChildJvm}).
 */
final class ExperimentWorker {

    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    /** What the main job asks a worker to do. */
    record Job(Protocol protocol, String engine, boolean terminal) {
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
        var result = Experiment.run(job.protocol(), engine, progress);
        answer.println(JSON.writeValueAsString(result));
        answer.flush();
    }
}
