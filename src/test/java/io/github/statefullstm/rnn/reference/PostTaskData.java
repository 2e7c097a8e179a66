package io.github.statefullstm.rnn.reference;

import java.util.SplittableRandom;

/**
 * The post's task, just enough of it to train the reference engine here: 1200 sequences of 20 steps, zeros except
 * step 0, where exactly half hold 1; the target is step 0; the first 1000 train, the last 200 validate.
 * (The project's real task generator lives in the {@code sequence} package; this stand-in keeps this test
 * independent of it.)
 */
record PostTaskData(double[][] train, double[] trainTargets, double[][] validation, double[] validationTargets) {

    static final int SEQUENCES = 1200;
    static final int TRAIN = 1000;
    static final int STEPS = 20;

    static PostTaskData draw(long seed) {
        int[] order = new int[SEQUENCES];
        for (int i = 0; i < SEQUENCES; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = SEQUENCES - 1; i > 0; i--) { // Fisher-Yates: the first half of the order hold 1
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        double[][] x = new double[SEQUENCES][STEPS];
        double[] y = new double[SEQUENCES];
        for (int i = 0; i < SEQUENCES / 2; i++) {
            x[order[i]][0] = 1;
            y[order[i]] = 1;
        }
        return new PostTaskData(java.util.Arrays.copyOfRange(x, 0, TRAIN), java.util.Arrays.copyOfRange(y, 0, TRAIN),
                java.util.Arrays.copyOfRange(x, TRAIN, SEQUENCES), java.util.Arrays.copyOfRange(y, TRAIN, SEQUENCES));
    }

    static int ones(double[] targets) {
        int ones = 0;
        for (double target : targets) {
            ones += (int) target;
        }
        return ones;
    }
}
