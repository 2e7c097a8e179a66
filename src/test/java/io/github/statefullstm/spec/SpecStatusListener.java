package io.github.statefullstm.spec;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Records, for every test that names a claim, how it ended, how many tries its properties ran and what jqwik's
 * statistics say its generators covered; then writes the spec status page from the record. Registered with the
 * JUnit Platform (META-INF/services), so it runs inside every {@code ./mvnw test} or {@code ./mvnw verify}.
 *
 * <p>Each test JVM writes {@code target/spec-status/<run>.json} ({@code <run>} from the system property
 * {@code spec.status.run}: one per JVM, as the build forks two for each phase), rewritten with all it has recorded
 * whenever a test plan ends; the status page joins the runs of the build, whose records of an earlier build the build
 * deletes before its tests start. It is written only when every claim had a
 * test in the build, so a run of a few tests never makes a partial page, and only under {@code target/}: running the
 * tests changes no file that git tracks. The page a reviewer reads in {@code reports/} is refreshed on purpose, by a
 * build run with {@code -Dspec.status.publish} ({@value #PUBLISH}).
 */
public final class SpecStatusListener implements TestExecutionListener {

    static final Path RUNS = Path.of("target", "spec-status");
    static final Path PAGE = Path.of("target", "spec-status.md");
    static final Path PAGE_JSON = Path.of("target", "spec-status.json");
    /** The page as published for reviewers, refreshed only by a build that asks for it. */
    static final Path PUBLISHED_PAGE = Path.of("reports", "spec-status.md");
    static final Path PUBLISHED_JSON = Path.of("reports", "spec-status.json");
    /** The system property that publishes the page: {@code ./mvnw verify -Dspec.status.publish}. */
    static final String PUBLISH = "spec.status.publish";
    /** A JVM run outside the build's configuration (an IDE's) records under this name. */
    private static final String UNNAMED_RUN = "surefire";
    private static final Pattern TRIES = Pattern.compile("^tries = (\\d+)", Pattern.MULTILINE);
    private static final Pattern CHECKS = Pattern.compile("^checks = (\\d+)", Pattern.MULTILINE);
    /**
     * jqwik names a statistics entry {@code [<property's display name>] (<count>) <label>}; a display name may hold
     * brackets of its own ("outside [0, 1]"), so the name ends where the count begins.
     */
    private static final Pattern STATISTICS_KEY = Pattern.compile("^\\[.*?\\] (\\(\\d+\\).*)$", Pattern.DOTALL);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Map<String, TestRecord> records = new TreeMap<>();
    private final Map<String, List<String>> entriesByTest = new java.util.HashMap<>();
    private TestPlan plan;

    /** One test as the spec names it, summed over its invocations (parameterized and inherited runs). */
    public static final class TestRecord {
        public String test;
        public List<String> claims = new ArrayList<>();
        public LinkedHashSet<String> ranAs = new LinkedHashSet<>();
        public String status = "SUCCESSFUL";
        public int invocations;
        public long tries;
        public long checks;
        public List<String> statistics = new ArrayList<>();
        public String failure;
    }

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        plan = testPlan;
    }

    @Override
    public void reportingEntryPublished(TestIdentifier identifier, ReportEntry entry) {
        entry.getKeyValuePairs().forEach((key, value) -> entriesByTest
                .computeIfAbsent(identifier.getUniqueId(), id -> new ArrayList<>()).add(key + "\n" + value));
        records(identifier).forEach(record -> entry.getKeyValuePairs().forEach((key, value) -> {
            Matcher tries = TRIES.matcher(value);
            Matcher checks = CHECKS.matcher(value);
            if (tries.find()) {
                record.tries += Long.parseLong(tries.group(1));
                if (checks.find()) {
                    record.checks += Long.parseLong(checks.group(1));
                }
            } else {
                Matcher statistics = STATISTICS_KEY.matcher(key);
                if (statistics.matches()) {
                    record.statistics.add(statistics.group(1).trim() + ": "
                            + value.strip().replaceAll("\\s*\\n\\s*", "; "));
                }
            }
        }));
    }

    @Override
    public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
        List<String> entries = entriesByTest.remove(identifier.getUniqueId());
        if (result.getStatus() == TestExecutionResult.Status.FAILED && entries != null) {
            // jqwik's report (seed, original and shrunk samples) goes to the platform, which the console never
            // shows: print it beside the failure so a failing property can be replayed from the build log.
            System.out.println("jqwik report for " + identifier.getDisplayName() + ":\n" + String.join("\n", entries));
        }
        if (!identifier.isTest()) {
            return;
        }
        records(identifier).forEach(record -> {
            record.invocations++;
            if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL && !record.status.equals("FAILED")) {
                record.status = result.getStatus().name();
                record.failure = result.getThrowable().map(Throwable::getMessage).orElse(null);
            }
        });
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        try {
            Files.createDirectories(RUNS);
            Path file = RUNS.resolve(run() + ".json");
            // written aside and moved into place, since the other test JVM may be reading every run to join them
            Path partial = RUNS.resolve(run() + ".json.partial");
            JSON.writeValue(partial.toFile(), records.values());
            replace(partial, file);
            boolean publish = System.getProperty(PUBLISH) != null;
            if (SpecStatusPage.writeIfComplete(readRuns(), PAGE, PAGE_JSON) && publish) {
                SpecStatusPage.writeIfComplete(readRuns(), PUBLISHED_PAGE, PUBLISHED_JSON);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<TestRecord> records(TestIdentifier identifier) {
        return specNames(sourceOf(identifier), runningClass(identifier)).stream().map(named -> {
            TestRecord record = records.computeIfAbsent(named.test, t -> {
                TestRecord fresh = new TestRecord();
                fresh.test = t;
                fresh.claims = named.claims;
                return fresh;
            });
            record.ranAs.add(named.ranAs);
            return record;
        }).toList();
    }

    /**
     * A method's own source; for a test that is not a method (an ArchUnit rule is a field), the class that holds it,
     * whose {@code @Claim} then applies.
     */
    private TestSource sourceOf(TestIdentifier identifier) {
        TestSource source = identifier.getSource().orElse(null);
        if (source instanceof MethodSource || plan == null) {
            return source;
        }
        for (Optional<TestIdentifier> at = plan.getParent(identifier); at.isPresent(); at = plan.getParent(at.get())) {
            if (at.get().getSource().orElse(null) instanceof ClassSource classSource) {
                return classSource;
            }
        }
        return source;
    }

    /**
     * The class a test ran in: the nearest container whose source is a class. A method's own source names the class
     * that declares it, which for a suite written once and inherited by each engine's class is the abstract suite.
     */
    private Optional<Class<?>> runningClass(TestIdentifier identifier) {
        for (Optional<TestIdentifier> at = plan == null ? Optional.empty() : plan.getParent(identifier);
             at.isPresent(); at = plan.getParent(at.get())) {
            if (at.get().getSource().orElse(null) instanceof ClassSource classSource) {
                return Optional.of(classSource.getJavaClass());
            }
        }
        return Optional.empty();
    }

    private record Named(String test, List<String> claims, String ranAs) {
    }

    /**
     * The test's name as specs/ writes it, and its claims; empty for tests that name no claim. A method inherited by a
     * class that names a claim of its own (an engine's run of a suite written once) counts for both: the method's
     * claims under the method, and the class's under the class.
     */
    private static List<Named> specNames(TestSource source, Optional<Class<?>> runningClass) {
        if (source instanceof MethodSource method) {
            Method javaMethod;
            try {
                javaMethod = method.getJavaMethod();
            } catch (RuntimeException e) {
                return List.of();
            }
            Class<?> declaring = javaMethod.getDeclaringClass();
            Claim claim = javaMethod.getAnnotation(Claim.class);
            if (claim == null) {
                return Optional.ofNullable(declaring.getAnnotation(Claim.class)).map(onClass -> new Named(
                        simpleBinaryName(declaring), Arrays.asList(onClass.value()), simpleBinaryName(declaring)))
                        .stream().toList();
            }
            Class<?> running = runningClass.orElse(method.getJavaClass());
            String ranAs = simpleBinaryName(running);
            List<Named> names = new ArrayList<>(List.of(new Named(simpleBinaryName(declaring) + "#"
                    + javaMethod.getName(), Arrays.asList(claim.value()), ranAs)));
            Claim onRunningClass = running.getAnnotation(Claim.class);
            if (running != declaring && onRunningClass != null) {
                names.add(new Named(ranAs, Arrays.asList(onRunningClass.value()), ranAs));
            }
            return names;
        }
        Class<?> type = source instanceof ClassSource c ? c.getJavaClass() : null;
        if (type == null || type.getAnnotation(Claim.class) == null) {
            return List.of();
        }
        return List.of(new Named(simpleBinaryName(type), Arrays.asList(type.getAnnotation(Claim.class).value()),
                simpleBinaryName(type)));
    }

    private static String simpleBinaryName(Class<?> type) {
        return type.getName().substring(type.getPackageName().length() + 1);
    }

    private static String run() {
        return System.getProperty("spec.status.run", UNNAMED_RUN);
    }

    private static List<TestRecord> readRuns() throws IOException {
        List<TestRecord> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(RUNS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                all.addAll(Arrays.asList(JSON.readValue(file.toFile(), TestRecord[].class)));
            }
        }
        return all;
    }

    /** Moves a finished temporary file over the target in one step: the page is never half written. */
    static void replace(Path temporary, Path target) throws IOException {
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
