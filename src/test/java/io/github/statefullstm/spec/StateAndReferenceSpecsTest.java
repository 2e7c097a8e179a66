package io.github.statefullstm.spec;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Keeps {@code specs/state.md} and {@code specs/reference.md} honest: every claim lists tests, and every listed test
 * exists and carries {@link Claim} with that claim's ID.
 */
class StateAndReferenceSpecsTest {

    private static final Pattern CLAIM_HEADING = Pattern.compile("^## ((?:STATE|REF)-\\d+):", Pattern.MULTILINE);
    private static final Pattern LISTED_TEST = Pattern.compile("^- `([A-Za-z0-9_.]+)#([A-Za-z0-9_]+)`",
            Pattern.MULTILINE);
    /** Where the tests these two specs list live. */
    private static final List<String> PACKAGES = List.of("io.github.statefullstm.rnn.",
            "io.github.statefullstm.rnn.reference.");

    @ParameterizedTest
    @ValueSource(strings = {"specs/state.md", "specs/reference.md"})
    void everyClaimListsTestsThatExistAndCarryItsId(String spec) throws IOException {
        Map<String, String> sections = sections(Files.readString(Path.of(spec)));
        assertFalse(sections.isEmpty(), spec + " has no claims");
        for (Map.Entry<String, String> claim : sections.entrySet()) {
            Matcher listed = LISTED_TEST.matcher(claim.getValue());
            int tests = 0;
            while (listed.find()) {
                Method method = method(spec, listed.group(1), listed.group(2));
                Claim annotation = method.getAnnotation(Claim.class);
                assertTrue(annotation != null && Arrays.asList(annotation.value()).contains(claim.getKey()),
                        spec + ": " + listed.group(1) + "#" + listed.group(2) + " lacks @Claim(\"" + claim.getKey()
                                + "\")");
                tests++;
            }
            assertTrue(tests > 0, spec + ": " + claim.getKey() + " lists no test");
        }
    }

    private static Map<String, String> sections(String text) {
        Map<String, String> sections = new LinkedHashMap<>();
        Matcher heading = CLAIM_HEADING.matcher(text);
        List<int[]> bounds = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        while (heading.find()) {
            ids.add(heading.group(1));
            bounds.add(new int[] {heading.start()});
        }
        for (int i = 0; i < ids.size(); i++) {
            int end = i + 1 < ids.size() ? bounds.get(i + 1)[0] : text.length();
            sections.put(ids.get(i), text.substring(bounds.get(i)[0], end));
        }
        return sections;
    }

    private static Method method(String spec, String className, String methodName) {
        String binaryName = className.replace('.', '$');
        for (String pkg : PACKAGES) {
            try {
                Class<?> type = Class.forName(pkg + binaryName);
                for (Method method : type.getDeclaredMethods()) {
                    if (method.getName().equals(methodName)) {
                        return method;
                    }
                }
                fail(spec + ": " + className + " has no method " + methodName);
            } catch (ClassNotFoundException notInThisPackage) {
                // try the next package
            }
        }
        return fail(spec + ": no test class " + className + " in " + PACKAGES);
    }
}
