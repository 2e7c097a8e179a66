package io.github.statefullstm.experiment;

import io.github.statefullstm.refusal.Refusal;
import io.github.statefullstm.rnn.Adam;
import io.github.statefullstm.rnn.LstmSpec;
import io.github.statefullstm.rnn.ModelConfig;

/**
 * The model a protocol trains: the LSTM's architecture and Adam's hyper-parameters. The rest of what an engine builds
 * from (statefulness, batch size, seed) comes from the layout and the task.
 */
public record ModelSpec(LstmSpec lstm, Adam adam) {

    public ModelSpec {
        Refusal.require(lstm != null, "lstm", null, "must be given");
        Refusal.require(adam != null, "adam", null, "must be given");
    }

    /** What an engine builds this model from, for a layout's statefulness and batch size and a task's seed. */
    public ModelConfig config(boolean stateful, int batchSize, long seed) {
        return new ModelConfig(lstm, stateful, batchSize, adam, seed);
    }

    public ModelSpec withLstm(LstmSpec newLstm) {
        return new ModelSpec(newLstm, adam);
    }
}
