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

    private static final Path PROOF = Path.of("target", "kata-proof");
    /**
     * Long enough for a cold JVM on a busy machine to reach the loop and be seen in its test, short enough not to wait
     * a minute for a loop that never ends.
     */
    private static final int RUNAWAY_LIMIT_SECONDS = 20;

    private final List<KataPath.Step> steps = KataPath.steps();
    private final List<SlipCatalogue.Slip> slips = SlipCatalogue.all();
    private final Map<String, ProofRuns.Run> slipRuns = new LinkedHashMap<>();
    /** The runaway slips' kata runs, each in a JVM of its own, going on beside the runs in this one. */
    private final Map<SlipCatalogue.Slip, Runaway> runaways = new LinkedHashMap<>();
    private ProofRuns proof;

    /** A runaway slip's workspace, and the kata's run on it: its process and where its output goes. */
    private record Runaway(Workspace workspace, MarkedSource.MarkedFile file, Process process, Path output) {
    }

    @BeforeAll
    void proveEveryStep() throws java.io.IOException {
        proof = ProofRuns.start(PROOF);
        for (SlipCatalogue.Slip slip : slips.stream().filter(SlipCatalogue.Slip::stops).toList()) {
            runaways.put(slip, startKata(slip));
        }
        proof.runSolution();
        for (KataPath.Step step : steps) {
            proof.runStubbedFrom(step);
        }
        for (SlipCatalogue.Slip slip : slips) {
            if (!slip.stops()) {
                MarkedSource.MarkedFile file = slip.in(proof.files());
                slipRuns.put(slip.id(), proof.runWorkspace(slip.toString(), "slip-" + slip.id(), Set.of(), file,
                        text -> slip.plant(file), slip.kataStep(), slip.kataStep().claims()));
            }
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
    @Claim("KATA-8")
    void everySlipFailsInItsOwnStepShowingFirstTheClaimItsEntryNames() {
        List<String> wrong = new ArrayList<>();
        for (SlipCatalogue.Slip slip : slips) {
            if (slip.stops()) {
                continue;
            }
            ProofRuns.Run run = slipRuns.get(slip.id());
            KataPath.Step own = slip.kataStep();
            if (!run.errors().isEmpty()) {
                wrong.add(slip + " does not compile: " + run.errors());
                continue;
            }
            for (KataPath.Step before : steps.subList(0, own.number() - 1)) {
                run.outcome(before).tests().stream().filter(t -> !t.passed()).findFirst().ifPresent(t ->
                        wrong.add(slip + " fails " + before.label() + ", before its own: " + t.test()));
            }
            if (run.runaways().containsKey(own.number())) {
                wrong.add(slip + " runs past " + own.label() + "'s limit");
                continue;
            }
            Set<String> failed = StepRunner.failedClaims(run.outcome(own));
            String shown = own.claims().stream().filter(failed::contains).findFirst().orElse(null);
            if (shown == null) {
                wrong.add(slip + " passes " + own.label() + ": its claims do not catch it");
            } else if (!shown.equals(slip.shown())) {
                wrong.add(slip + " shows " + shown + " first, not " + slip.shown() + " (failing: " + failed + ")");
            } else if (!pointsAt(own, shown, slip)) {
                wrong.add(slip + ": no hint of " + shown + " in " + own.label() + " names the slipped code ("
                        + slip.pointers(slip.in(proof.files())) + ")");
            }
        }
        assertEquals(List.of(), wrong, "slips of the catalogue (" + SlipCatalogue.FILE + ") not caught as it says");
    }

    /** Whether a hint of the claim, in the step, names the slipped method or a name the slipped line uses. */
    private boolean pointsAt(KataPath.Step step, String claim, SlipCatalogue.Slip slip) {
        Set<String> pointers = slip.pointers(slip.in(proof.files()));
        return step.hints().get(claim).stream().anyMatch(hint -> pointers.stream().anyMatch(hint::contains));
    }

    /**
     * A loop that never ends, planted in the solution, run as a learner runs the kata, its step alone (the steps before
     * a stopped one are shown as passed steps always are, KATA-7): the step is stopped at the limit with the claim and
     * test that were running and the learner's line, and the kata exits with its code for that.
     */
    @Test
    @Claim("KATA-10")
    void aLoopThatNeverEndsIsStoppedAtTheLimitWithItsStepClaimAndLine() throws Exception {
        for (Map.Entry<SlipCatalogue.Slip, Runaway> entry : runaways.entrySet()) {
            SlipCatalogue.Slip slip = entry.getKey();
            Runaway run = entry.getValue();
            int exit = run.process().waitFor();
            String text = java.nio.file.Files.readString(run.output());
            KataPath.Step own = slip.kataStep();
            int[] region = slip.region(run.file());
            assertEquals(Kata.Ending.STOPPED.code, exit, slip + ": exit code\n" + text);
            assertTrue(text.contains("STOPPED  " + own.label()), slip + ": the step is named\n" + text);
            assertTrue(text.contains("still running after " + RUNAWAY_LIMIT_SECONDS + " s"), slip
                    + ": stopped at the limit\n" + text);
            assertTrue(text.contains("while checking " + slip.shown()), slip + ": the claim is named\n" + text);
            // the innermost of the learner's frames is the stuck loop: a line of the region the slip is in
            java.util.regex.Matcher frame = java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(
                    run.workspace().fileOf(run.file()).toString()) + ":(\\d+) ").matcher(text);
            assertTrue(frame.find(), slip + ": the learner's file is named\n" + text);
            int line = Integer.parseInt(frame.group(1));
            assertTrue(line >= region[0] && line <= region[1], slip + ": line " + line + " is not in the slipped"
                    + " region, lines " + region[0] + " to " + region[1] + "\n" + text);
        }
    }

    /**
     * Starts the kata, as a learner runs it, on the solution with a runaway slip planted, in a JVM of its own: the
     * stuck thread cannot be stopped, and that JVM's end stops it.
     */
    private Runaway startKata(SlipCatalogue.Slip slip) throws java.io.IOException {
        MarkedSource.MarkedFile file = slip.in(proof.files());
        Workspace workspace = proof.render("runaway-" + slip.id(), Set.of(), file, text -> slip.plant(file));
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.awt.headless=true", "-Dkata.workspace=" + workspace.root(),
                "-Dkata.limit=" + RUNAWAY_LIMIT_SECONDS, "-Dkata.step=" + slip.step(), "-cp",
                WorkspaceCompiler.currentClassPath(),
                Kata.class.getName());
        Path output = PROOF.resolve("runaway-" + slip.id() + ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().put("OMP_NUM_THREADS", "1");
        return new Runaway(workspace, file, builder.start(), output);
    }
}
