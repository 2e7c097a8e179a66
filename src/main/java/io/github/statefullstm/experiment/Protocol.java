package io.github.statefullstm.experiment;

import io.github.statefullstm.rnn.Adam;
import io.github.statefullstm.rnn.LstmSpec;

/**
 * One experiment as data: the task (size, split and seed), the layout, the model and the epochs.
 *
 * @param window     window or chunk length, for the layouts that cut windows or chunks
 * @param stride     window stride, for the windowed layouts
 * @param postFigure what the post reports for this run, quoted beside our figures
 * @param postValidationAccuracy the post's final validation accuracy for this run, NaN where it shows none
 */
public record Protocol(String id, String title, int sequences, int length, int trainingSequences, double fraction,
                       long seed, Layout layout, int window, int stride, int batchSize, LstmSpec spec, Adam adam,
                       int epochs, String postFigure,
                       double postValidationAccuracy) {

    public Protocol {
        require(id != null && !id.isBlank(), "id", id, "must be given");
        require(sequences > 0, "sequences", sequences, "must be > 0");
        require(length > 0, "length", length, "must be > 0");
        require(trainingSequences > 0 && trainingSequences < sequences, "trainingSequences", trainingSequences,
                "must be in [1, sequences - 1 = " + (sequences - 1) + "]");
        require(layout != null, "layout", null, "must be given");
        require(window > 0 && window <= length, "window", window, "must be in [1, length = " + length + "]");
        require(stride > 0, "stride", stride, "must be > 0");
        require(batchSize > 0, "batchSize", batchSize, "must be > 0");
        require(epochs > 0, "epochs", epochs, "must be > 0");
        require(spec != null && adam != null, "spec and adam", null, "must be given");
    }

    public Protocol withSeed(long newSeed) {
        return new Protocol(id, title, sequences, length, trainingSequences, fraction, newSeed, layout, window, stride,
                batchSize, spec, adam, epochs, postFigure, postValidationAccuracy);
    }

    public Protocol withEpochs(int newEpochs) {
        return new Protocol(id, title, sequences, length, trainingSequences, fraction, seed, layout, window, stride,
                batchSize, spec, adam, newEpochs, postFigure, postValidationAccuracy);
    }

    public Protocol withWindow(int newWindow) {
        return new Protocol(id, title, sequences, length, trainingSequences, fraction, seed, layout, newWindow, stride,
                batchSize, spec, adam, epochs, postFigure, postValidationAccuracy);
    }

    public Protocol withBatchSize(int newBatchSize) {
        return new Protocol(id, title, sequences, length, trainingSequences, fraction, seed, layout, window, stride,
                newBatchSize, spec, adam, epochs, postFigure, postValidationAccuracy);
    }

    public Protocol withSpec(LstmSpec newSpec) {
        return new Protocol(id, title, sequences, length, trainingSequences, fraction, seed, layout, window, stride,
                batchSize, newSpec, adam, epochs, postFigure, postValidationAccuracy);
    }

    public Protocol withTask(int newSequences, int newLength, int newTrainingSequences) {
        return new Protocol(id, title, newSequences, newLength, newTrainingSequences, fraction, seed, layout,
                Math.min(window, newLength), stride, batchSize, spec, adam, epochs, postFigure, postValidationAccuracy);
    }

    private static void require(boolean holds, String parameter, Object value, String rule) {
        if (!holds) {
            throw new IllegalArgumentException(parameter + " = " + value + ": " + rule);
        }
    }
}
