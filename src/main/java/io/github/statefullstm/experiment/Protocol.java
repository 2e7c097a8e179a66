package io.github.statefullstm.experiment;

import io.github.statefullstm.refusal.Refusal;
import io.github.statefullstm.rnn.Adam;
import io.github.statefullstm.rnn.LstmSpec;
import java.util.List;
import java.util.Locale;

/**
 * One experiment as data: the task (size, split and seed), the layout, the model and the epochs.
 *
 * @param window     window or chunk length, for the layouts that cut windows or chunks
 * @param stride     window stride, for the windowed layouts
 * @param postFigure what the post reports for this run, quoted beside our figures
 * @param postValidationAccuracy the post's final validation accuracy for this run, NaN where it shows none
 */
public record Protocol(String id, int sequences, int length, int trainingSequences, double fraction,
                       long seed, Layout layout, int window, int stride, int batchSize, LstmSpec spec, Adam adam,
                       int epochs, String postFigure,
                       double postValidationAccuracy) {

    public Protocol {
        Refusal.require(id != null && !id.isBlank(), "id", id, "must be given");
        Refusal.require(sequences > 0, "sequences", sequences, "must be > 0");
        Refusal.require(length > 0, "length", length, "must be > 0");
        Refusal.require(trainingSequences > 0 && trainingSequences < sequences, "trainingSequences", trainingSequences,
                "must be in [1, sequences - 1 = " + (sequences - 1) + "]");
        Refusal.require(layout != null, "layout", null, "must be given");
        Refusal.require(window > 0 && window <= length, "window", window, "must be in [1, length = " + length + "]");
        Refusal.require(stride > 0, "stride", stride, "must be > 0");
        Refusal.require(batchSize > 0, "batchSize", batchSize, "must be > 0");
        Refusal.require(epochs > 0, "epochs", epochs, "must be > 0");
        Refusal.require(spec != null && adam != null, "spec and adam", null, "must be given");
    }

    /** What the run is, made from its settings, so that it cannot disagree with them. */
    public String title() {
        return layout.title(this);
    }

    /** The task and the training, in words, from the settings. */
    public String setup() {
        return String.format(Locale.ROOT, "%d sequences of %d steps, a fraction %s of them ones, the first %d"
                + " to train on; %d %s; seed %d", sequences, length, fraction, trainingSequences, epochs,
                epochs == 1 ? "epoch" : "epochs", seed);
    }

    /**
     * How this setup differs from the post's own run with the same ID, one difference each ("T = 30, not 20"); empty
     * when it is the post's setup, and then only are the post's figures comparable. The seed is not a difference:
     * the post's draw is unknown, and every seed draws the same kind of task.
     */
    public List<String> differencesFromThePost() {
        return PostProtocols.differences(this);
    }

    /** The post's final validation accuracy where this is the post's setup; NaN otherwise, or where it shows none. */
    public double comparablePostValidationAccuracy() {
        return differencesFromThePost().isEmpty() ? postValidationAccuracy : Double.NaN;
    }

    /** What to show under "the post": its own words for its own setup, else how this setup differs from it. */
    public String postColumn() {
        List<String> differences = differencesFromThePost();
        return differences.isEmpty() ? postFigure
                : "not the post's setup (" + String.join("; ", differences) + "): no figure of the post compares";
    }

    public Protocol withSeed(long newSeed) {
        return new Protocol(id, sequences, length, trainingSequences, fraction, newSeed, layout, window, stride,
                batchSize, spec, adam, epochs, postFigure, postValidationAccuracy);
    }

    public Protocol withEpochs(int newEpochs) {
        return new Protocol(id, sequences, length, trainingSequences, fraction, seed, layout, window, stride,
                batchSize, spec, adam, newEpochs, postFigure, postValidationAccuracy);
    }

    public Protocol withWindow(int newWindow) {
        return new Protocol(id, sequences, length, trainingSequences, fraction, seed, layout, newWindow, stride,
                batchSize, spec, adam, epochs, postFigure, postValidationAccuracy);
    }

    public Protocol withBatchSize(int newBatchSize) {
        return new Protocol(id, sequences, length, trainingSequences, fraction, seed, layout, window, stride,
                newBatchSize, spec, adam, epochs, postFigure, postValidationAccuracy);
    }

    public Protocol withFraction(double newFraction) {
        return new Protocol(id, sequences, length, trainingSequences, newFraction, seed, layout, window, stride,
                batchSize, spec, adam, epochs, postFigure, postValidationAccuracy);
    }

    public Protocol withSpec(LstmSpec newSpec) {
        return new Protocol(id, sequences, length, trainingSequences, fraction, seed, layout, window, stride,
                batchSize, newSpec, adam, epochs, postFigure, postValidationAccuracy);
    }

    public Protocol withTask(int newSequences, int newLength, int newTrainingSequences) {
        return new Protocol(id, newSequences, newLength, newTrainingSequences, fraction, seed, layout,
                Math.min(window, newLength), stride, batchSize, spec, adam, epochs, postFigure, postValidationAccuracy);
    }
}
