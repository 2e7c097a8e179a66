package io.github.statefullstm.experiment;

import io.github.statefullstm.refusal.Refusal;
import io.github.statefullstm.sequence.Task;

/**
 * The task a protocol draws, as the post draws its {@code X} and {@code y}: how many sequences, how many steps each
 * (T), how many of them (the first ones) train while the rest validate, the fraction that hold a 1, and the seed that
 * draws it and initialises the model.
 */
public record TaskSpec(int sequences, int length, int trainingSequences, double fraction, long seed) {

    public TaskSpec {
        Refusal.require(sequences >= 2, "sequences", sequences, "must be >= 2: some to train on, some to validate");
        Refusal.require(length >= 1, "length", length, "must be >= 1");
        Refusal.require(trainingSequences >= 1 && trainingSequences < sequences, "trainingSequences",
                trainingSequences, "must be in [1, sequences - 1 = " + (sequences - 1) + "]");
        Refusal.require(fraction > 0 && fraction < 1, "fraction", fraction, "must be in (0, 1)");
    }

    /** The task drawn and split as the post splits it: the first rows train, the rest validate. */
    public Task.Split draw() {
        return Task.generate(sequences, length, fraction, seed).splitAt(trainingSequences);
    }

    public TaskSpec withSize(int newSequences, int newLength, int newTrainingSequences) {
        return new TaskSpec(newSequences, newLength, newTrainingSequences, fraction, seed);
    }

    public TaskSpec withFraction(double newFraction) {
        return new TaskSpec(sequences, length, trainingSequences, newFraction, seed);
    }

    public TaskSpec withSeed(long newSeed) {
        return new TaskSpec(sequences, length, trainingSequences, fraction, newSeed);
    }
}
