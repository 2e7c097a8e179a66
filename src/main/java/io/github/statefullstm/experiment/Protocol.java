package io.github.statefullstm.experiment;

import io.github.statefullstm.refusal.Refusal;
import io.github.statefullstm.rnn.LstmSpec;
import java.util.List;
import java.util.Locale;

/**
 * One experiment as data, made of its parts: the task it draws, how it lays the task out in batches, the model it
 * trains and for how many epochs, with the post's own run beside it where the post ran one. Each part refuses its own
 * bad values; the protocol refuses what only the parts together decide.
 *
 * @param post the post's run of this protocol, to compare with; null for a protocol the post never ran
 */
public record Protocol(String id, TaskSpec task, LayoutSpec layout, ModelSpec model, int epochs, PostRun post) {

    public Protocol {
        Refusal.require(id != null && !id.isBlank(), "id", id, "must be given");
        Refusal.require(task != null && layout != null && model != null, "task, layout and model", null,
                "must be given");
        requireWindowFits(layout.window(), task);
        layout.targetPeriod().ifPresent(period -> requireTargetPeriodFits(period, task));
        Refusal.require(!task.lengthsVary() || layout.kind().takesVaryingLengths(), "shortest", task.shortest(),
                "must be T = " + task.length() + " for layout " + layout.kind() + ", whose sequences all have T steps");
        Refusal.require(epochs >= 1, "epochs", epochs, "must be >= 1");
    }

    /** A window is 1 to T steps long: it cannot be empty, nor longer than the sequences it is cut from. */
    public static void requireWindowFits(int window, TaskSpec task) {
        Refusal.require(window >= 1 && window <= task.length(), "window", window,
                "must be in [1, T = " + task.length() + "]");
    }

    /**
     * A target period divides T, so that every period of a sequence is whole and its last step answers; sequences of
     * lengths of their own have no one T for it to divide.
     */
    public static void requireTargetPeriodFits(int period, TaskSpec task) {
        Refusal.require(!task.lengthsVary(), "targetPeriod", period, "must not be given for sequences of "
                + task.shortest() + " to " + task.length() + " steps: a period must divide every sequence's length");
        Refusal.require(period >= 1 && task.length() % period == 0, "targetPeriod", period,
                "must be >= 1 and divide T = " + task.length() + ", so that a sequence's periods are whole and its "
                        + "last step has a target");
    }

    /** A protocol the post never ran: no figure of the post stands beside it. */
    public Protocol(String id, TaskSpec task, LayoutSpec layout, ModelSpec model, int epochs) {
        this(id, task, layout, model, epochs, null);
    }

    /** What the run is, made from its settings, so that it cannot disagree with them. */
    public String title() {
        return layout.title();
    }

    /** The task and the training, in words, from the settings. */
    public String setup() {
        return String.format(Locale.ROOT, "%d sequences of %s steps, a fraction %s of them ones, the first %d"
                + " to train on; %s -> Dense(1, sigmoid); %d %s; seed %d", task.sequences(), task.lengthsVary()
                ? task.shortest() + " to " + task.length() : String.valueOf(task.length()), task.fraction(),
                task.trainingSequences(), model.lstm().title(), epochs, epochs == 1 ? "epoch" : "epochs",
                task.seed());
    }

    /**
     * How this setup differs from the post's own run beside it, one difference each ("T = 30, not 20"); empty when it
     * is the post's setup, and then only are the post's figures comparable. The seed is not a difference: the post's
     * draw is unknown, and every seed draws the same kind of task.
     */
    public List<String> differencesFromThePost() {
        return post == null ? List.of("not one of the post's runs") : post.differencesFrom(this);
    }

    /** The post's final validation accuracy where this is the post's setup; NaN otherwise, or where it shows none. */
    public double comparablePostValidationAccuracy() {
        return differencesFromThePost().isEmpty() ? post.validationAccuracy() : Double.NaN;
    }

    /** What to show under "the post": its own words for its own setup, else how this setup differs from it. */
    public String postColumn() {
        List<String> differences = differencesFromThePost();
        return differences.isEmpty() ? post.figure()
                : "not the post's setup (" + String.join("; ", differences) + "): no figure of the post compares";
    }

    public Protocol withTask(TaskSpec newTask) {
        return new Protocol(id, newTask, layout, model, epochs, post);
    }

    public Protocol withLayout(LayoutSpec newLayout) {
        return new Protocol(id, task, newLayout, model, epochs, post);
    }

    public Protocol withModel(ModelSpec newModel) {
        return new Protocol(id, task, layout, newModel, epochs, post);
    }

    public Protocol withEpochs(int newEpochs) {
        return new Protocol(id, task, layout, model, newEpochs, post);
    }

    /** The same protocol on another draw of its task (and another initialisation of its model). */
    public Protocol withSeed(long seed) {
        return withTask(task.withSeed(seed));
    }

    /** The same protocol with another LSTM. */
    public Protocol withLstm(LstmSpec lstm) {
        return withModel(model.withLstm(lstm));
    }
}
