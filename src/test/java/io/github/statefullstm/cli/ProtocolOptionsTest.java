package io.github.statefullstm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.statefullstm.experiment.PostProtocols;
import io.github.statefullstm.experiment.Protocol;
import io.github.statefullstm.refusal.Refusal;
import io.github.statefullstm.spec.Claim;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The main job's options applied to the post's runs: each protocol built once, its refusals in the options' words. */
class ProtocolOptionsTest {

    private static final ProtocolOptions NONE = new ProtocolOptions(null, null, null, null, null, null, null, null,
            null, null, null);
    private static final long SEED = 7;

    @Test
    void noOptionsGiveThePostsOwnRunsWithTheSeed() {
        for (Protocol post : PostProtocols.all()) {
            assertEquals(post.withSeed(SEED), NONE.applyTo(post, SEED), post.id());
        }
    }

    @Test
    void aShorterSequenceShrinksTheWindowsLeftAloneAndWindowOptionsReachOnlyTheLayoutsThatCutWindows() {
        // a target every 5 steps, for the runs that set one: their 10 would not divide the shorter T
        ProtocolOptions shorter = new ProtocolOptions(null, 5, null, null, null, 5, null, null, null, null, null);
        ProtocolOptions windowOfThree = new ProtocolOptions(null, null, null, null, 3, null, null, null, null, null,
                null);
        for (Protocol post : PostProtocols.all()) {
            boolean cuts = post.layout().kind().cutsWindows();
            assertEquals(cuts ? 5 : 1, shorter.applyTo(post, SEED).layout().window(), post.id());
            assertEquals(cuts ? 3 : 1, windowOfThree.applyTo(post, SEED).layout().window(), post.id());
        }
    }

    @Test
    void aTargetPeriodReachesOnlyTheRunsThatSetOne() {
        ProtocolOptions everyFive = new ProtocolOptions(null, null, null, null, null, 5, null, null, null, null, null);
        for (Protocol post : PostProtocols.all()) {
            assertEquals(post.layout().targetPeriod().isPresent() ? java.util.OptionalInt.of(5)
                    : java.util.OptionalInt.empty(), everyFive.applyTo(post, SEED).layout().targetPeriod(), post.id());
        }
    }

    @Test
    @Claim({"CLI-1", "EXP-13"})
    void aTargetPeriodThatDoesNotDivideTIsNamedByItsOptionOrByTheLengthThatMadeItSo() {
        Protocol g = PostProtocols.targetsAtIntervals();
        ProtocolOptions seven = new ProtocolOptions(null, null, null, null, null, 7, null, null, null, null, null);
        ProtocolOptions fifteen = new ProtocolOptions(null, 15, null, null, null, null, null, null, null, null, null);
        ProtocolOptions zero = new ProtocolOptions(null, null, null, null, null, 0, null, null, null, null, null);
        assertEquals("--target-period = 7: must be >= 1 and divide T = 20, so that a sequence's periods are whole and"
                + " its last step has a target", seven.inOptionWords(assertThrows(Refusal.Refused.class,
                () -> seven.applyTo(g, SEED)), g).orElseThrow());
        assertEquals("--length = 15: must be a multiple of G's target period 10; give --target-period too",
                fifteen.inOptionWords(assertThrows(Refusal.Refused.class, () -> fifteen.applyTo(g, SEED)), g)
                        .orElseThrow());
        Protocol a = PostProtocols.windowsStateless();
        assertEquals("--target-period = 0: must be >= 1", zero.inOptionWords(assertThrows(Refusal.Refused.class,
                () -> zero.applyTo(a, SEED)), a).orElseThrow(), "checked even where no run sets a period");
    }

    @Test
    @Claim("CLI-1")
    void aValueAPartRefusesIsNamedByTheOptionThatGaveIt() {
        Protocol a = PostProtocols.windowsStateless();
        List<ProtocolOptions> bad = List.of(
                new ProtocolOptions(1, null, null, null, null, null, null, null, null, null, null),
                new ProtocolOptions(null, 0, null, null, null, null, null, null, null, null, null),
                new ProtocolOptions(null, null, 1300, null, null, null, null, null, null, null, null),
                new ProtocolOptions(null, null, null, 1.5, null, null, null, null, null, null, null),
                new ProtocolOptions(null, null, null, null, 21, null, null, null, null, null, null),
                new ProtocolOptions(null, null, null, null, null, null, 0, null, null, null, null),
                new ProtocolOptions(null, null, null, null, null, null, null, 0, null, null, null),
                new ProtocolOptions(null, null, null, null, null, null, null, null, null, null, 0),
                new ProtocolOptions(null, null, null, null, null, null, null, null, "elman", null, null),
                new ProtocolOptions(null, null, null, null, null, null, null, null, null, 0, null),
                new ProtocolOptions(900, null, null, null, null, null, null, null, null, null, null));
        List<String> expected = List.of("--sequences = 1: must be >= 2", "--length = 0: must be >= 1",
                "--training = 1300: must be in [1, sequences - 1 = 1199]", "--fraction = 1.5: must be in (0, 1)",
                "--window = 21: must be in [1, T = 20]", "--batch-size = 0: must be >= 1", "--units = 0: must be >= 1",
                "--epochs = 0: must be >= 1", "--cell = elman: must be one of [lstm, gru]",
                "--layers = 0: must be >= 1",
                "--sequences = 900: must be more than the 1000 training sequences; give --training too");
        for (int k = 0; k < bad.size(); k++) {
            ProtocolOptions options = bad.get(k);
            Refusal.Refused refused = assertThrows(Refusal.Refused.class, () -> options.applyTo(a, SEED));
            String words = options.inOptionWords(refused, a).orElseThrow();
            String named = expected.get(k);
            assertTrue(words.startsWith(named), () -> "\"" + words + "\" should start \"" + named + "\"");
        }
    }

    @Test
    void aRefusalNoOptionGaveIsLeftToTheCaller() {
        assertEquals(Optional.empty(), NONE.inOptionWords(assertThrows(Refusal.Refused.class,
                () -> Refusal.require(false, "sample count", 11000, "must be a multiple of the batch size 7")),
                PostProtocols.windowsStateful()));
    }
}
