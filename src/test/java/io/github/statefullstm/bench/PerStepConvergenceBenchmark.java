package io.github.statefullstm.bench;

import io.github.statefullstm.rnn.LstmModel;
import io.github.statefullstm.rnn.LstmSpec;
import io.github.statefullstm.rnn.ModelConfig;
import io.github.statefullstm.rnn.dl4j.Dl4jEngine;
import io.github.statefullstm.rnn.dl4j.NativeRuntime;

/**
 * Epochs and seconds to 0.99 validation accuracy for the post's per-step protocol on the DL4J engine, batch 1 and
 * ten sequences side by side, in one JVM after a warm-up, so the two times can be compared as a ratio.
 *
 * <p>Run (add {@code -Dorg.bytedeco.javacpp.nopointergc=true} for ND4J's fast, leaking mode):
 * <pre>
 * mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt) io.github.statefullstm.bench.PerStepConvergenceBenchmark
 * </pre>
 * Expect both to reach 1.0 after one epoch, the batched run in a fraction of the time.
 */
public final class PerStepConvergenceBenchmark {

    private static final long DATA_SEED = 2016;
    private static final long MODEL_SEED = 7;
    private static final double TARGET_ACCURACY = 0.99;
    private static final int MAX_EPOCHS = 5;
    private static final int SIDE_BY_SIDE = 10;

    private PerStepConvergenceBenchmark() {
    }

    public static void main(String[] args) {
        PerStepProtocol protocol = new PerStepProtocol(DATA_SEED);
        System.out.println(NativeRuntime.describe());
        // Warm-up: JIT and ND4J's lazy initialisation, on throw-away models.
        protocol.trainEpoch(model(1, MODEL_SEED + 1), 1);
        protocol.trainEpoch(model(SIDE_BY_SIDE, MODEL_SEED + 1), SIDE_BY_SIDE);
        double single = secondsToTarget(protocol, 1);
        double batched = secondsToTarget(protocol, SIDE_BY_SIDE);
        System.out.printf("batched / batch-1 time: %.2f%n", batched / single);
    }

    private static LstmModel model(int rows, long seed) {
        return new Dl4jEngine().build(ModelConfig.stateful(LstmSpec.POST, rows, seed));
    }

    private static double secondsToTarget(PerStepProtocol protocol, int rows) {
        LstmModel model = model(rows, MODEL_SEED);
        long start = System.nanoTime();
        double accuracy = 0;
        int epoch = 0;
        double seconds = 0;
        while (epoch < MAX_EPOCHS && accuracy < TARGET_ACCURACY) {
            protocol.trainEpoch(model, rows);
            epoch++;
            accuracy = protocol.validationAccuracy(model, rows);
            seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("batch %d: epoch %d, validation accuracy %.4f, %.1f s%n", rows, epoch, accuracy, seconds);
        }
        return seconds;
    }
}
