package io.github.statefullstm.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The spec and the tests name each other, and must agree: a claim without a test, a test naming an unknown
 * claim, or a spec naming a test that does not exist fails the build with the claim or test at fault.
 */
@Claim("SPEC-1")
@DisplayName("The spec is traced to its tests")
class SpecTraceabilityTest {

    private static final Map<String, SpecDocument.SpecClaim> claims = new HashMap<>();
    private static final List<String> duplicates = new ArrayList<>();
    private static ClaimedTests tests;

    @BeforeAll
    static void readSpecAndTests() {
        for (SpecDocument document : SpecDocument.all()) {
            for (SpecDocument.SpecClaim claim : document.claims()) {
                if (claims.put(claim.id(), claim) != null) {
                    duplicates.add(claim.id() + " (again in " + claim.file() + ")");
                }
            }
        }
        tests = ClaimedTests.scan();
    }

    @Test
    @DisplayName("every claim ID is used once across specs/")
    void everyClaimIdIsUsedOnce() {
        assertTrue(!claims.isEmpty(), "no claims found under " + SpecDocument.SPECS.toAbsolutePath());
        assertEquals(List.of(), duplicates, "claim IDs defined twice");
    }

    @Test
    @DisplayName("every claim has at least one test that names it")
    void everyClaimHasATest() {
        Set<String> orphans = new TreeSet<>();
        for (String id : claims.keySet()) {
            boolean tested = tests.claimsByTest().values().stream().anyMatch(named -> named.contains(id));
            if (!tested) {
                orphans.add(id + " (" + claims.get(id).file() + ")");
            }
        }
        assertEquals(Set.of(), orphans, "claims that no @Claim names: they are untested");
    }

    @Test
    @DisplayName("every test names only claims the spec defines")
    void everyTestNamesAKnownClaim() {
        Set<String> unknown = new TreeSet<>();
        tests.claimsByTest().forEach((test, ids) -> ids.stream().filter(id -> !claims.containsKey(id))
                .forEach(id -> unknown.add(test + " names " + id)));
        assertEquals(Set.of(), unknown, "tests naming a claim that no file in specs/ defines");
    }

    @Test
    @DisplayName("every test the spec names exists and names the claim back")
    void everyTestInTheSpecExistsAndNamesTheClaim() {
        Set<String> broken = new TreeSet<>();
        for (SpecDocument.SpecClaim claim : claims.values()) {
            for (String test : claim.verifiedBy()) {
                if (!tests.exists(test)) {
                    broken.add(claim.id() + " lists " + test + ", which does not exist");
                } else if (!tests.claimsByTest().getOrDefault(test, Set.of()).contains(claim.id())) {
                    broken.add(claim.id() + " lists " + test + ", which has no @Claim(\"" + claim.id() + "\")");
                }
            }
        }
        assertEquals(Set.of(), broken, "spec entries out of step with the tests");
    }

    @Test
    @DisplayName("every test that names a claim is listed under that claim")
    void everyClaimedTestIsListedInTheSpec() {
        Set<String> unlisted = new TreeSet<>();
        tests.claimsByTest().forEach((test, ids) -> ids.stream()
                .filter(claims::containsKey)
                .filter(id -> !claims.get(id).verifiedBy().contains(test))
                .forEach(id -> unlisted.add(test + " (" + id + " in " + claims.get(id).file() + ")")));
        assertEquals(Set.of(), unlisted, "tests that claim to verify a claim whose spec entry does not list them");
    }

    @Test
    @DisplayName("the index in specs/README.md gives every claim file its claims' range")
    void theIndexGivesEveryClaimFileItsRange() throws IOException {
        Map<String, String> indexed = new HashMap<>();
        Matcher row = Pattern.compile("^\\|[^|]*\\| \\[([^]]+)]\\([^)]+\\) \\| ([^|]+) \\|$").matcher("");
        for (String line : Files.readAllLines(SpecDocument.SPECS.resolve("README.md"))) {
            if (row.reset(line).matches()) {
                indexed.put(row.group(1), row.group(2));
            }
        }
        Map<String, String> expected = new HashMap<>();
        for (SpecDocument document : SpecDocument.all()) {
            if (!document.claims().isEmpty()) {
                expected.put(document.file().getFileName().toString(), ranges(document));
            }
        }
        assertEquals(new TreeMap<>(expected), new TreeMap<>(indexed),
                "specs/README.md's table, file by file, against the claims the files define");
    }

    /** "A-1 .. A-4, B-1": each ID prefix's first and last claim, in the order the file defines them. */
    private static String ranges(SpecDocument document) {
        Map<String, List<String>> byPrefix = new LinkedHashMap<>();
        for (SpecDocument.SpecClaim claim : document.claims()) {
            byPrefix.computeIfAbsent(claim.id().substring(0, claim.id().lastIndexOf('-')), p -> new ArrayList<>())
                    .add(claim.id());
        }
        return byPrefix.values().stream().map(ids -> ids.size() == 1 ? ids.get(0)
                : ids.get(0) + " .. " + ids.get(ids.size() - 1)).collect(Collectors.joining(", "));
    }

    @Test
    @DisplayName("the published status page names only claims and tests that exist, and every claim")
    void thePublishedStatusPageIsCurrent() throws IOException {
        assumeTrue(System.getProperty(SpecStatusListener.PUBLISH) == null,
                "this run publishes a new page: the one it replaces may be out of step");
        JsonNode page = new ObjectMapper().readTree(SpecStatusListener.PUBLISHED_JSON.toFile());
        Set<String> stale = new TreeSet<>();
        Set<String> listed = new TreeSet<>();
        for (JsonNode claim : page.get("claims")) {
            String id = claim.get("id").asText();
            listed.add(id);
            if (!claims.containsKey(id)) {
                stale.add("lists " + id + ", which specs/ no longer defines");
            }
            for (JsonNode test : claim.get("tests")) {
                String name = test.get("test").asText();
                if (!tests.exists(name)) {
                    stale.add("lists " + name + " under " + id + ", which no longer exists");
                }
            }
        }
        claims.keySet().stream().filter(id -> !listed.contains(id))
                .forEach(id -> stale.add("does not list " + id + " (" + claims.get(id).file() + ")"));
        assertEquals(Set.of(), stale, SpecStatusListener.PUBLISHED_JSON + " is out of step with specs/ and the tests:"
                + " refresh it with ./mvnw verify -D" + SpecStatusListener.PUBLISH);
    }
}
