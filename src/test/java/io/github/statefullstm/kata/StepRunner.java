package io.github.statefullstm.kata;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.statefullstm.spec.Claim;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.PostDiscoveryFilter;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs the tests of kata steps, in a JVM whose class path puts the learner's classes first, and writes what each test
 * did to a JSON file. A step runs exactly the project's tests that name one of its claims in {@code @Claim}, selected
 * through the JUnit Platform, so that jqwik's properties and Jupiter's tests are found alike; a step that does not need
 * ND4J never looks at the tests that do, so ND4J is never loaded for it.
 *
 * <p>Arguments: the results file, then {@code --stop} to stop at the first failing step, then the step numbers.
 */
public final class StepRunner {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROJECT = "io.github.statefullstm.";
    /** Tests that drive DL4J live here; only a step that needs ND4J may look at them. */
    private static final String ND4J_TESTS = PROJECT + "rnn.dl4j.";
    /** The unit-test classes, as Surefire finds them; their nested groups come with them. */
    private static final List<String> TEST_SUFFIXES = List.of("Properties", "Examples", "Test");

    /** One test's end: its name as specs/ write it, the class it ran in, its claims, and why it failed. */
    record TestOutcome(String test, String ranAs, List<String> claims, boolean passed, String failure,
                       String sample) {
    }

    /** One step's tests and what they did. */
    record StepOutcome(int step, List<TestOutcome> tests, double seconds) {
        boolean passed() {
            return tests.stream().allMatch(TestOutcome::passed);
        }
    }

    /** The answer of a run: the steps it ran, in order. */
    record Results(List<StepOutcome> steps) {
    }

    private StepRunner() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        boolean stop = args.length > 1 && args[1].equals("--stop");
        List<Integer> steps = Arrays.stream(args).skip(stop ? 2 : 1).map(Integer::parseInt).toList();
        Launcher launcher = LauncherFactory.create(LauncherConfig.builder()
                // The spec status page records the build's own runs, never a kata run.
                .enableTestExecutionListenerAutoRegistration(false).build());
        List<StepOutcome> outcomes = new ArrayList<>();
        for (int number : steps) {
            KataPath.Step step = KataPath.step(number).orElseThrow();
            StepOutcome outcome = run(launcher, step);
            outcomes.add(outcome);
            if (stop && !outcome.passed()) {
                break;
            }
        }
        JSON.writeValue(out.toFile(), new Results(outcomes));
        System.exit(0); // a test may leave a non-daemon thread behind; the answer is written
    }

    static StepOutcome run(Launcher launcher, KataPath.Step step) {
        Set<String> claims = Set.copyOf(step.claims());
        List<DiscoverySelector> selectors = testClasses(step.nd4j()).stream()
                .filter(type -> !claimedMethods(type, claims).isEmpty())
                .map(DiscoverySelectors::selectClass).map(DiscoverySelector.class::cast).toList();
        PostDiscoveryFilter onlyTheStepsClaims = descriptor -> {
            if (!descriptor.isTest()) {
                return FilterResult.included("a container");
            }
            return claimsOf(descriptor.getSource().orElse(null)).stream().anyMatch(claims::contains)
                    ? FilterResult.included("names a claim of " + step.label())
                    : FilterResult.excluded("names no claim of " + step.label());
        };
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request().selectors(selectors)
                .filters(onlyTheStepsClaims).build();
        Recorder recorder = new Recorder();
        long started = System.nanoTime();
        launcher.execute(request, recorder);
        return new StepOutcome(step.number(), recorder.outcomes(), (System.nanoTime() - started) / 1e9);
    }

    /** Every concrete top-level unit-test class of the project (the kata's own excepted), loaded, not initialised. */
    private static List<Class<?>> testClasses(boolean nd4j) {
        Path root = testClassesRoot();
        try (Stream<Path> files = Files.walk(root)) {
            List<Class<?>> classes = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                String name = root.relativize(file).toString().replace(java.io.File.separatorChar, '.')
                        .replaceAll("\\.class$", "");
                boolean unitTest = TEST_SUFFIXES.stream().anyMatch(name::endsWith);
                if (!name.startsWith(PROJECT) || name.contains("$") || !unitTest
                        || name.startsWith(StepRunner.class.getPackageName() + ".")
                        || (!nd4j && name.startsWith(ND4J_TESTS))) {
                    continue;
                }
                Class<?> type = Class.forName(name, false, StepRunner.class.getClassLoader());
                if (!Modifier.isAbstract(type.getModifiers())) {
                    classes.add(type);
                }
            }
            return classes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The methods of a class, its superclasses and its nested groups that name one of the claims. */
    static List<Method> claimedMethods(Class<?> type, Set<String> claims) {
        List<Method> found = new ArrayList<>();
        collectClaimedMethods(type, claims, new java.util.HashSet<>(), found);
        return found;
    }

    private static void collectClaimedMethods(Class<?> type, Set<String> claims, Set<Class<?>> seen,
                                              List<Method> found) {
        for (Class<?> at = type; at != null && at != Object.class && seen.add(at); at = at.getSuperclass()) {
            for (Method method : at.getDeclaredMethods()) {
                Claim claim = method.getAnnotation(Claim.class);
                if (claim != null && Arrays.stream(claim.value()).anyMatch(claims::contains)) {
                    found.add(method);
                }
            }
            for (Class<?> nested : at.getDeclaredClasses()) {
                collectClaimedMethods(nested, claims, seen, found);
            }
        }
    }

    private static List<String> claimsOf(TestSource source) {
        if (source instanceof MethodSource method) {
            Claim claim = method.getJavaMethod().getAnnotation(Claim.class);
            return claim == null ? List.of() : List.of(claim.value());
        }
        return List.of();
    }

    /** Written as specs/ write a test: {@code Class#method}, nested classes as {@code Outer$Inner}. */
    private static String specName(Method method) {
        Class<?> declaring = method.getDeclaringClass();
        return declaring.getName().substring(declaring.getPackageName().length() + 1) + "#" + method.getName();
    }

    private static Path testClassesRoot() {
        try {
            return Path.of(Claim.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Collects each test's end and, for a failed property, jqwik's report of its smallest failing sample. */
    private static final class Recorder implements TestExecutionListener {

        private final Map<String, List<String>> reports = new HashMap<>();
        private final Map<String, TestOutcome> outcomes = new LinkedHashMap<>();

        @Override
        public void reportingEntryPublished(TestIdentifier identifier, ReportEntry entry) {
            reports.computeIfAbsent(identifier.getUniqueId(), id -> new ArrayList<>())
                    .addAll(entry.getKeyValuePairs().values());
        }

        @Override
        public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
            if (!identifier.isTest() || !(identifier.getSource().orElse(null) instanceof MethodSource source)) {
                return;
            }
            Method method = source.getJavaMethod();
            String ranAs = source.getJavaClass().getName().substring(source.getJavaClass().getPackageName().length()
                    + 1);
            String test = specName(method);
            boolean passed = result.getStatus() == TestExecutionResult.Status.SUCCESSFUL;
            String failure = passed ? null : result.getThrowable().map(Failures::describe).orElse("failed");
            String sample = passed ? null : Failures.smallestSample(reports.getOrDefault(identifier.getUniqueId(),
                    List.of()));
            String key = ranAs + "#" + method.getName();
            TestOutcome earlier = outcomes.get(key);
            if (earlier == null || earlier.passed()) {
                outcomes.put(key, new TestOutcome(test, ranAs, claimsOf(source), passed, failure, sample));
            }
        }

        List<TestOutcome> outcomes() {
            return List.copyOf(outcomes.values());
        }
    }

    /** The file the run wrote, read back. */
    static Results read(Path file) throws IOException {
        return JSON.readValue(file.toFile(), Results.class);
    }

    static Optional<TestOutcome> firstFailure(Results results) {
        return results.steps().stream().flatMap(s -> s.tests().stream()).filter(t -> !t.passed()).findFirst();
    }

    static Set<String> failedClaims(StepOutcome step) {
        Set<String> failed = new LinkedHashSet<>();
        step.tests().stream().filter(t -> !t.passed()).forEach(t -> failed.addAll(t.claims()));
        return failed;
    }
}
