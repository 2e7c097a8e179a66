package io.github.statefullstm.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.statefullstm.rnn.Adam;
import io.github.statefullstm.rnn.LstmSpec;
import io.github.statefullstm.spec.Claim;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * A protocol is refused where it is built, parameter by parameter, with the name, the value and the rule: the main
 * job's options become protocols, and a run of minutes must not start on a value no layout can use.
 */
@Label("CLI-1: a protocol that cannot run is refused where it is built")
class ProtocolRefusalProperties {

    @Property
    @Claim("CLI-1")
    @Label("each bad size, split, window, stride, batch size or epoch count is refused by name; the edges are taken")
    void eachBadParameterIsRefusedByNameAndTheEdgesAreTaken(@ForAll @IntRange(min = -2, max = 0) int nonPositive,
                                                             @ForAll @IntRange(min = 2, max = 30) int length) {
        Protocol edge = protocol(length + 1, length, length, length, length, 1, 1);
        assertEquals(length, edge.window(), "a window as long as the sequence is taken");
        assertEquals(length, edge.trainingSequences(), "all sequences but one may train");
        protocol(2, 1, 1, 1, 1, 1, 1);
        refused(() -> protocol(nonPositive, length, 1, 1, 1, 1, 1), "sequences = " + nonPositive, "> 0");
        refused(() -> protocol(length, nonPositive, 1, 1, 1, 1, 1), "length = " + nonPositive, "> 0");
        refused(() -> protocol(length, length, nonPositive, 1, 1, 1, 1), "trainingSequences = " + nonPositive,
                "[1, sequences - 1 = " + (length - 1) + "]");
        refused(() -> protocol(length, length, length, 1, 1, 1, 1), "trainingSequences = " + length,
                "[1, sequences - 1 = " + (length - 1) + "]");
        refused(() -> protocol(length, length, 1, nonPositive, 1, 1, 1), "window = " + nonPositive,
                "[1, length = " + length + "]");
        refused(() -> protocol(length, length, 1, length + 1, 1, 1, 1), "window = " + (length + 1));
        refused(() -> protocol(length, length, 1, 1, nonPositive, 1, 1), "stride = " + nonPositive, "> 0");
        refused(() -> protocol(length, length, 1, 1, 1, nonPositive, 1), "batchSize = " + nonPositive, "> 0");
        refused(() -> protocol(length, length, 1, 1, 1, 1, nonPositive), "epochs = " + nonPositive, "> 0");
        refused(() -> new Protocol(" ", length, length, 1, 0.5, 1, Layout.WINDOWS_STATELESS, 1, 1, 1,
                LstmSpec.POST, Adam.KERAS, 1, "", Double.NaN), "id =  ", "must be given");
        refused(() -> new Protocol("t", length, length, 1, 0.5, 1, null, 1, 1, 1, LstmSpec.POST, Adam.KERAS,
                1, "", Double.NaN), "layout = null");
        refused(() -> new Protocol("t", length, length, 1, 0.5, 1, Layout.WINDOWS_STATELESS, 1, 1, 1, null,
                Adam.KERAS, 1, "", Double.NaN), "spec and adam");
        refused(() -> new Protocol("t", length, length, 1, 0.5, 1, Layout.WINDOWS_STATELESS, 1, 1, 1,
                LstmSpec.POST, null, 1, "", Double.NaN), "spec and adam");
    }

    @Property(tries = 10)
    @Claim("CLI-1")
    @Label("a sweep is refused for a protocol of another layout, naming the layout")
    void aSweepOfAnotherLayoutIsRefused(@ForAll @IntRange(min = 0, max = 5) int which) {
        Protocol notWindows = PostProtocols.all().get(1 + which % 5);
        refused(() -> Sweeps.windowLengths(notWindows, List.of(1), p -> {
            throw new AssertionError("a refused sweep trains nothing");
        }), "layout = " + notWindows.layout(), "another layout");
        Protocol notChunks = PostProtocols.all().get(which % 5);
        refused(() -> Sweeps.chunkLengths(notChunks, p -> {
            throw new AssertionError("a refused sweep trains nothing");
        }), "layout = " + notChunks.layout(), "another layout");
    }

    private static Protocol protocol(int sequences, int length, int training, int window, int stride, int batchSize,
                                     int epochs) {
        return new Protocol("t", sequences, length, training, 0.5, 1, Layout.WINDOWS_STATELESS, window,
                stride, batchSize, LstmSpec.POST, Adam.KERAS, epochs, "", Double.NaN);
    }

    private static void refused(org.junit.jupiter.api.function.Executable call, String... words) {
        IllegalArgumentException refusal = assertThrows(IllegalArgumentException.class, call);
        for (String word : words) {
            assertTrue(refusal.getMessage().contains(word),
                    () -> "message \"" + refusal.getMessage() + "\" should mention \"" + word + "\"");
        }
    }
}
