package io.github.statefullstm.cli;

import io.github.statefullstm.experiment.LayoutSpec;
import io.github.statefullstm.experiment.ModelSpec;
import io.github.statefullstm.experiment.Protocol;
import io.github.statefullstm.experiment.TaskSpec;
import io.github.statefullstm.refusal.Refusal;
import io.github.statefullstm.rnn.Cell;
import io.github.statefullstm.rnn.LstmSpec;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The main job's options that change the post's protocols, as given (null where not given), and the protocols they
 * make: each part of a protocol is built once from them, and checks its own values, so the options are checked where
 * the protocols are. A part's refusal is then worded with the option that gave the value.
 */
record ProtocolOptions(Integer sequences, Integer length, Integer training, Double fraction, Integer window,
                       Integer targetPeriod, Integer batchSize, Integer units, String cell, Integer layers,
                       Integer epochs) {

    /** The option that sets each parameter a protocol's parts refuse by name. */
    private static final Map<String, String> OPTION_OF_PARAMETER = Map.ofEntries(Map.entry("sequences", "--sequences"),
            Map.entry("length", "--length"), Map.entry("trainingSequences", "--training"),
            Map.entry("fraction", "--fraction"), Map.entry("window", "--window"),
            Map.entry("targetPeriod", "--target-period"), Map.entry("batchSize", "--batch-size"),
            Map.entry("units", "--units"), Map.entry("cell", "--cell"), Map.entry("layers", "--layers"),
            Map.entry("epochs", "--epochs"));

    /** One of the post's runs with these options and the seed. */
    Protocol applyTo(Protocol post, long seed) {
        TaskSpec postTask = post.task();
        int steps = or(length, postTask.length());
        // --length is T, the longest a sequence may be where lengths vary (F); the shortest shrinks to a shorter T
        TaskSpec task = new TaskSpec(or(sequences, postTask.sequences()), postTask.shortestFor(steps), steps,
                or(training, postTask.trainingSequences()), or(fraction, postTask.fraction()), seed);
        LayoutSpec postLayout = post.layout();
        // --window is the window of the layouts that cut one; a window left alone shrinks to a shorter T, so that
        // --length alone is enough to run on shorter sequences.
        int cut = window != null && postLayout.kind().cutsWindows() ? window : Math.min(postLayout.window(), steps);
        if (window != null) {
            // a window given with runs that cut none is unused, but still a window: one that no run could cut from
            // this task is a mistake whichever experiments were chosen
            Protocol.requireWindowFits(window, task);
        }
        OptionalInt period = postLayout.targetPeriod();
        if (targetPeriod != null) {
            // a period given with runs that answer at none is unused, but one below 1 is a mistake whichever
            // experiments were chosen; whether it divides T is the rule of the runs that use it
            Refusal.require(targetPeriod >= 1, "targetPeriod", targetPeriod, "must be >= 1");
            period = period.isPresent() ? OptionalInt.of(targetPeriod) : period;
        }
        LayoutSpec layout = new LayoutSpec(postLayout.kind(), cut, postLayout.stride(),
                or(batchSize, postLayout.batchSize()), period);
        LstmSpec postLstm = post.model().lstm();
        LstmSpec lstm = new LstmSpec(postLstm.features(), or(units, postLstm.units()), postLstm.gateActivation(),
                cell == null ? postLstm.cell() : Cell.of(cell), or(layers, postLstm.layers()));
        ModelSpec model = post.model().withLstm(lstm);
        return new Protocol(post.id(), task, layout, model, or(epochs, post.epochs()), post.post());
    }

    /**
     * A refusal of {@link #applyTo} as the person at the terminal gave the value: named by its option, or, where the
     * value is the post's and an option made it wrong, by that option. Empty when no option names it.
     */
    Optional<String> inOptionWords(Refusal.Refused refused, Protocol post) {
        if (refused.parameter().equals("trainingSequences") && training == null) {
            return Optional.of(Refusal.describe("--sequences", sequences, "must be more than the "
                    + post.task().trainingSequences() + " training sequences; give --training too"));
        }
        if (refused.parameter().equals("targetPeriod") && targetPeriod == null) {
            return Optional.of(Refusal.describe("--length", length, "must be a multiple of " + post.id()
                    + "'s target period " + post.layout().targetPeriod().orElseThrow() + "; give --target-period too"));
        }
        return Optional.ofNullable(OPTION_OF_PARAMETER.get(refused.parameter())).map(refused::describedAs);
    }

    private static int or(Integer given, int post) {
        return given == null ? post : given;
    }

    private static double or(Double given, double post) {
        return given == null ? post : given;
    }
}
