package io.github.statefullstm.experiment;

import io.github.statefullstm.refusal.Refusal;
import java.util.ArrayList;
import java.util.List;

/**
 * The post's own run of a protocol, held beside it: what the post printed for it, its final validation accuracy, and
 * the settings it ran with, against which a run's settings are compared before the post's figures stand beside it.
 *
 * @param figure             what the post reports for this run, quoted beside our figures
 * @param validationAccuracy the post's final validation accuracy, NaN where it shows none
 */
public record PostRun(String figure, double validationAccuracy, TaskSpec task, LayoutSpec layout, ModelSpec model,
                      int epochs) {

    public PostRun {
        Refusal.require(figure != null, "figure", null, "must be given");
        Refusal.require(task != null && layout != null && model != null, "task, layout and model", null,
                "must be given");
    }

    /** This run as a protocol named {@code id}, with the post's run beside it. */
    Protocol protocol(String id) {
        return new Protocol(id, task, layout, model, epochs, this);
    }

    /**
     * How a run's settings differ from these, one difference each ("T = 30, not 20"). The seed is not a difference:
     * the post's draw is unknown, and every seed draws the same kind of task.
     */
    List<String> differencesFrom(Protocol run) {
        List<String> differences = new ArrayList<>();
        differ(differences, "sequences", run.task().sequences(), task.sequences());
        if (run.task().lengthsVary() || task.lengthsVary()) {
            // where every sequence has T steps, the shortest is T, and T's difference says it
            differ(differences, "shortest", run.task().shortest(), task.shortest());
        }
        differ(differences, "T", run.task().length(), task.length());
        differ(differences, "training sequences", run.task().trainingSequences(), task.trainingSequences());
        differ(differences, "fraction of ones", run.task().fraction(), task.fraction());
        differ(differences, "layout", run.layout().kind(), layout.kind());
        differ(differences, run.layout().kind().cutsChunks() ? "chunk" : "window", run.layout().window(),
                layout.window());
        differ(differences, "stride", run.layout().stride(), layout.stride());
        differ(differences, "batch", run.layout().batchSize(), layout.batchSize());
        differ(differences, "target period", period(run.layout()), period(layout));
        differ(differences, "epochs", run.epochs(), epochs);
        differ(differences, "units", run.model().lstm().units(), model.lstm().units());
        differ(differences, "cell", run.model().lstm().cell().id(), model.lstm().cell().id());
        differ(differences, "layers", run.model().lstm().layers(), model.lstm().layers());
        differ(differences, "gates", run.model().lstm().gateActivation(), model.lstm().gateActivation());
        differ(differences, "learning rate", run.model().adam().learningRate(), model.adam().learningRate());
        return List.copyOf(differences);
    }

    /** A layout's target period in words: its steps, or where the post's model answers. */
    private static String period(LayoutSpec layout) {
        return layout.targetPeriod().isPresent() ? String.valueOf(layout.targetPeriod().getAsInt())
                : "none (the last step of each sample)";
    }

    private static void differ(List<String> differences, String what, Object run, Object post) {
        if (!run.equals(post)) {
            differences.add(what + " = " + run + ", not " + post);
        }
    }
}
