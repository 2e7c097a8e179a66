package io.github.statefullstm.kata;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The slips a learner typically makes in each step's code, as {@code specs/kata-slips.md} writes them for reviewers:
 * read here so that the proof plants exactly what the catalogue says (KATA-8, KATA-10).
 */
final class SlipCatalogue {

    static final Path FILE = Path.of("specs", "kata-slips.md");

    private static final Pattern HEADING = Pattern.compile("^### Slip (\\w+) — (.+)$");
    private static final Pattern STEP = Pattern.compile("^- Step: (\\d+), `([^`]+)`$");
    private static final Pattern REPLACE = Pattern.compile("^- Replace: `(.+)`$");
    private static final Pattern WITH = Pattern.compile("^- With: (?:`(.*)`|nothing)$");
    private static final Pattern SHOWN = Pattern.compile("^- Shown: ([A-Z0-9]+-\\d+)(, stopped)?$");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{3,}");
    /** Words of the language, not of the step's code: a hint that names them points at nothing in particular. */
    private static final java.util.Set<String> LANGUAGE = java.util.Set.of("return", "double", "true", "false",
            "null", "Math", "new", "this", "final", "List", "Arrays", "long", "static");

    /**
     * One slip: the line of {@code file} in step {@code step}'s code it replaces, the line it puts there (empty: the
     * line is taken out), the claim the kata shows first for it, and whether it never ends (its step is stopped).
     */
    record Slip(String id, String title, int step, String file, String replace, String with, String shown,
                boolean stops) {

        KataPath.Step kataStep() {
            return KataPath.step(step).orElseThrow(() -> new IllegalStateException("slip " + id + " names step "
                    + step + ", which the kata's path lacks"));
        }

        /** The step's file of the marked source this slip changes. */
        MarkedSource.MarkedFile in(List<MarkedSource.MarkedFile> files) {
            return files.stream().filter(f -> f.path().getFileName().toString().equals(file)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("slip " + id + " names " + file
                            + ", which no marked file is"));
        }

        /**
         * The solution's text of the file with the slip planted. The replaced line must be there once among the lines
         * of the slip's step's regions, or the slip is refused with what is wrong.
         */
        String plant(MarkedSource.MarkedFile file) {
            String solved = file.render(java.util.Set.of());
            int at = theOccurrenceInItsStep(file, solved);
            return solved.substring(0, at) + with + solved.substring(at + replace.length());
        }

        /**
         * What a hint that points at the slipped code names: the method the slip is in, or a name the replaced line
         * uses (a Java identifier of four letters or more, keywords and types of the language aside).
         */
        java.util.Set<String> pointers(MarkedSource.MarkedFile file) {
            int line = line(file) - 1;
            java.util.Set<String> names = new java.util.LinkedHashSet<>();
            file.regions().stream().filter(r -> r.begin() < line && line < r.end()).findFirst()
                    .ifPresent(r -> names.add(r.method()));
            Matcher identifier = IDENTIFIER.matcher(replace);
            while (identifier.find()) {
                if (!LANGUAGE.contains(identifier.group())) {
                    names.add(identifier.group());
                }
            }
            return names;
        }

        /** The first and last line (1-based) of the step's region the slip is in. */
        int[] region(MarkedSource.MarkedFile file) {
            int line = line(file) - 1;
            MarkedSource.Region region = file.regions().stream().filter(r -> r.begin() < line && line < r.end())
                    .findFirst().orElseThrow();
            return new int[] {region.begin() + 2, region.end()};
        }

        /** The line (1-based) the slip replaces. */
        int line(MarkedSource.MarkedFile file) {
            String solved = file.render(java.util.Set.of());
            return lineOf(solved, theOccurrenceInItsStep(file, solved)) + 1;
        }

        private int theOccurrenceInItsStep(MarkedSource.MarkedFile file, String solved) {
            List<Integer> inStep = new ArrayList<>();
            for (int at = solved.indexOf(replace); at >= 0; at = solved.indexOf(replace, at + 1)) {
                int line = lineOf(solved, at);
                if (file.regions().stream().anyMatch(r -> r.step().equals(kataStep().id()) && r.begin() < line
                        && line < r.end())) {
                    inStep.add(at);
                }
            }
            if (inStep.size() != 1) {
                throw new IllegalStateException("slip " + id + ": `" + replace + "` must occur once in the code of "
                        + kataStep().label() + " in " + file.path() + ", and occurs " + inStep.size() + " times");
            }
            return inStep.get(0);
        }

        private static int lineOf(String text, int at) {
            return (int) text.substring(0, at).chars().filter(c -> c == '\n').count();
        }

        @Override
        public String toString() {
            return "slip " + id + " (" + title + ")";
        }
    }

    private SlipCatalogue() {
    }

    static List<Slip> all() {
        List<String> lines;
        try {
            lines = Files.readAllLines(FILE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Slip> slips = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher heading = HEADING.matcher(lines.get(i));
            if (!heading.matches()) {
                continue;
            }
            Matcher step = expect(STEP, lines, i + 1, heading.group(1));
            Matcher replace = expect(REPLACE, lines, i + 2, heading.group(1));
            Matcher with = expect(WITH, lines, i + 3, heading.group(1));
            Matcher shown = expect(SHOWN, lines, i + 4, heading.group(1));
            slips.add(new Slip(heading.group(1), heading.group(2), Integer.parseInt(step.group(1)), step.group(2),
                    replace.group(1), with.group(1) == null ? "" : with.group(1), shown.group(1),
                    shown.group(2) != null));
        }
        return List.copyOf(slips);
    }

    private static Matcher expect(Pattern pattern, List<String> lines, int index, String slip) {
        String line = index < lines.size() ? lines.get(index) : "";
        Matcher matcher = pattern.matcher(line);
        if (!matcher.matches()) {
            throw new IllegalStateException(FILE + ", slip " + slip + ": line " + (index + 1) + " should match "
                    + pattern + ", and reads: " + line);
        }
        return matcher;
    }
}
