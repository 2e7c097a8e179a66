package io.github.statefullstm.spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Every test class and method compiled from {@code src/test/java}, and the claims each names with {@link Claim}.
 * A test is written {@code Class#method} (nested classes as {@code Outer$Inner}); a class-level {@code @Claim}
 * (as on ArchUnit rule classes, whose rules are fields) is written {@code Class}.
 */
final class ClaimedTests {

    private final Map<String, Set<String>> claimsByTest = new HashMap<>();
    private final Set<String> knownTests = new LinkedHashSet<>();

    private ClaimedTests() {
    }

    static ClaimedTests scan() {
        ClaimedTests tests = new ClaimedTests();
        Path root = testClassesRoot();
        try (Stream<Path> files = Files.walk(root)) {
            List<String> classNames = files.filter(f -> f.toString().endsWith(".class"))
                    .map(f -> root.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", ""))
                    .filter(name -> name.startsWith("io.github.statefullstm.")).sorted().toList();
            for (String className : classNames) {
                tests.add(Class.forName(className, false, ClaimedTests.class.getClassLoader()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
        return tests;
    }

    private void add(Class<?> type) {
        String name = type.getName().substring(type.getPackageName().length() + 1);
        knownTests.add(name);
        Claim onType = type.getAnnotation(Claim.class);
        if (onType != null) {
            claimsByTest.put(name, new LinkedHashSet<>(Arrays.asList(onType.value())));
        }
        for (Method method : type.getDeclaredMethods()) {
            String test = name + "#" + method.getName();
            knownTests.add(test);
            Claim claim = method.getAnnotation(Claim.class);
            if (claim != null) {
                claimsByTest.put(test, new LinkedHashSet<>(Arrays.asList(claim.value())));
            }
        }
    }

    /** Test (as written in specs) -> the claim IDs it names. */
    Map<String, Set<String>> claimsByTest() {
        return claimsByTest;
    }

    boolean exists(String test) {
        return knownTests.contains(test);
    }

    private static Path testClassesRoot() {
        try {
            return Path.of(Claim.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
