package io.github.statefullstm.experiment;

import io.github.statefullstm.refusal.Refusal;
import io.github.statefullstm.sequence.Task;
import io.github.statefullstm.sequence.VaryingLengthTask;

/**
 * The task a protocol draws, as the post draws its {@code X} and {@code y}: how many sequences, how many steps each
 * (T), how many of them (the first ones) train while the rest validate, the fraction that hold a 1, and the seed that
 * draws it and initialises the model. The post's sequences all have T steps; a task of sequences of unequal lengths
 * (experiment F) draws each length from {@code [shortest, T]}.
 *
 * @param shortest the fewest steps a sequence may have; {@code length} when every sequence has T steps
 * @param length   T: every sequence's steps, or the most a sequence may have when lengths vary
 */
public record TaskSpec(int sequences, int shortest, int length, int trainingSequences, double fraction, long seed) {

    public TaskSpec {
        Refusal.require(sequences >= 2, "sequences", sequences, "must be >= 2: some to train on, some to validate");
        Refusal.require(length >= 1, "length", length, "must be >= 1");
        Refusal.require(shortest >= 1 && shortest <= length, "shortest", shortest,
                "must be in [1, T = " + length + "]");
        Refusal.require(trainingSequences >= 1 && trainingSequences < sequences, "trainingSequences",
                trainingSequences, "must be in [1, sequences - 1 = " + (sequences - 1) + "]");
        Refusal.require(fraction > 0 && fraction < 1, "fraction", fraction, "must be in (0, 1)");
    }

    /** The post's kind of task: every sequence has {@code length} steps. */
    public TaskSpec(int sequences, int length, int trainingSequences, double fraction, long seed) {
        this(sequences, length, length, trainingSequences, fraction, seed);
    }

    /** Whether sequences have lengths of their own, drawn from {@code [shortest, T]}. */
    public boolean lengthsVary() {
        return shortest < length;
    }

    /**
     * The task drawn and split as the post splits it: the first rows train, the rest validate. Only a task whose
     * sequences all have T steps is a {@link Task}; one whose lengths vary is drawn by {@link #drawVaryingLengths}.
     */
    public Task.Split draw() {
        Refusal.require(!lengthsVary(), "shortest", shortest, "must be T = " + length
                + " for a task whose sequences all have T steps");
        return Task.generate(sequences, length, fraction, seed).splitAt(trainingSequences);
    }

    /**
     * The task drawn with each sequence's length in {@code [shortest, T]}, split as the post splits it. Its targets
     * are those {@link #draw()} gives for the same seed, whatever the lengths.
     */
    public VaryingLengthTask.Split drawVaryingLengths() {
        return VaryingLengthTask.generate(sequences, shortest, length, fraction, seed).splitAt(trainingSequences);
    }

    /**
     * Another size. Sequences of one length keep one length, the new T; where lengths vary, a shortest length beyond
     * the new T shrinks to it.
     */
    public TaskSpec withSize(int newSequences, int newLength, int newTrainingSequences) {
        return new TaskSpec(newSequences, shortestFor(newLength), newLength, newTrainingSequences, fraction, seed);
    }

    /** The shortest length for another T: T itself when every sequence has T steps, else at most T. */
    public int shortestFor(int newLength) {
        return lengthsVary() ? Math.min(shortest, newLength) : newLength;
    }

    public TaskSpec withFraction(double newFraction) {
        return new TaskSpec(sequences, shortest, length, trainingSequences, newFraction, seed);
    }

    public TaskSpec withSeed(long newSeed) {
        return new TaskSpec(sequences, shortest, length, trainingSequences, fraction, newSeed);
    }
}
