package io.github.statefullstm.kata;

import io.github.statefullstm.spec.Claim;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The kata proved, step by step: for every step k, the workspace with the steps before k solved and the steps from k
 * on stubbed is built from the marked source, compiled, and run through the steps 1 to k in a JVM of its own, exactly
 * as a learner's would be; then the workspace with every step solved. Each test below reads those runs for one
 * promise, and names every step that breaks it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KataProofIT {

    private static final Path PROOF = Path.of("target", "kata-proof");
    /** Where class loading is logged, to show which runs loaded ND4J. */
    private static final String CLASS_LOG = "class-load.log";

    /** One proof run: the workspace with the steps from {@code firstStubbed} on stubbed. */
    private record ProofRun(int firstStubbed, List<WorkspaceCompiler.CompileError> errors,
                            StepRunner.Results results, boolean loadedNd4j) {
    }

    private final Map<Integer, ProofRun> runs = new LinkedHashMap<>();
    private final List<KataPath.Step> steps = KataPath.steps();

    /** Run k stubs the steps from k on; run N + 1 stubs nothing. */
    @BeforeAll
    void proveEveryStep() throws IOException, InterruptedException {
        List<MarkedSource.MarkedFile> files = MarkedSource.scan(MarkedSource.PRODUCTION);
        String classPath = WorkspaceCompiler.currentClassPath();
        for (int k = 1; k <= steps.size() + 1; k++) {
            Path folder = PROOF.resolve("stubbed-from-" + k);
            int firstStubbed = k;
            Set<String> stubbed = steps.stream().filter(s -> s.number() >= firstStubbed).map(KataPath.Step::id)
                    .collect(Collectors.toSet());
            List<Path> sources = new ArrayList<>();
            for (MarkedSource.MarkedFile file : files) {
                Path target = folder.resolve("src").resolve(file.path());
                Workspace.write(target, file.render(stubbed));
                sources.add(target);
            }
            Path classes = folder.resolve("classes");
            List<WorkspaceCompiler.CompileError> errors = WorkspaceCompiler.compile(sources, classPath, classes);
            StepRunner.Results results = null;
            boolean nd4j = false;
            if (errors.isEmpty()) {
                List<Integer> upTo = IntStream.rangeClosed(1, Math.min(k, steps.size())).boxed().toList();
                Path classLog = folder.resolve(CLASS_LOG);
                results = TestJvm.run(classes, classPath, upTo, false, folder,
                        List.of("-Xlog:class+load=info:file=" + classLog));
                nd4j = Files.readAllLines(classLog).stream().anyMatch(line -> line.contains(" org.nd4j."));
            }
            runs.put(k, new ProofRun(k, errors, results, nd4j));
        }
    }

    @Test
    @Claim("KATA-2")
    void everyStepsStubbedWorkspaceCompiles() {
        List<String> broken = runs.values().stream().filter(r -> !r.errors().isEmpty())
                .map(r -> "stubbed from step " + r.firstStubbed() + ":\n" + r.errors().stream()
                        .map(Object::toString).collect(Collectors.joining("\n")))
                .toList();
        assertTrue(broken.isEmpty(), "workspaces that do not compile:\n" + String.join("\n", broken));
    }

    @Test
    @Claim("KATA-2")
    void everyClaimOfAStepFailsOnItsStub() {
        List<String> missed = new ArrayList<>();
        for (KataPath.Step step : steps) {
            StepRunner.StepOutcome outcome = outcome(step.number(), step.number());
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
            for (int before = 1; before < stubbed.number(); before++) {
                outcome(stubbed.number(), before).tests().stream().filter(t -> !t.passed())
                        .forEach(t -> broken.add("with " + stubbed.label() + " stubbed, " + t.ranAs() + "#"
                                + t.test().substring(t.test().indexOf('#') + 1) + " fails: " + t.failure()));
            }
        }
        assertTrue(broken.isEmpty(), String.join("\n", broken));
    }

    @Test
    @Claim("KATA-3")
    void theSolutionPassesEveryStep() {
        ProofRun solved = runs.get(steps.size() + 1);
        assertEquals(steps.size(), solved.results().steps().size(), "steps run on the solution");
        List<String> failing = solved.results().steps().stream().flatMap(s -> s.tests().stream())
                .filter(t -> !t.passed()).map(t -> t.test() + ": " + t.failure()).toList();
        assertTrue(failing.isEmpty(), "tests that fail on the solution:\n" + String.join("\n", failing));
        for (StepRunner.StepOutcome outcome : solved.results().steps()) {
            Set<String> ran = outcome.tests().stream().flatMap(t -> t.claims().stream()).collect(Collectors.toSet());
            KataPath.Step step = KataPath.step(outcome.step()).orElseThrow();
            assertTrue(ran.containsAll(step.claims()), step.label() + " ran no test for some of its claims: ran "
                    + ran + ", claims " + step.claims());
        }
    }

    @Test
    @Claim("KATA-4")
    void stepsThatDoNotNeedNd4jNeverLoadIt() {
        List<String> loaded = runs.values().stream()
                .filter(r -> r.firstStubbed() <= steps.size())
                .filter(r -> steps.subList(0, r.firstStubbed()).stream().noneMatch(KataPath.Step::nd4j))
                .filter(ProofRun::loadedNd4j)
                .map(r -> "steps 1 to " + r.firstStubbed() + " loaded ND4J").toList();
        assertTrue(loaded.isEmpty(), String.join("\n", loaded));
        assertTrue(runs.get(steps.size() + 1).loadedNd4j(), "the run of every step, DL4J's included, must show ND4J"
                + " in its class-load log, or the log proves nothing");
    }

    private StepRunner.StepOutcome outcome(int run, int step) {
        ProofRun proof = runs.get(run);
        assertTrue(proof.errors().isEmpty(), "stubbed from step " + run + " does not compile");
        return proof.results().steps().stream().filter(s -> s.step() == step).findFirst().orElseThrow(() ->
                new AssertionError("the run stubbed from step " + run + " did not run step " + step));
    }
}
