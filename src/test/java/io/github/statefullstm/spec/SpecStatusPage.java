package io.github.statefullstm.spec;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code reports/spec-status.md} and the JSON behind it: every claim of {@code specs/}, whether its tests passed in
 * the last full run, the tests behind it, how many tries its properties ran and what their generators covered.
 */
final class SpecStatusPage {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SpecStatusPage() {
    }

    /** Writes the page when every claim had at least one test in these runs; returns whether it did. */
    static boolean writeIfComplete(List<SpecStatusListener.TestRecord> runs, Path page, Path json) throws IOException {
        Map<String, SpecStatusListener.TestRecord> byTest = merge(runs);
        List<SpecDocument> documents = SpecDocument.all();
        boolean complete = documents.stream().flatMap(d -> d.claims().stream())
                .allMatch(claim -> byTest.values().stream().anyMatch(r -> r.claims.contains(claim.id())));
        if (!complete) {
            return false;
        }
        StringBuilder md = new StringBuilder();
        ObjectNode root = JSON.createObjectNode();
        ArrayNode claimsJson = root.putArray("claims");
        int passed = 0;
        int total = 0;
        StringBuilder body = new StringBuilder();
        for (SpecDocument document : documents) {
            body.append("\n## ").append(document.file().getFileName()).append("\n\n");
            body.append("| claim | status | tests | tries |\n|---|---|---|---|\n");
            StringBuilder coverage = new StringBuilder();
            for (SpecDocument.SpecClaim claim : document.claims()) {
                List<SpecStatusListener.TestRecord> tests = byTest.values().stream()
                        .filter(r -> r.claims.contains(claim.id())).toList();
                // A test whose assumption did not hold (ABORTED) checked nothing in this run; only a failure fails.
                String status = tests.stream().anyMatch(t -> t.status.equals("FAILED")) ? "FAIL" : "PASS";
                long tries = tests.stream().mapToLong(t -> t.tries).sum();
                total++;
                passed += status.equals("PASS") ? 1 : 0;
                body.append("| ").append(claim.id()).append(" — ").append(claim.title()).append(" | ")
                        .append(status.equals("PASS") ? "pass" : "**FAIL**").append(" | ");
                body.append(String.join("<br>", tests.stream().map(t -> "`" + t.test + "`"
                        + (t.ranAs.size() > 1 || !t.ranAs.contains(className(t.test)) ? " as " + t.ranAs : "")
                        + (t.status.equals("SUCCESSFUL") ? "" : " " + t.status)).toList()));
                body.append(" | ").append(tries == 0 ? "" : tries).append(" |\n");
                for (SpecStatusListener.TestRecord test : tests) {
                    for (String statistic : test.statistics) {
                        coverage.append("- ").append(claim.id()).append(" `").append(test.test).append("`: ")
                                .append(statistic).append('\n');
                    }
                }
                ObjectNode c = claimsJson.addObject();
                c.put("id", claim.id());
                c.put("title", claim.title());
                c.put("file", document.file().toString());
                c.put("status", status);
                c.put("tries", tries);
                c.set("tests", JSON.valueToTree(tests));
            }
            if (!coverage.isEmpty()) {
                body.append("\nWhat the generators covered (jqwik statistics; shares vary with jqwik's random seed):\n\n")
                        .append(coverage);
            }
        }
        md.append("# Spec status\n\n");
        md.append("Written by the test run (`SpecStatusListener`) from the claims in `specs/` and the tests that ran; ")
                .append("never edited by hand. ").append(passed).append(" of ").append(total)
                .append(" claims pass.\n");
        md.append(body);
        root.put("passed", passed);
        root.put("total", total);
        writeWhole(page, md.toString());
        writeWhole(json, JSON.writeValueAsString(root) + "\n");
        return true;
    }

    private static String className(String test) {
        int hash = test.indexOf('#');
        return hash < 0 ? test : test.substring(0, hash);
    }

    private static Map<String, SpecStatusListener.TestRecord> merge(List<SpecStatusListener.TestRecord> runs) {
        Map<String, SpecStatusListener.TestRecord> byTest = new LinkedHashMap<>();
        for (SpecStatusListener.TestRecord record : runs) {
            SpecStatusListener.TestRecord merged = byTest.get(record.test);
            if (merged == null) {
                byTest.put(record.test, record);
                continue;
            }
            merged.ranAs.addAll(record.ranAs);
            merged.invocations += record.invocations;
            merged.tries += record.tries;
            merged.checks += record.checks;
            merged.statistics.addAll(record.statistics);
            if (!record.status.equals("SUCCESSFUL") && !merged.status.equals("FAILED")) {
                merged.status = record.status;
                merged.failure = record.failure;
            }
        }
        return byTest;
    }

    private static void writeWhole(Path target, String text) throws IOException {
        Files.createDirectories(target.toAbsolutePath().getParent());
        Path temporary = Files.createTempFile(target.toAbsolutePath().getParent(), "." + target.getFileName(), ".partial");
        Files.writeString(temporary, text, StandardCharsets.UTF_8);
        SpecStatusListener.replace(temporary, target);
    }
}
