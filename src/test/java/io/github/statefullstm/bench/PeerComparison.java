package io.github.statefullstm.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.statefullstm.experiment.Experiment;
import io.github.statefullstm.experiment.ExperimentListener;
import io.github.statefullstm.experiment.ExperimentResult;
import io.github.statefullstm.experiment.PostProtocols;
import io.github.statefullstm.experiment.Protocol;
import io.github.statefullstm.report.ReportFiles;
import io.github.statefullstm.rnn.LstmSpec;
import io.github.statefullstm.rnn.ModelConfig;
import io.github.statefullstm.rnn.dl4j.Dl4jEngine;
import io.github.statefullstm.rnn.dl4j.NativeRuntime;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The post's four experiments side by side, in one window: this project's DL4J engine as the main job runs them,
 * against a Keras-semantics peer written with TensorFlow.js' layers API (a port of Keras, CPU backend), whose
 * {@code seed_experiments.js} prints each epoch's seconds.
 *
 * <p>Run, with the peer's folder ({@code npm install} done there):
 * <pre>
 * ./mvnw -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt) io.github.statefullstm.bench.PeerComparison PEER
 * </pre>
 * Each experiment runs on the peer, then here, before the next experiment starts, so both share the machine's state
 * of the moment. The figure here is the experiment's own seconds, as the main job's report gives them: training and
 * the frozen model's evaluation on both splits after every epoch, from a JVM where ND4J has already loaded. The
 * peer's is the sum of its epochs' seconds, training only (its validation pass included where its {@code fit} has
 * one). It writes {@code reports/peer-comparison.md}, whole or not at all.
 */
public final class PeerComparison {

    /** The peer's name for each of the post's experiments, and ours. */
    private record Pair(String peerName, Protocol protocol) {
    }

    private static final List<Pair> PAIRS = List.of(
            new Pair("windowed-stateless", PostProtocols.windowsStateless()),
            new Pair("windowed-stateful", PostProtocols.windowsStateful()),
            new Pair("perstep-stateful", PostProtocols.perStepStateful()),
            new Pair("perstep-stateless", PostProtocols.perStepStateless()));

    /** The bar: ten times the peer's speed on every experiment. */
    private static final double TARGET_RATIO = 10;

    private static final Path REPORT = Path.of("reports", "peer-comparison.md");
    private static final ObjectMapper JSON = new ObjectMapper();

    private PeerComparison() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1 || !Files.isRegularFile(Path.of(args[0], "seed_experiments.js"))) {
            System.err.println("usage: PeerComparison PEER: the folder of the TensorFlow.js peer, which must hold "
                    + "seed_experiments.js (given: " + String.join(" ", args) + ")");
            System.exit(2);
        }
        Path peer = Path.of(args[0]);
        NativeRuntime.oneThreadPerOperation();
        Dl4jEngine engine = new Dl4jEngine();
        // ND4J loads once per JVM, as the peer's TensorFlow.js does; neither side's figure counts it.
        engine.build(ModelConfig.stateless(LstmSpec.POST, 1));
        List<String> rows = new ArrayList<>();
        for (Pair pair : PAIRS) {
            Protocol protocol = pair.protocol();
            double peerSeconds = runPeer(peer, pair.peerName(), protocol);
            ExperimentResult ours = Experiment.run(protocol, engine, ExperimentListener.SILENT);
            double ratio = peerSeconds / ours.seconds();
            String row = String.format(Locale.ROOT, "| %s | %s | %d | %.1f | %.1f | %.1fx | %s |", protocol.id(),
                    pair.peerName(), protocol.epochs(), peerSeconds, ours.seconds(), ratio,
                    ratio >= TARGET_RATIO ? "yes" : "no");
            System.out.println(row);
            rows.add(row);
        }
        write(rows);
    }

    /** Runs the peer's experiment for the protocol's epochs and training sequences; the sum of its epoch seconds. */
    private static double runPeer(Path peer, String experiment, Protocol protocol)
            throws IOException, InterruptedException {
        List<String> command = List.of("node", "seed_experiments.js", experiment,
                Integer.toString(protocol.epochs()), Integer.toString(protocol.task().trainingSequences()));
        Process process = new ProcessBuilder(command).directory(peer.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        double seconds = 0;
        int epochs = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (!line.startsWith("{")) {
                    continue;
                }
                JsonNode epoch = JSON.readTree(line);
                // The windowed runs name it "seconds", the per-step runs "trainSeconds".
                JsonNode value = epoch.has("trainSeconds") ? epoch.get("trainSeconds") : epoch.get("seconds");
                seconds += value.asDouble();
                epochs++;
            }
        }
        if (process.waitFor() != 0 || epochs != protocol.epochs()) {
            throw new IllegalStateException("the peer's " + experiment + " ended with " + process.exitValue()
                    + " after " + epochs + " of " + protocol.epochs() + " epochs: " + String.join(" ", command));
        }
        return seconds;
    }

    private static void write(List<String> rows) throws IOException {
        String text = "# Side by side with a Keras-semantics peer (TensorFlow.js)\n\n"
                + "Written by `io.github.statefullstm.bench.PeerComparison` (see its class comment for the command) on "
                + LocalDate.now() + ", " + Runtime.getRuntime().availableProcessors() + " cores, "
                + NativeRuntime.describe() + ". Each experiment ran on the peer and then here, one after the other "
                + "in this one run, so compare the ratios; the seconds of another day are not comparable.\n\n"
                + "- *peer*: the sum of the peer's epoch seconds, training only (its `fit` validation pass included "
                + "where it has one); TensorFlow.js' layers API, a port of Keras, CPU backend.\n"
                + "- *this engine*: the experiment's seconds as the main job reports them: training, and the frozen "
                + "model scored on both splits after every epoch, in a JVM where ND4J has already loaded.\n\n"
                + "| | peer experiment | epochs | peer, s | this engine, s | speed-up | 10x or more |\n"
                + "|---|---|---|---|---|---|---|\n" + String.join("\n", rows) + "\n";
        ReportFiles.writeString(REPORT, text);
        System.out.println("Wrote " + REPORT);
    }
}
