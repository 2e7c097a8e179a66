package io.github.statefullstm.rnn;

/**
 * Drives a model's outputs into the region where Keras clips the probability ({@link KerasCrossEntropy}): its dense
 * head is scaled up, so that the logits of ordinary states reach past about ±16.1, where sigmoid leaves
 * {@code [1e-7, 1 - 1e-7]}. The initial weights alone never get there, so without this no generator reaches saturation.
 */
public final class SaturatedHead {

    /**
     * h lies in (-1, 1) and Keras' initial dense kernel within ±sqrt(6 / (units + 1)): forty times that spreads the
     * logits over tens of units, so a batch mixes clipped and unclipped rows.
     */
    public static final double SCALE = 40;

    private SaturatedHead() {
    }

    /** Gives the model its own weights with the dense kernel and bias scaled by {@link #SCALE}. */
    public static void apply(LstmModel model) {
        LstmWeights w = model.getWeights();
        double[] dense = w.denseKernel().clone();
        for (int j = 0; j < dense.length; j++) {
            dense[j] *= SCALE;
        }
        model.setWeights(w.withHead(dense, w.denseBias() * SCALE));
    }

    /** How many of these probabilities Keras clips: for the generators' statistics. */
    public static long clipped(double[] probabilities) {
        long count = 0;
        for (double p : probabilities) {
            if (KerasCrossEntropy.clipped(p)) {
                count++;
            }
        }
        return count;
    }
}
