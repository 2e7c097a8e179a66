package io.github.statefullstm.spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The claims written in {@code specs/*.md}. Each claim is a heading {@code ### ID — sentence} followed by a
 * {@code **Verified by.**} line listing the tests in backticks, as {@code Class#method} or {@code Class}; a claim the
 * kata teaches carries, for each step that teaches it, a {@code **Kata hints, step N.**} line and its hints as a
 * numbered list, so that whoever edits a claim sees the hints that explain it.
 */
public record SpecDocument(Path file, List<SpecClaim> claims) {

    /**
     * One claim as written: its ID, its heading's sentence, the tests the spec names for it, and its kata hints by
     * step number, in the order written.
     */
    public record SpecClaim(String id, String title, Path file, Set<String> verifiedBy,
                            Map<Integer, List<String>> kataHints) {
    }

    static final Path SPECS = Path.of("specs");
    private static final Pattern HEADING = Pattern.compile("^### ([A-Z0-9]+-\\d+) — (.+)$");
    private static final Pattern VERIFIED_BY = Pattern.compile("^\\*\\*Verified by\\.\\*\\*(.*)$");
    private static final Pattern TEST_REFERENCE = Pattern.compile("`([A-Za-z0-9_$]+(?:#[A-Za-z0-9_]+)?)`");
    private static final Pattern KATA_HINTS = Pattern.compile("^\\*\\*Kata hints, step (\\d+)\\.\\*\\*$");
    private static final Pattern NUMBERED = Pattern.compile("^\\d+\\. (.+)$");

    public static List<SpecDocument> all() {
        try (Stream<Path> files = Files.list(SPECS)) {
            return files.filter(f -> f.toString().endsWith(".md")).filter(f -> !f.getFileName().toString()
                    .equals("README.md")).sorted().map(SpecDocument::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SpecDocument read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<SpecClaim> claims = new ArrayList<>();
        String id = null;
        String title = null;
        Set<String> verifiedBy = new LinkedHashSet<>();
        Map<Integer, List<String>> hints = new LinkedHashMap<>();
        List<String> hintList = null;
        for (String line : lines) {
            Matcher heading = HEADING.matcher(line);
            if (heading.matches()) {
                if (id != null) {
                    claims.add(new SpecClaim(id, title, file, verifiedBy, hints));
                }
                id = heading.group(1);
                title = heading.group(2);
                verifiedBy = new LinkedHashSet<>();
                hints = new LinkedHashMap<>();
                hintList = null;
                continue;
            }
            Matcher verified = VERIFIED_BY.matcher(line);
            if (id != null && verified.matches()) {
                Matcher reference = TEST_REFERENCE.matcher(verified.group(1));
                while (reference.find()) {
                    verifiedBy.add(reference.group(1));
                }
            }
            Matcher kataHints = KATA_HINTS.matcher(line);
            Matcher numbered = NUMBERED.matcher(line);
            if (id != null && kataHints.matches()) {
                hintList = new ArrayList<>();
                hints.put(Integer.parseInt(kataHints.group(1)), hintList);
            } else if (hintList != null && numbered.matches()) {
                hintList.add(numbered.group(1));
            } else {
                hintList = null;
            }
        }
        if (id != null) {
            claims.add(new SpecClaim(id, title, file, verifiedBy, hints));
        }
        return new SpecDocument(file, claims);
    }
}
