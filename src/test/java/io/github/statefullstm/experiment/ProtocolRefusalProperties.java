package io.github.statefullstm.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.statefullstm.refusal.Refusal;
import io.github.statefullstm.rnn.Adam;
import io.github.statefullstm.rnn.LstmSpec;
import io.github.statefullstm.spec.Claim;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * A protocol is refused where it is built, part by part, with the name, the value and the rule: the main job's options
 * become protocols, and a run of minutes must not start on a value no layout can use. The name is the part's own
 * parameter, which the main job turns into the option that gave the value.
 */
@Label("CLI-1: a protocol that cannot run is refused where it is built")
class ProtocolRefusalProperties {

    private static final ModelSpec MODEL = new ModelSpec(LstmSpec.POST, Adam.KERAS);

    @Property
    @Claim("CLI-1")
    @Label("each bad size, split, window, stride, batch size or epoch count is refused by name; the edges are taken")
    void eachBadParameterIsRefusedByNameAndTheEdgesAreTaken(@ForAll @IntRange(min = -2, max = 0) int nonPositive,
                                                             @ForAll @IntRange(min = 2, max = 30) int length) {
        Protocol edge = protocol(length + 1, length, length, length, 1, 1, 1);
        assertEquals(length, edge.layout().window(), "a window as long as the sequence is taken");
        assertEquals(length, edge.task().trainingSequences(), "all sequences but one may train");
        protocol(2, 1, 1, 1, 1, 1, 1);
        refused(() -> protocol(nonPositive + 1, length, 1, 1, 1, 1, 1), "sequences", nonPositive + 1, ">= 2");
        refused(() -> protocol(length, nonPositive, 1, 1, 1, 1, 1), "length", nonPositive, ">= 1");
        refused(() -> protocol(length, length, nonPositive, 1, 1, 1, 1), "trainingSequences", nonPositive,
                "[1, sequences - 1 = " + (length - 1) + "]");
        refused(() -> protocol(length, length, length, 1, 1, 1, 1), "trainingSequences", length,
                "[1, sequences - 1 = " + (length - 1) + "]");
        refused(() -> protocol(length, length, 1, nonPositive, 1, 1, 1), "window", nonPositive,
                "[1, T = " + length + "]");
        refused(() -> protocol(length, length, 1, length + 1, 1, 1, 1), "window", length + 1, "[1, T = " + length
                + "]");
        refused(() -> protocol(length, length, 1, 1, nonPositive, 1, 1), "stride", nonPositive, ">= 1");
        refused(() -> protocol(length, length, 1, 1, 1, nonPositive, 1), "batchSize", nonPositive, ">= 1");
        refused(() -> protocol(length, length, 1, 1, 1, 1, nonPositive), "epochs", nonPositive, ">= 1");
    }

    @Property(tries = 10)
    @Claim("CLI-1")
    @Label("a fraction of ones outside (0, 1) is refused by name; one just inside either end is taken")
    void aFractionThatLeavesOneTargetOnlyIsRefusedByName(@ForAll @IntRange(min = 2, max = 1000) int sequences) {
        double justInside = 1.0 / sequences;
        assertEquals(justInside, new TaskSpec(sequences, 1, 1, justInside, 0).fraction());
        assertEquals(1 - justInside, new TaskSpec(sequences, 1, 1, 1 - justInside, 0).fraction());
        for (double outside : new double[] {0, 1, -justInside, 1 + justInside, Double.NaN}) {
            refused(() -> new TaskSpec(sequences, 1, 1, outside, 0), "fraction", outside, "(0, 1)");
        }
    }

    @Property(tries = 10)
    @Claim("CLI-1")
    @Label("a part that is missing is refused by name")
    void aMissingPartIsRefusedByName(@ForAll @IntRange(min = 1, max = 5) int epochs) {
        TaskSpec task = new TaskSpec(2, 1, 1, 0.5, 0);
        LayoutSpec layout = new LayoutSpec(Layout.PER_STEP_STATELESS, 1, 1, 1);
        refused(() -> new Protocol(" ", task, layout, MODEL, epochs), "id", " ", "must be given");
        refused(() -> new Protocol(null, task, layout, MODEL, epochs), "id", null, "must be given");
        refused(() -> new Protocol("t", null, layout, MODEL, epochs), "task, layout and model", null, "must be given");
        refused(() -> new Protocol("t", task, null, MODEL, epochs), "task, layout and model", null, "must be given");
        refused(() -> new Protocol("t", task, layout, null, epochs), "task, layout and model", null, "must be given");
        refused(() -> new LayoutSpec(null, 1, 1, 1), "layout", null, "must be given");
        refused(() -> new ModelSpec(null, Adam.KERAS), "lstm", null, "must be given");
        refused(() -> new ModelSpec(LstmSpec.POST, null), "adam", null, "must be given");
        refused(() -> new PostRun(null, 1, task, layout, MODEL, epochs), "figure", null, "must be given");
        for (int missing = 0; missing < 3; missing++) {
            TaskSpec t = missing == 0 ? null : task;
            LayoutSpec l = missing == 1 ? null : layout;
            ModelSpec m = missing == 2 ? null : MODEL;
            refused(() -> new PostRun("", 1, t, l, m, epochs), "task, layout and model", null, "must be given");
        }
    }

    @Property(tries = 10)
    @Claim("CLI-1")
    @Label("a sweep is refused for a protocol of another layout, naming the layout, before it trains anything")
    void aSweepOfAnotherLayoutIsRefused(@ForAll @IntRange(min = 0, max = 5) int which) {
        ExperimentListener trainsNothing = new ExperimentListener() {
            @Override
            public void epochStarted(Protocol protocol, int epoch, int batches) {
                throw new AssertionError("a refused sweep trains nothing");
            }
        };
        Protocol notWindows = PostProtocols.all().get(1 + which % 5);
        refused(() -> Sweeps.windowLengths(notWindows, List.of(1), null, trainsNothing), "layout",
                notWindows.layout().kind(), "another layout");
        Protocol notChunks = PostProtocols.all().get(which % 5);
        refused(() -> Sweeps.chunkLengths(notChunks, null, trainsNothing), "layout", notChunks.layout().kind(),
                "another layout");
    }

    private static Protocol protocol(int sequences, int length, int training, int window, int stride, int batchSize,
                                     int epochs) {
        return new Protocol("t", new TaskSpec(sequences, length, training, 0.5, 1),
                new LayoutSpec(Layout.WINDOWS_STATELESS, window, stride, batchSize), MODEL, epochs);
    }

    /** Refused with the parameter's own name (the one the main job maps to its option), the value and the rule. */
    private static void refused(org.junit.jupiter.api.function.Executable call, String parameter, Object value,
                                String rule) {
        Refusal.Refused refusal = assertThrows(Refusal.Refused.class, call);
        assertEquals(parameter, refusal.parameter(), refusal::getMessage);
        assertEquals("--its-option" + refusal.getMessage().substring(parameter.length()),
                refusal.describedAs("--its-option"), "the same refusal in the caller's name for the parameter");
        String named = parameter + " = " + value + ": ";
        assertTrue(refusal.getMessage().startsWith(named) && refusal.getMessage().contains(rule),
                () -> "message \"" + refusal.getMessage() + "\" should start \"" + named + "\" and mention \"" + rule
                        + "\"");
    }
}
