package io.github.statefullstm.bench;

import io.github.statefullstm.rnn.LstmModel;
import io.github.statefullstm.rnn.LstmSpec;
import io.github.statefullstm.rnn.ModelConfig;
import io.github.statefullstm.rnn.reference.ReferenceEngine;

/**
 * How long one step-update of the reference LSTM(10) takes on the post's per-step protocol: batch 1, one step, one
 * feature, stateful, one trainOnBatch (forward, BPTT, Adam) per call, with a reset every 20 steps as in the post.
 *
 * <p>Run it from the test classpath (no plugin needed beyond Maven's own dependency plugin):
 * <pre>
 * ./mvnw -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt) io.github.statefullstm.bench.ReferenceStepBenchmark
 * </pre>
 * Expect microseconds per update, not milliseconds: the arithmetic is a few thousand floating-point operations, with
 * no native call to pay for. The JIT needs the warm-up; the timed rounds print their spread so a noisy, shared machine
 * shows as such.
 */
public final class ReferenceStepBenchmark {

    private static final int WARM_UP_UPDATES = 200_000;
    private static final int ROUNDS = 5;
    private static final int UPDATES_PER_ROUND = 200_000;
    /** The post's sequence length: the state is reset after this many steps. */
    private static final int STEPS_PER_SEQUENCE = 20;
    private static final long SEED = 42;

    private ReferenceStepBenchmark() {
    }

    public static void main(String[] args) {
        LstmModel model = new ReferenceEngine().build(ModelConfig.stateful(LstmSpec.POST, 1, SEED));
        double[][][] step = new double[1][1][1];
        double[] target = new double[1];
        double sink = run(model, step, target, WARM_UP_UPDATES);
        double best = Double.MAX_VALUE;
        double worst = 0;
        for (int round = 1; round <= ROUNDS; round++) {
            long start = System.nanoTime();
            sink += run(model, step, target, UPDATES_PER_ROUND);
            double micros = (System.nanoTime() - start) / 1e3 / UPDATES_PER_ROUND;
            best = Math.min(best, micros);
            worst = Math.max(worst, micros);
            System.out.printf("round %d: %.3f us per trainOnBatch%n", round, micros);
        }
        System.out.printf("reference LSTM(10), batch 1, 1 step: best %.3f us, worst %.3f us per update (sink %.3f)%n",
                best, worst, sink);
    }

    /** Per-step updates on sequences that are 1 at step 0 for every other sequence; returns the summed loss. */
    private static double run(LstmModel model, double[][][] step, double[] target, int updates) {
        double loss = 0;
        for (int update = 0; update < updates; update++) {
            int sequence = update / STEPS_PER_SEQUENCE;
            int position = update % STEPS_PER_SEQUENCE;
            target[0] = sequence % 2;
            step[0][0][0] = position == 0 ? target[0] : 0;
            loss += model.trainOnBatch(step, target).loss();
            if (position == STEPS_PER_SEQUENCE - 1) {
                model.resetStates();
            }
        }
        return loss;
    }
}
