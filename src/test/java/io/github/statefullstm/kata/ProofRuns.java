package io.github.statefullstm.kata;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * The runs the kata's proof reads: workspaces rendered from the marked source (the solution, each step's stub, each
 * planted slip), compiled and run in this JVM exactly as a learner's kata runs them, each step in a class loader of its
 * own. Only the files that differ from the solution are compiled: the others are the project's own code, which the
 * loader has already (rendering a file with nothing stubbed gives the file itself, KATA-1). The solution's runs record
 * which of the project's classes each step's tests needed; a later workspace reruns an earlier step only when it
 * changes one of those classes, since otherwise the step runs what it ran on the solution.
 */
final class ProofRuns implements AutoCloseable {

    private final Path folder;
    private final List<MarkedSource.MarkedFile> files = MarkedSource.scan(MarkedSource.PRODUCTION);
    private final WorkspaceCompiler compiler;
    private final RunLoaders loaders;
    private final Map<String, String> configuration;
    private final Map<Integer, Set<String>> classesOfStep = new HashMap<>();
    private final Map<Integer, Run> stubbed = new HashMap<>();
    private Run solution;

    /**
     * One workspace's run: its compile errors, or each step's outcome and whether the step asked for ND4J. A step
     * that was not run again holds the solution's outcome.
     */
    record Run(String label, List<WorkspaceCompiler.CompileError> errors, Map<Integer, StepRunner.StepOutcome> outcomes,
               Map<Integer, Boolean> nd4j, Map<Integer, StepDriver.RanAway> runaways) {

        StepRunner.StepOutcome outcome(KataPath.Step step) {
            StepRunner.StepOutcome outcome = outcomes.get(step.number());
            if (outcome == null) {
                throw new AssertionError(label + ": " + step.label() + " has no outcome"
                        + (errors.isEmpty() ? "" : " (the workspace does not compile)")
                        + (runaways.containsKey(step.number()) ? " (it ran past its limit)" : ""));
            }
            return outcome;
        }

        boolean askedForNd4j(KataPath.Step step) {
            return nd4j.getOrDefault(step.number(), false);
        }
    }

    private ProofRuns(Path folder, Map<String, String> configuration) {
        this.folder = folder;
        String classPath = WorkspaceCompiler.currentClassPath();
        this.compiler = new WorkspaceCompiler(classPath);
        this.loaders = RunLoaders.of(classPath);
        this.configuration = configuration;
    }

    /**
     * Proof runs under {@code folder}. A proof needs no smallest sample, only the claims that fail, so jqwik does not
     * shrink; its record of failing samples is the proof's own.
     */
    static ProofRuns start(Path folder) {
        return new ProofRuns(folder, Map.of("jqwik.database", folder.resolve("jqwik-database").toString(),
                "jqwik.shrinking.default", "OFF"));
    }

    /** Runs every step on the solution, each in a loader of its own, and records what each needed. */
    void runSolution() {
        Workspace rendered = render("solution", Set.of());
        WorkspaceCompiler.Result compiled = new WorkspaceCompiler.Result(List.of(), Map.of());
        Map<Integer, StepRunner.StepOutcome> outcomes = new HashMap<>();
        Map<Integer, Boolean> nd4j = new HashMap<>();
        Map<Integer, StepDriver.RanAway> runaways = new HashMap<>();
        if (compiled.compiled()) {
            for (KataPath.Step step : KataPath.steps()) {
                RunLoaders.WorkspaceLoader loader = loaders.forWorkspace(compiled.classes());
                run(loader, step, null, rendered, outcomes, runaways);
                nd4j.put(step.number(), loader.askedForNd4j());
                classesOfStep.put(step.number(), Set.copyOf(loader.definedClasses()));
            }
        }
        solution = new Run("the solution", compiled.errors(), outcomes, nd4j, runaways);
    }

    /** The workspace with the steps from {@code first} on stubbed: the steps before it, then its own tests. */
    void runStubbedFrom(KataPath.Step first) {
        Set<String> stubbedSteps = KataPath.steps().stream().filter(s -> s.number() >= first.number())
                .map(KataPath.Step::id).collect(Collectors.toSet());
        stubbed.put(first.number(), runWorkspace("stubbed from " + first.label(), "stubbed-from-" + first.number(),
                stubbedSteps, null, UnaryOperator.identity(), first, null));
    }

    /**
     * A workspace rendered with {@code stubbedSteps} stubbed and {@code change} applied to {@code changed}'s text (no
     * file changed when null), run through the steps up to {@code last}: the earlier ones where the workspace changes
     * their classes, then {@code last}'s claims in {@code claims}' order up to the first that fails (all when null).
     */
    Run runWorkspace(String label, String name, Set<String> stubbedSteps, MarkedSource.MarkedFile changed,
                     UnaryOperator<String> change, KataPath.Step last, List<String> claims) {
        Workspace rendered = render(name, stubbedSteps, changed, change);
        List<Path> toCompile = files.stream()
                .filter(file -> file == changed || file.steps().stream().anyMatch(stubbedSteps::contains))
                .map(rendered::fileOf).toList();
        WorkspaceCompiler.Result compiled = compiler.compile(toCompile);
        Map<Integer, StepRunner.StepOutcome> outcomes = new HashMap<>();
        Map<Integer, Boolean> nd4j = new HashMap<>();
        Map<Integer, StepDriver.RanAway> runaways = new HashMap<>();
        if (compiled.compiled()) {
            Set<String> differing = changedClasses(stubbedSteps, changed);
            for (KataPath.Step step : KataPath.steps().subList(0, last.number())) {
                boolean own = step.number() == last.number();
                if (own || classesOfStep.get(step.number()).stream().anyMatch(differing::contains)) {
                    RunLoaders.WorkspaceLoader loader = loaders.forWorkspace(compiled.classes());
                    run(loader, step, own ? claims : null, rendered, outcomes, runaways);
                    nd4j.put(step.number(), loader.askedForNd4j());
                } else {
                    outcomes.put(step.number(), solution.outcome(step));
                }
                if (runaways.containsKey(step.number())) {
                    break;
                }
            }
        }
        return new Run(label, compiled.errors(), outcomes, nd4j, runaways);
    }

    private void run(RunLoaders.WorkspaceLoader loader, KataPath.Step step, List<String> claims, Workspace rendered,
                     Map<Integer, StepRunner.StepOutcome> outcomes, Map<Integer, StepDriver.RanAway> runaways) {
        StepDriver.Ending ending = StepDriver.run(loader, step, claims, configuration, step.limit(),
                rendered.sources(), test -> { });
        if (ending instanceof StepDriver.Finished finished) {
            outcomes.put(step.number(), finished.outcome());
        } else {
            runaways.put(step.number(), (StepDriver.RanAway) ending);
        }
    }

    /** The classes of the files that differ from the solution: the stubbed steps' files and the changed one. */
    private Set<String> changedClasses(Set<String> stubbedSteps, MarkedSource.MarkedFile changedFile) {
        Set<String> changed = new HashSet<>();
        for (MarkedSource.MarkedFile file : files) {
            if (file == changedFile || file.steps().stream().anyMatch(stubbedSteps::contains)) {
                changed.add(binaryName(file));
            }
        }
        Set<String> withNested = new HashSet<>();
        for (Set<String> ofStep : classesOfStep.values()) {
            for (String type : ofStep) {
                String outer = type.contains("$") ? type.substring(0, type.indexOf('$')) : type;
                if (changed.contains(outer)) {
                    withNested.add(type);
                }
            }
        }
        withNested.addAll(changed);
        return withNested;
    }

    private static String binaryName(MarkedSource.MarkedFile file) {
        String path = file.path().toString().replace('\\', '/');
        return path.substring(0, path.length() - ".java".length()).replace('/', '.');
    }

    private Workspace render(String name, Set<String> stubbedSteps) {
        return render(name, stubbedSteps, null, UnaryOperator.identity());
    }

    /** Writes a workspace under the proof's folder: {@code changed}'s text goes through {@code change}. */
    Workspace render(String name, Set<String> stubbedSteps, MarkedSource.MarkedFile changed,
                     UnaryOperator<String> change) {
        Workspace workspace = new Workspace(folder.resolve(name), files);
        ScratchFolder.deleteTree(workspace.sources());
        for (MarkedSource.MarkedFile file : files) {
            String text = file.render(stubbedSteps);
            Workspace.write(workspace.fileOf(file), file == changed ? change.apply(text) : text);
        }
        return workspace;
    }

    Run solution() {
        return solution;
    }

    Run stubbed(KataPath.Step step) {
        return stubbed.get(step.number());
    }

    List<MarkedSource.MarkedFile> files() {
        return files;
    }

    @Override
    public void close() {
        compiler.close();
    }

}
