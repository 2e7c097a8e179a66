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
import java.util.Set;
import java.util.function.Consumer;
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
 * Runs the tests of one kata step, inside the class loader of a run ({@link RunLoaders.WorkspaceLoader}), where the
 * learner's classes stand in for the project's, and answers with what each test did, as JSON (only the JDK's types
 * cross from one loader to the other). A step runs exactly the project's tests that name one of its claims in
 * {@code @Claim}, selected through the JUnit Platform, so that jqwik's properties and Jupiter's tests are found alike;
 * a step that does not need ND4J never looks at the tests that do, so ND4J is never loaded for it.
 */
public final class StepRunner {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROJECT = "io.github.statefullstm.";
    /** Tests that drive DL4J live here; only a step that needs ND4J may look at them. */
    private static final String ND4J_TESTS = PROJECT + "rnn.dl4j.";
    /** The unit-test classes, as Surefire finds them; their nested groups come with them. */
    private static final List<String> TEST_SUFFIXES = List.of("Properties", "Examples", "Test");
    /** The entry point a run calls, by name, from the other side of the class loaders. */
    static final String ENTRY = "runInThisLoader";

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

    private StepRunner() {
    }

    /**
     * Runs step {@code number}'s tests in this class loader: those of {@code claims} only, in their order, stopping at
     * the first claim with a failing test when {@code claims} is given, else all of them. {@code configuration} goes to
     * the JUnit Platform (jqwik reads its own there); {@code testStarted} hears each test as it starts, as
     * {@code "Class#method<TAB>CLAIM,CLAIM"}. Answers with the step's {@link StepOutcome} as JSON.
     */
    public static String runInThisLoader(int number, List<String> claims, Map<String, String> configuration,
                                         Consumer<String> testStarted) throws IOException {
        KataPath.Step step = KataPath.step(number).orElseThrow();
        Launcher launcher = LauncherFactory.create(LauncherConfig.builder()
                // The spec status page records the build's own runs, never a kata run.
                .enableTestExecutionListenerAutoRegistration(false).build());
        Recorder recorder = new Recorder(testStarted);
        long started = System.nanoTime();
        if (claims == null) {
            run(launcher, step, Set.copyOf(step.claims()), configuration, recorder);
        } else {
            for (String claim : claims) {
                run(launcher, step, Set.of(claim), configuration, recorder);
                if (recorder.outcomes().stream().anyMatch(t -> !t.passed())) {
                    break;
                }
            }
        }
        return JSON.writeValueAsString(new StepOutcome(step.number(), recorder.outcomes(),
                (System.nanoTime() - started) / 1e9));
    }

    private static void run(Launcher launcher, KataPath.Step step, Set<String> claims,
                            Map<String, String> configuration, Recorder recorder) {
        List<DiscoverySelector> selectors = testClasses(step.nd4j()).stream()
                .filter(type -> !claimedMethods(type, claims).isEmpty())
                .map(DiscoverySelectors::selectClass).map(DiscoverySelector.class::cast).toList();
        PostDiscoveryFilter onlyTheseClaims = descriptor -> {
            if (!descriptor.isTest()) {
                return FilterResult.included("a container");
            }
            return claimsOf(descriptor.getSource().orElse(null)).stream().anyMatch(claims::contains)
                    ? FilterResult.included("names a claim of " + step.label())
                    : FilterResult.excluded("names no claim of " + step.label());
        };
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request().selectors(selectors)
                .filters(onlyTheseClaims).configurationParameters(configuration).build();
        launcher.execute(request, recorder);
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
        private final Consumer<String> testStarted;

        Recorder(Consumer<String> testStarted) {
            this.testStarted = testStarted;
        }

        @Override
        public void executionStarted(TestIdentifier identifier) {
            if (identifier.isTest() && identifier.getSource().orElse(null) instanceof MethodSource source) {
                Class<?> type = source.getJavaClass();
                testStarted.accept(type.getName().substring(type.getPackageName().length() + 1) + "#"
                        + source.getMethodName() + "\t" + String.join(",", claimsOf(source)));
            }
        }

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

    /** A step's outcome, read back from {@link #runInThisLoader}'s answer. */
    static StepOutcome read(String json) throws IOException {
        return JSON.readValue(json, StepOutcome.class);
    }

    static Set<String> failedClaims(StepOutcome step) {
        Set<String> failed = new LinkedHashSet<>();
        step.tests().stream().filter(t -> !t.passed()).forEach(t -> failed.addAll(t.claims()));
        return failed;
    }
}
