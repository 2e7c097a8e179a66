package io.github.statefullstm.kata;

import io.github.statefullstm.spec.Claim;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The kata proved, step by step, in this JVM as a learner's kata runs: the solution, every step passing; for every
 * step k, the workspace with the steps before k solved and the steps from k on stubbed, built from the marked source,
 * compiled, and run through its steps. Each test below reads those runs for one promise, and names every step that
 * breaks it.
 *
 * <p>Each step of the solution runs in a class loader of its own, which records the project's classes the step's
 * tests needed. A step before k is run again on workspace k only when it needed a class that workspace k changes:
 * otherwise it runs exactly the classes it ran on the solution, and passes as it did there.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KataProofIT {

    private final List<KataPath.Step> steps = KataPath.steps();
    private ProofRuns proof;

    @BeforeAll
    void proveEveryStep() {
        proof = ProofRuns.start(Path.of("target", "kata-proof"));
        proof.runSolution();
        for (KataPath.Step step : steps) {
            proof.runStubbedFrom(step);
        }
    }

    @AfterAll
    void close() {
        proof.close();
    }

    @Test
    @Claim("KATA-2")
    void everyStepsStubbedWorkspaceCompiles() {
        List<String> broken = steps.stream().map(proof::stubbed)
                .filter(r -> !r.errors().isEmpty())
                .map(r -> "stubbed from " + r.label() + ":\n" + r.errors().stream()
                        .map(Object::toString).collect(Collectors.joining("\n")))
                .toList();
        assertTrue(broken.isEmpty(), "workspaces that do not compile:\n" + String.join("\n", broken));
    }

    @Test
    @Claim("KATA-2")
    void everyClaimOfAStepFailsOnItsStub() {
        List<String> missed = new ArrayList<>();
        for (KataPath.Step step : steps) {
            StepRunner.StepOutcome outcome = proof.stubbed(step).outcome(step);
            Set<String> failed = StepRunner.failedClaims(outcome);
            step.claims().stream().filter(claim -> !failed.contains(claim))
                    .forEach(claim -> missed.add(step.label() + " (" + step.id() + "): no test of " + claim
                            + " fails on the stub"));
        }
        assertTrue(missed.isEmpty(), String.join("\n", missed));
    }

    @Test
    @Claim("KATA-2")
    void theStepsBeforeAStubbedStepAllPass() {
        List<String> broken = new ArrayList<>();
        for (KataPath.Step stubbed : steps) {
            for (KataPath.Step before : steps.subList(0, stubbed.number() - 1)) {
                proof.stubbed(stubbed).outcome(before).tests().stream().filter(t -> !t.passed())
                        .forEach(t -> broken.add("with " + stubbed.label() + " stubbed, " + t.ranAs() + "#"
                                + t.test().substring(t.test().indexOf('#') + 1) + " fails: " + t.failure()));
            }
        }
        assertTrue(broken.isEmpty(), String.join("\n", broken));
    }

    @Test
    @Claim("KATA-3")
    void theSolutionPassesEveryStep() {
        ProofRuns.Run solved = proof.solution();
        assertTrue(solved.errors().isEmpty(), "the solution does not compile: " + solved.errors());
        List<String> failing = steps.stream().flatMap(step -> solved.outcome(step).tests().stream())
                .filter(t -> !t.passed()).map(t -> t.test() + ": " + t.failure()).toList();
        assertTrue(failing.isEmpty(), "tests that fail on the solution:\n" + String.join("\n", failing));
        for (KataPath.Step step : steps) {
            Set<String> ran = solved.outcome(step).tests().stream().flatMap(t -> t.claims().stream())
                    .collect(Collectors.toSet());
            assertTrue(ran.containsAll(step.claims()), step.label() + " ran no test for some of its claims: ran "
                    + ran + ", claims " + step.claims());
        }
    }

    @Test
    @Claim("KATA-4")
    void stepsThatDoNotNeedNd4jNeverLoadIt() {
        Map<String, Boolean> asked = new LinkedHashMap<>();
        for (KataPath.Step step : steps) {
            asked.put(step.label(), proof.solution().askedForNd4j(step));
        }
        List<String> loaded = steps.stream().filter(step -> !step.nd4j() && asked.get(step.label()))
                .map(step -> step.label() + " asked for ND4J").toList();
        assertTrue(loaded.isEmpty(), String.join("\n", loaded));
        assertTrue(steps.stream().filter(KataPath.Step::nd4j).allMatch(step -> asked.get(step.label())),
                "the DL4J step must be seen asking for ND4J, or the record proves nothing: " + asked);
    }

    @Test
    @Claim("KATA-9")
    void everyStepOfTheSolutionTakesUnderAFifthOfItsLimit() {
        List<String> slow = new ArrayList<>();
        for (KataPath.Step step : steps) {
            double seconds = proof.solution().outcome(step).seconds();
            if (seconds * ProofRuns.LIMIT_MARGIN > step.limit().toSeconds()) {
                slow.add(String.format(java.util.Locale.ROOT, "%s took %.1f s, over a fifth of its %d s limit",
                        step.label(), seconds, step.limit().toSeconds()));
            }
        }
        assertEquals(List.of(), slow, "a step's limit must stop a stuck step, never a slow one");
    }
}
