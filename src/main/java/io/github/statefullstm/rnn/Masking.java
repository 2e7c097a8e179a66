package io.github.statefullstm.rnn;

import io.github.statefullstm.refusal.Refusal;
import java.util.OptionalDouble;

/**
 * Keras' {@code Masking(mask_value)} layer in front of the LSTM, or none. A step whose every feature equals the mask
 * value is skipped: the row's h and c go through it unchanged, so its output stays the row's last one, and nothing
 * flows back through it but the errors of the state, unchanged. Padding a sequence with such steps, on the left, on the
 * right or inside it, then gives exactly what the sequence gives alone. Without masking every step is a real step,
 * zeros included: a zero input still moves the state through the biases.
 *
 * @param value the mask value, or empty for no masking
 */
public record Masking(OptionalDouble value) {

    /** No masking: every step is a step, as in the post's own model. */
    public static final Masking NONE = new Masking(OptionalDouble.empty());

    public Masking {
        Refusal.require(value != null, "masking value", null, "must be given (empty for no masking)");
        if (value.isPresent() && !Double.isFinite(value.getAsDouble())) {
            // an input must be finite (CallChecks), so a mask value that is not could never match a step
            throw Refusal.refused("mask value", value.getAsDouble(), "must be finite, as every input is");
        }
    }

    /** Keras' {@code Masking(mask_value=value)}. */
    public static Masking ofValue(double value) {
        return new Masking(OptionalDouble.of(value));
    }

    /** Whether this step is skipped: masking is on and every feature of the step equals the mask value. */
    public boolean masks(double[] step) {
        if (value.isEmpty()) {
            return false;
        }
        double mask = value.getAsDouble();
        for (double feature : step) {
            if (feature != mask) {
                return false;
            }
        }
        return true;
    }

    /**
     * Which steps of a (checked) batch are skipped, {@code [row][step]}; null when none is, so that an engine runs
     * its plain passes on every batch without a masked step.
     */
    public boolean[][] skippedSteps(double[][][] inputs) {
        if (value.isEmpty()) {
            return null;
        }
        boolean[][] skipped = null;
        for (int row = 0; row < inputs.length; row++) {
            for (int step = 0; step < inputs[row].length; step++) {
                if (masks(inputs[row][step])) {
                    if (skipped == null) {
                        skipped = new boolean[inputs.length][inputs[row].length];
                    }
                    skipped[row][step] = true;
                }
            }
        }
        return skipped;
    }
}
