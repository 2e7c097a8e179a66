package io.github.statefullstm.kata;

import io.github.statefullstm.spec.Claim;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the learner reads when something is wrong is a message, never a stack trace or a build log: a bad option names
 * itself, its value and the rule, before anything is touched; a compile error is the compiler's file, line and message.
 */
@Label("The kata's messages")
class KataMessagesTest {

    private static final MarkedSource.MarkedFile FIRST_FILE = MarkedSource.scan(MarkedSource.PRODUCTION).get(0);

    /** Numbers that name no step, and words that are no number: what a learner may mistype. */
    @Provide
    Arbitrary<String> stepsThatDoNotExist() {
        int steps = KataPath.steps().size();
        return Arbitraries.oneOf(
                Arbitraries.integers().lessOrEqual(0).map(Object::toString),
                Arbitraries.integers().greaterOrEqual(steps + 1).map(Object::toString),
                Arbitraries.of("one", "1.5", "last", "-"));
    }

    @Property(tries = 30)
    @Claim({"KATA-6", "KATA-10"})
    void anUnknownStepIsNamedWithTheStepsThereAreAndTouchesNothing(@ForAll("stepsThatDoNotExist") String step) {
        Statistics.label("kind").collect(step.matches("-?\\d+") ? "a number outside the path" : "not a number");
        try (ScratchFolder scratch = ScratchFolder.create()) {
            Path root = scratch.path().resolve("never-made");
            for (String option : List.of("kata.step", "kata.reset")) {
                Kata.Answer answer = Kata.run(Map.of(option, step, "kata.workspace", root.toString())::get);
                String text = answer.text();
                assertEquals(Kata.Ending.BAD_OPTION, answer.ending(), text);
                assertTrue(text.startsWith("kata: -D" + option + "=" + step + ": there is no such step; the steps are"
                        + " 1 to " + KataPath.steps().size()), text);
                assertTrue(text.contains(KataPath.steps().get(0).title()), "the steps are listed: " + text);
                assertFalse(Files.exists(root), "a refused run made the workspace");
            }
        }
    }

    @Example
    @Claim("KATA-6")
    void aHintLevelOutsideOneToThreeIsRefusedWithTheRule() {
        Kata.Answer answer = Kata.run(Map.of("kata.hint", "4")::get);
        assertEquals(Kata.Ending.BAD_OPTION, answer.ending(), answer.text());
        assertTrue(answer.text().startsWith("kata: -Dkata.hint=4: must be 1, 2 or 3"), answer.text());
    }

    @Example
    @Claim({"KATA-6", "KATA-10"})
    void aCompileErrorIsShownAsTheCompilersFileLineAndMessage() throws IOException {
        try (ScratchFolder scratch = ScratchFolder.create()) {
            Path root = scratch.path();
            Workspace workspace = new Workspace(root, MarkedSource.scan(MarkedSource.PRODUCTION));
            workspace.prepare();
            Path broken = workspace.fileOf(FIRST_FILE);
            List<String> lines = Files.readAllLines(broken);
            int at = lines.indexOf(lines.stream().filter(l -> l.contains("throw new UnsupportedOperationException"))
                    .findFirst().orElseThrow());
            lines.set(at, lines.get(at).replace(";", ""));
            Files.write(broken, lines);

            Kata.Answer answer = Kata.run(Map.of("kata.workspace", root.toString())::get);
            String text = answer.text();

            assertEquals(Kata.Ending.DOES_NOT_COMPILE, answer.ending(), text);
            assertTrue(text.contains("Your code does not compile (1 error):"), text);
            assertTrue(text.contains(broken + ":" + (at + 1) + ": error: ';' expected"), text);
            assertTrue(text.contains("throw new UnsupportedOperationException"), "the line itself: " + text);
            assertFalse(text.contains("\tat ") || text.contains("[ERROR]") || text.contains("Exception:"), text);
        }
    }
}
