package io.github.statefullstm.kata;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.statefullstm.spec.Claim;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Hints grow per step and claim, and start over with the step. */
@DisplayName("Hint levels are counted per step")
class HintLevelsTest {

    private static final KataPath.Step BOOKKEEPING = KataPath.stepWithId("bookkeeping").orElseThrow();
    private static final KataPath.Step DL4J = KataPath.stepWithId("dl4j").orElseThrow();
    /** A claim both steps check, with other hints in each. */
    private static final String SHARED = "STATE-2";
    private static final int NO_FLAG = 0;

    @Test
    @Claim("KATA-11")
    void aClaimFailedInOneStepStartsAtItsFirstHintInTheNext() {
        try (ScratchFolder scratch = ScratchFolder.create()) {
            HintLevels hints = new HintLevels(scratch.path());
            for (int run = 1; run <= KataPath.HINT_LEVELS + 1; run++) {
                assertEquals(Math.min(run, KataPath.HINT_LEVELS), hints.failedAgain(BOOKKEEPING, SHARED, NO_FLAG),
                        "run " + run + " of " + BOOKKEEPING.label());
            }
            hints.save();
            HintLevels later = new HintLevels(scratch.path());
            assertEquals(1, later.failedAgain(DL4J, SHARED, NO_FLAG), SHARED + " in " + DL4J.label());
            assertEquals(KataPath.HINT_LEVELS, later.failedAgain(BOOKKEEPING, SHARED, NO_FLAG),
                    "the count of " + BOOKKEEPING.label() + " is kept between runs");
        }
    }

    @Test
    @Claim("KATA-11")
    void aStepStartedAfreshStartsItsHintsOver() {
        try (ScratchFolder scratch = ScratchFolder.create()) {
            HintLevels hints = new HintLevels(scratch.path());
            hints.failedAgain(BOOKKEEPING, SHARED, NO_FLAG);
            hints.failedAgain(BOOKKEEPING, SHARED, NO_FLAG);
            hints.failedAgain(DL4J, SHARED, NO_FLAG);
            hints.forget(BOOKKEEPING);
            assertEquals(1, hints.failedAgain(BOOKKEEPING, SHARED, NO_FLAG), "after a fresh start");
            assertEquals(2, hints.failedAgain(DL4J, SHARED, NO_FLAG), "another step's count is its own");
        }
    }

    @Test
    @Claim("KATA-11")
    void theFlagShowsAtLeastTheHintsItAsksFor() {
        try (ScratchFolder scratch = ScratchFolder.create()) {
            HintLevels hints = new HintLevels(scratch.path());
            assertEquals(KataPath.HINT_LEVELS, hints.failedAgain(DL4J, SHARED, KataPath.HINT_LEVELS));
        }
    }
}
