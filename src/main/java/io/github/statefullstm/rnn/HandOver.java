package io.github.statefullstm.rnn;

import io.github.statefullstm.refusal.Refusal;

/**
 * A trained model's weights and state handed to a model of another batch size, on any engine: the most-asked
 * question after training a stateful model at batch B is how to go on with one stream at a time. Keras' answer is to
 * build a model of batch size 1, copy the weights, and set its state; this is that, written once. Row {@code i} of
 * the batch-B model and the batch-1 model given row {@code i}'s carried state then continue the same stream alike,
 * since inside a batch every row has its own state (STATE-1) and the weights are all a model shares across rows.
 *
 * <p>Only the weights and the state go over; the optimizer's moments stay behind, as they do in Keras' copy of
 * weights: the new model is for going on with the streams, and starts its own training afresh if it trains.
 */
public final class HandOver {

    private HandOver() {
    }

    /**
     * A stateful model of batch size 1 on {@code engine}, with {@code trained}'s weights, whose next batch continues
     * row {@code row} of {@code trained} from that row's carried state.
     */
    public static LstmModel rowToBatchOfOne(LstmModel trained, int row, LstmEngine engine) {
        requireStateful(trained);
        // kata:begin hand-over
        LstmState rowState = trained.states().row(row);
        LstmModel single = withBatchSize(trained, 1, engine);
        single.resetStates(rowState);
        return single;
        // kata:end
    }

    /**
     * A stateful model of {@code batchSize} rows on {@code engine} with {@code trained}'s weights, every row starting
     * from zero: the same network, laid out for another number of streams.
     */
    public static LstmModel withBatchSize(LstmModel trained, int batchSize, LstmEngine engine) {
        Refusal.require(trained != null, "trained model", null, "must be given");
        Refusal.require(engine != null, "engine", null, "must be given");
        // kata:begin hand-over
        ModelConfig config = trained.config();
        ModelConfig resized = new ModelConfig(config.spec(), true, batchSize, config.adam(), config.seed(),
                config.masking());
        LstmModel model = engine.build(resized);
        model.setWeights(trained.getWeights());
        return model;
        // kata:end
    }

    private static void requireStateful(LstmModel trained) {
        Refusal.require(trained != null, "trained model", null, "must be given");
        Refusal.require(trained.config().stateful(), "trained model", "stateless",
                "must be stateful: a stateless model carries no state to hand over");
    }
}
