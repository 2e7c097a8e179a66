package io.github.statefullstm.spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The claims written in {@code specs/*.md}. Each claim is a heading {@code ### ID — sentence} followed by a
 * {@code **Verified by.**} line listing the tests in backticks, as {@code Class#method} or {@code Class}.
 */
public record SpecDocument(Path file, List<SpecClaim> claims) {

    /** One claim as written: its ID, its heading's sentence, and the tests the spec names for it. */
    public record SpecClaim(String id, String title, Path file, Set<String> verifiedBy) {
    }

    static final Path SPECS = Path.of("specs");
    private static final Pattern HEADING = Pattern.compile("^### ([A-Z0-9]+-\\d+) — (.+)$");
    private static final Pattern VERIFIED_BY = Pattern.compile("^\\*\\*Verified by\\.\\*\\*(.*)$");
    private static final Pattern TEST_REFERENCE = Pattern.compile("`([A-Za-z0-9_$]+(?:#[A-Za-z0-9_]+)?)`");

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
        for (String line : lines) {
            Matcher heading = HEADING.matcher(line);
            if (heading.matches()) {
                if (id != null) {
                    claims.add(new SpecClaim(id, title, file, verifiedBy));
                }
                id = heading.group(1);
                title = heading.group(2);
                verifiedBy = new LinkedHashSet<>();
                continue;
            }
            Matcher verified = VERIFIED_BY.matcher(line);
            if (id != null && verified.matches()) {
                Matcher reference = TEST_REFERENCE.matcher(verified.group(1));
                while (reference.find()) {
                    verifiedBy.add(reference.group(1));
                }
            }
        }
        if (id != null) {
            claims.add(new SpecClaim(id, title, file, verifiedBy));
        }
        return new SpecDocument(file, claims);
    }
}
