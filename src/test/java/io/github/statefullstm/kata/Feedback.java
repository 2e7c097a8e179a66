package io.github.statefullstm.kata;

import io.github.statefullstm.spec.SpecDocument;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;

/**
 * What the learner reads after a run: one line per passed step; for the first failing step, what to write, each failing
 * claim with its sentence, its spec file, the first test that fails it (the smallest failing sample of a property, or
 * an example's expected and actual) and its hints so far; and, when every step passes, what to read next.
 */
final class Feedback {

    /** More failing tests of one claim add nothing a learner can use before the first is fixed. */
    private static final int TESTS_SHOWN_PER_CLAIM = 1;

    private final Map<String, SpecDocument.SpecClaim> claims;
    private final Console out;

    Feedback(List<SpecDocument> specs, Console out) {
        this.out = out;
        this.claims = specs.stream().flatMap(d -> d.claims().stream())
                .collect(Collectors.toMap(SpecDocument.SpecClaim::id, c -> c, (a, b) -> a, LinkedHashMap::new));
    }

    Feedback line(String text) {
        out.line(text);
        return this;
    }

    /** On a terminal: the step and the test now running, replaced by the next line. */
    void running(KataPath.Step step, String test) {
        out.status("  running " + step.label() + "  " + step.title() + (test == null ? "" : "  " + test));
    }

    void passed(KataPath.Step step, StepRunner.StepOutcome outcome) {
        line(String.format(Locale.ROOT, "  passed  %s  %s  (%s, %s, %.1f s)", step.label(), step.title(),
                count(step.claims().size(), "claim"), count(outcome.tests().size(), "test"), outcome.seconds()));
    }

    /**
     * The failing step in full. {@code hintLevel} gives, for a failing claim, how many of its hints to show, and
     * records that it failed once more.
     */
    void failed(KataPath.Step step, StepRunner.StepOutcome outcome, List<MarkedSource.MarkedFile> files,
                Path workspaceSources, ToIntFunction<String> hintLevel, Set<String> uses, Path apiFolder) {
        line("");
        line("FAILED  " + step.label() + ": " + step.title());
        line("  Write: " + step.task() + ".");
        for (MarkedSource.MarkedFile file : files) {
            if (!file.steps().contains(step.id())) {
                continue;
            }
            String methods = file.regions().stream().filter(r -> r.step().equals(step.id()))
                    .map(MarkedSource.Region::methodName).distinct().collect(Collectors.joining(", "));
            line("    " + methods);
            line("    in " + workspaceSources.resolve(file.path()));
        }
        if (!uses.isEmpty()) {
            line("  Uses: " + String.join(", ", uses) + " (read-only copies in " + apiFolder + "/)");
        }
        for (String claim : step.claims()) {
            List<StepRunner.TestOutcome> failing = outcome.tests().stream()
                    .filter(t -> !t.passed() && t.claims().contains(claim)).toList();
            if (failing.isEmpty()) {
                continue;
            }
            SpecDocument.SpecClaim spec = claims.get(claim);
            line("");
            line("  " + claim + "  " + (spec == null ? "" : spec.title() + "  (read " + spec.file() + ")"));
            for (StepRunner.TestOutcome test : failing.subList(0, Math.min(TESTS_SHOWN_PER_CLAIM, failing.size()))) {
                line("    fails: " + test.ranAs() + "#" + test.test().substring(test.test().indexOf('#') + 1));
                line(indent(test.failure(), "      "));
                if (test.sample() != null) {
                    line("      smallest failing sample:");
                    line(indent(test.sample(), "        "));
                }
            }
            if (failing.size() > TESTS_SHOWN_PER_CLAIM) {
                line("    (and " + count(failing.size() - TESTS_SHOWN_PER_CLAIM, "more test") + " of " + claim + ")");
            }
            int level = hintLevel.applyAsInt(claim);
            List<String> hints = step.hints().get(claim);
            for (int i = 0; i < level; i++) {
                line("    hint " + (i + 1) + " of " + hints.size() + ": " + hints.get(i));
            }
        }
        line("");
        line("  Run the kata again after each change: each run that fails a claim again shows its next hint.");
    }

    /**
     * A step that outlived its limit: which step, the test and claim that were running, and where in the learner's
     * code the step's thread was.
     */
    void ranAway(StepDriver.RanAway runaway) {
        KataPath.Step step = runaway.step();
        line("");
        line("STOPPED  " + step.label() + ": " + step.title());
        line("  still running after " + runaway.limit().toSeconds() + " s, the step's limit (-Dkata.limit=SECONDS"
                + " sets another)");
        if (runaway.test() != null) {
            String claimsRunning = runaway.claims().stream().filter(step.claims()::contains)
                    .collect(Collectors.joining(", "));
            line("  while checking " + (claimsRunning.isEmpty() ? "" : claimsRunning + ", in ") + runaway.test());
        }
        if (runaway.frames().isEmpty()) {
            line("  none of your code was on the step's thread at that moment.");
        } else {
            line("  your code, where the step's thread was (innermost first):");
            runaway.frames().forEach(frame -> line("    " + frame));
        }
        line("");
        line("  A loop that never ends is the usual cause: check that every loop moves toward its end.");
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static String indent(String text, String prefix) {
        return text.lines().map(l -> prefix + l).collect(Collectors.joining("\n"));
    }
}
