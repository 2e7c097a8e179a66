package io.github.statefullstm.kata;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The one source of both the solution and the stubs: the production code, in which each kata part is a region
 * between {@code // kata:begin <step id>} and {@code // kata:end}, the body of a method or its tail. Rendering a file
 * with some steps stubbed replaces each of their regions by a TODO and a throw, and keeps every other line, the
 * markers included, so that a region can later be found again in the learner's copy.
 */
final class MarkedSource {

    static final Path PRODUCTION = Path.of("src", "main", "java");
    private static final Pattern BEGIN = Pattern.compile("^(\\s*)// kata:begin (\\S+)\\s*$");
    private static final Pattern END = Pattern.compile("^\\s*// kata:end\\s*$");
    /** The project's line length: a stub reads like the code around it. */
    private static final int COMMENT_WIDTH = 120;
    /** Members sit four spaces in: the nearest such line above a region declares its method. */
    private static final Pattern MEMBER = Pattern.compile("^ {4}(?![ /*@}]).*?(\\w+)\\s*\\(");

    /** A marked region: its step, the method it belongs to, and its marker lines (0-based). */
    record Region(String step, String type, String method, int begin, int end, String indent) {
        String methodName() {
            return type + "." + method;
        }
    }

    /** One production file that holds regions; {@code path} is relative to the source root. */
    record MarkedFile(Path path, List<String> lines, List<Region> regions) {

        String type() {
            return path.getFileName().toString().replaceAll("\\.java$", "");
        }

        Set<String> steps() {
            return Set.copyOf(regions.stream().map(Region::step).toList());
        }

        /** The file with the regions of the given steps stubbed and every other line as it is. */
        String render(Set<String> stubbedSteps) {
            StringBuilder out = new StringBuilder();
            int line = 0;
            for (Region region : regions) {
                while (line <= region.begin()) {
                    out.append(lines.get(line++)).append('\n');
                }
                if (stubbedSteps.contains(region.step())) {
                    for (String stub : stub(region)) {
                        out.append(stub).append('\n');
                    }
                    line = region.end();
                }
            }
            while (line < lines.size()) {
                out.append(lines.get(line++)).append('\n');
            }
            return out.toString();
        }
    }

    private MarkedSource() {
    }

    /** Every file under the source root that holds a region, by path. */
    static List<MarkedFile> scan(Path sourceRoot) {
        try (Stream<Path> files = Files.walk(sourceRoot)) {
            List<MarkedFile> marked = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                MarkedFile parsed = parse(sourceRoot.relativize(file), Files.readAllLines(file));
                if (!parsed.regions().isEmpty()) {
                    marked.add(parsed);
                }
            }
            return List.copyOf(marked);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads the regions of one file; refuses an unclosed, nested or stray marker, naming its line. */
    static MarkedFile parse(Path path, List<String> lines) {
        String type = path.getFileName().toString().replaceAll("\\.java$", "");
        List<Region> regions = new ArrayList<>();
        Matcher open = null;
        int openedAt = -1;
        for (int i = 0; i < lines.size(); i++) {
            Matcher begin = BEGIN.matcher(lines.get(i));
            if (begin.matches()) {
                if (open != null) {
                    throw new IllegalArgumentException(path + ":" + (i + 1) + ": kata:begin inside the region opened at"
                            + " line " + (openedAt + 1) + ": regions do not nest");
                }
                open = begin;
                openedAt = i;
            } else if (END.matcher(lines.get(i)).matches()) {
                if (open == null) {
                    throw new IllegalArgumentException(path + ":" + (i + 1) + ": kata:end without a kata:begin");
                }
                regions.add(new Region(open.group(2), type, enclosingMethod(path, lines, openedAt), openedAt, i,
                        open.group(1)));
                open = null;
            }
        }
        if (open != null) {
            throw new IllegalArgumentException(path + ":" + (openedAt + 1) + ": kata:begin is never closed");
        }
        return new MarkedFile(path, List.copyOf(lines), List.copyOf(regions));
    }

    private static String enclosingMethod(Path path, List<String> lines, int at) {
        for (int i = at - 1; i >= 0; i--) {
            Matcher member = MEMBER.matcher(lines.get(i));
            if (member.find()) {
                return member.group(1);
            }
        }
        throw new IllegalArgumentException(path + ":" + (at + 1) + ": a kata region must sit inside a method");
    }

    /** What a stubbed region holds: what to write, and a throw that says which step it belongs to. */
    static List<String> stub(Region region) {
        KataPath.Step step = KataPath.stepWithId(region.step()).orElseThrow(() -> new IllegalArgumentException(
                "region in " + region.methodName() + " names step '" + region.step() + "', which the path lacks"));
        String indent = region.indent();
        List<String> lines = new ArrayList<>();
        lines.add(indent + "// TODO kata " + step.label() + ", " + step.title() + ":");
        for (String line : wrap(step.task() + ".", COMMENT_WIDTH - indent.length() - "// ".length())) {
            lines.add(indent + "// " + line);
        }
        lines.add(indent + "throw new UnsupportedOperationException(\"kata " + step.label() + ": write "
                + region.methodName() + "\");");
        return List.copyOf(lines);
    }

    /** Words on lines of at most {@code width} characters (a longer word gets a line of its own). */
    private static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.length() == 0 ? "" : " ").append(word);
        }
        lines.add(line.toString());
        return lines;
    }
}
