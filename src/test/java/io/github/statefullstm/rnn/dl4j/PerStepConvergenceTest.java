package io.github.statefullstm.rnn.dl4j;

import io.github.statefullstm.rnn.LstmModel;
import io.github.statefullstm.rnn.LstmSpec;
import io.github.statefullstm.rnn.ModelConfig;
import io.github.statefullstm.spec.Claim;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The post's per-step stateful protocol on the DL4J engine: one step per trainOnBatch, a reset after every
 * sequence, Adam 0.001. Prints epochs and seconds to the target for reports/dl4j-speed.md.
 */
class PerStepConvergenceTest {

    private static final int TRAIN = 1000;
    private static final int VALIDATION = 200;
    private static final int STEPS = 20;
    private static final long DATA_SEED = 2016;
    private static final long MODEL_SEED = 7;
    /** The post reports 1.0 after one epoch; 0.99 leaves room for two of 200 validation sequences. */
    private static final double TARGET_ACCURACY = 0.99;
    /** The post reached 1.0 in its first epoch; two epochs is the brief's allowance. */
    private static final int BATCH_ONE_EPOCHS = 2;
    /** Ten sequences side by side make ten times fewer updates per epoch, so more epochs are allowed. */
    private static final int ROWS = 10;
    private static final int BATCHED_EPOCHS = 15;

    /** The post's task: zeros except step 0; exactly half of all sequences hold 1 there; target = step 0. */
    private static double[] firstSteps() {
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < TRAIN + VALIDATION; i++) {
            values.add(i < (TRAIN + VALIDATION) / 2 ? 1.0 : 0.0);
        }
        Collections.shuffle(values, new Random(DATA_SEED));
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    @Test
    @Claim("DL4J-6")
    void batchOfOneReachesTheTargetWithinTwoEpochs() {
        double[] first = firstSteps();
        LstmModel model = new Dl4jEngine().build(ModelConfig.stateful(LstmSpec.POST, 1, MODEL_SEED));
        long start = System.nanoTime();
        double accuracy = 0;
        int epoch = 0;
        while (epoch < BATCH_ONE_EPOCHS && accuracy < TARGET_ACCURACY) {
            for (int sequence = 0; sequence < TRAIN; sequence++) {
                for (int step = 0; step < STEPS; step++) {
                    model.trainOnBatch(new double[][][] {{{step == 0 ? first[sequence] : 0}}},
                            new double[] {first[sequence]});
                }
                model.resetStates();
            }
            epoch++;
            accuracy = validationAccuracy(model, first, 1);
            System.out.printf("DL4J-6 batch 1: epoch %d, validation accuracy %.4f, %.1f s%n", epoch, accuracy,
                    (System.nanoTime() - start) / 1e9);
        }
        assertTrue(accuracy >= TARGET_ACCURACY, "validation accuracy " + accuracy + " after " + epoch + " epochs");
    }

    @Test
    @Claim("DL4J-7")
    void sequencesSideBySideReachTheTargetToo() {
        double[] first = firstSteps();
        LstmModel model = new Dl4jEngine().build(ModelConfig.stateful(LstmSpec.POST, ROWS, MODEL_SEED));
        long start = System.nanoTime();
        double accuracy = 0;
        int epoch = 0;
        while (epoch < BATCHED_EPOCHS && accuracy < TARGET_ACCURACY) {
            for (int group = 0; group < TRAIN / ROWS; group++) {
                double[] targets = new double[ROWS];
                System.arraycopy(first, group * ROWS, targets, 0, ROWS);
                for (int step = 0; step < STEPS; step++) {
                    model.trainOnBatch(stepOf(targets, step), targets);
                }
                model.resetStates(); // after every 20 batches: each row has finished its sequence
            }
            epoch++;
            accuracy = validationAccuracy(model, first, ROWS);
            System.out.printf("DL4J-7 batch %d: epoch %d, validation accuracy %.4f, %.1f s%n", ROWS, epoch, accuracy,
                    (System.nanoTime() - start) / 1e9);
        }
        assertTrue(accuracy >= TARGET_ACCURACY, "validation accuracy " + accuracy + " after " + epoch + " epochs");
    }

    private static double[][][] stepOf(double[] firstOfEachRow, int step) {
        double[][][] batch = new double[firstOfEachRow.length][1][1];
        for (int row = 0; row < firstOfEachRow.length; row++) {
            batch[row][0][0] = step == 0 ? firstOfEachRow[row] : 0;
        }
        return batch;
    }

    /** Fed step by step, reset between sequences, judged at the last step, as the post validates. */
    private static double validationAccuracy(LstmModel model, double[] first, int rows) {
        int correct = 0;
        for (int group = 0; group < VALIDATION / rows; group++) {
            double[] targets = new double[rows];
            System.arraycopy(first, TRAIN + group * rows, targets, 0, rows);
            model.resetStates();
            double[] probabilities = null;
            for (int step = 0; step < STEPS; step++) {
                probabilities = model.predictOnBatch(stepOf(targets, step));
            }
            for (int row = 0; row < rows; row++) {
                if ((probabilities[row] > 0.5 ? 1 : 0) == targets[row]) {
                    correct++;
                }
            }
        }
        model.resetStates();
        return (double) correct / VALIDATION;
    }
}
