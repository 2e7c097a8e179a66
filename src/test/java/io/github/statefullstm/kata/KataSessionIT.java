package io.github.statefullstm.kata;

import io.github.statefullstm.spec.Claim;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A learner's first minutes, through the same entry point as {@code ./mvnw -q -Pkata test}: step 1 fails with its claims
 * and a first hint; failing again shows the next hint; writing step 1 brings step 2 up; a flag shows every hint.
 */
class KataSessionIT {

    private static final KataPath.Step FIRST = KataPath.steps().get(0);
    private static final KataPath.Step SECOND = KataPath.steps().get(1);

    @Test
    @Claim({"KATA-7", "KATA-10"})
    void stepOneFailsWithAHintThenWritingItBringsStepTwo() throws IOException {
        try (ScratchFolder scratch = ScratchFolder.create()) {
            Path root = scratch.path();
            Map<String, String> options = Map.of("kata.workspace", root.toString());

            Kata.Answer firstRun = Kata.run(options::get);
            assertEquals(Kata.Ending.STEP_FAILED, firstRun.ending(), "a failing step ends the run with its exit code");
            String first = firstRun.text();
            assertTrue(first.contains("FAILED  " + FIRST.label() + ": " + FIRST.title()), first);
            String claim = FIRST.claims().get(0);
            assertTrue(first.contains("  " + claim + "  "), "the claim is named: " + first);
            assertTrue(first.contains("smallest failing sample:"), "the shrunk sample is shown: " + first);
            assertTrue(first.contains("hint 1 of 3: " + FIRST.hints().get(claim).get(0)), first);
            assertFalse(first.contains("hint 2 of 3"), "one hint on the first failure: " + first);
            assertFalse(first.contains(SECOND.title()), "nothing of the steps after the failing one: " + first);

            String again = Kata.run(options::get).text();
            assertTrue(again.contains("hint 2 of 3: " + FIRST.hints().get(claim).get(1)), again);

            MarkedSource.MarkedFile windows = MarkedSource.scan(MarkedSource.PRODUCTION).stream()
                    .filter(f -> f.steps().contains(FIRST.id())).findFirst().orElseThrow();
            Workspace.write(root.resolve("src").resolve(windows.path()), windows.render(java.util.Set.of()));

            Kata.Answer alone = Kata.run(Map.of("kata.workspace", root.toString(), "kata.step", "1")::get);
            assertEquals(Kata.Ending.PASSED, alone.ending(), "a step run alone that passes: " + alone.text());

            String written = Kata.run(Map.of("kata.workspace", root.toString(), "kata.hint", "3")::get).text();
            assertTrue(written.contains("passed  " + FIRST.label()), written);
            assertTrue(written.contains("FAILED  " + SECOND.label() + ": " + SECOND.title()), written);
            assertTrue(written.contains("hint 3 of 3: " + SECOND.hints().get(SECOND.claims().get(0)).get(2)),
                    "-Dkata.hint=3 shows every hint at once: " + written);
        }
    }

    @Test
    @Claim("KATA-11")
    void aFileMadeAfreshStartsItsStepsHintsOver() throws IOException {
        try (ScratchFolder scratch = ScratchFolder.create()) {
            Path root = scratch.path();
            Map<String, String> options = Map.of("kata.workspace", root.toString(), "kata.step", "1");
            String claim = FIRST.claims().get(0);
            Kata.run(options::get);
            String second = Kata.run(options::get).text();
            assertTrue(second.contains("hint 2 of 3: " + FIRST.hints().get(claim).get(1)), second);

            MarkedSource.MarkedFile windows = MarkedSource.scan(MarkedSource.PRODUCTION).stream()
                    .filter(f -> f.steps().contains(FIRST.id())).findFirst().orElseThrow();
            java.nio.file.Files.delete(root.resolve("src").resolve(windows.path()));
            String afresh = Kata.run(options::get).text();
            assertTrue(afresh.contains("hint 1 of 3: " + FIRST.hints().get(claim).get(0)), afresh);
            assertFalse(afresh.contains("hint 2 of 3"), "the step's hints start over with its file: " + afresh);
        }
    }
}
