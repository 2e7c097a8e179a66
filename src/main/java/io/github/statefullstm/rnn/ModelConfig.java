package io.github.statefullstm.rnn;

import io.github.statefullstm.refusal.Refusal;

/**
 * Everything an engine needs to build a model. A stateful model has a fixed batch size, as Keras'
 * {@code batch_input_shape} demands, because row i of each batch continues row i of the previous one.
 * A stateless model accepts any number of rows and ignores {@code batchSize}.
 *
 * @param seed drives the weight initialisation; the same seed gives the same weights
 * @param masking Keras' {@code Masking} layer in front of the LSTM, or {@link Masking#NONE}
 */
public record ModelConfig(LstmSpec spec, boolean stateful, int batchSize, Adam adam, long seed, Masking masking) {

    public ModelConfig {
        Refusal.require(spec != null, "spec", null, "must be given");
        Refusal.require(adam != null, "adam", null, "must be given");
        Refusal.require(batchSize > 0, "batchSize", batchSize, "must be > 0");
        Refusal.require(masking != null, "masking", null, "must be given (Masking.NONE for none)");
    }

    /** A model without masking, as the post's. */
    public ModelConfig(LstmSpec spec, boolean stateful, int batchSize, Adam adam, long seed) {
        this(spec, stateful, batchSize, adam, seed, Masking.NONE);
    }

    /** The same model behind Keras' {@code Masking} layer, or without one. */
    public ModelConfig withMasking(Masking newMasking) {
        return new ModelConfig(spec, stateful, batchSize, adam, seed, newMasking);
    }

    public static ModelConfig stateless(LstmSpec spec, long seed) {
        return new ModelConfig(spec, false, 1, Adam.KERAS, seed);
    }

    public static ModelConfig stateful(LstmSpec spec, int batchSize, long seed) {
        return new ModelConfig(spec, true, batchSize, Adam.KERAS, seed);
    }
}
