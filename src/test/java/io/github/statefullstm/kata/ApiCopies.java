package io.github.statefullstm.kata;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The project's types that a step's code uses (Sample and Task for the windows, Tape for the cell, ...), found in the
 * step's own files, so that a step names them and the workspace holds a read-only copy of each under {@code api/}:
 * the learner reads what they need there, and need not open {@code src/main/java}, which is the kata's answer key.
 * The kata's own files are not copied: they are the learner's, under {@code src/}.
 */
final class ApiCopies {

    static final Path FOLDER = Path.of("api");
    private static final Pattern WORD = Pattern.compile("\\b[A-Z][A-Za-z0-9]*\\b");
    private static final String HEADER = "// A read-only copy of the project's own %s, for reference: your code is under"
            + " src/. The kata makes it anew on every run.%n";

    private final Path sourceRoot;
    /** Every type of the project by simple name, with its file relative to the source root. */
    private final Map<String, Path> projectTypes;
    private final List<MarkedSource.MarkedFile> files;

    ApiCopies(Path sourceRoot, List<MarkedSource.MarkedFile> files) {
        this.sourceRoot = sourceRoot;
        this.files = files;
        this.projectTypes = new TreeMap<>();
        try (Stream<Path> all = Files.walk(sourceRoot)) {
            all.filter(f -> f.toString().endsWith(".java") && !f.getFileName().toString().equals("package-info.java"))
                    .forEach(f -> projectTypes.put(f.getFileName().toString().replace(".java", ""),
                            sourceRoot.relativize(f)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The project's types, other than the kata's own files, that the step's code names, by simple name. */
    Set<String> usedBy(KataPath.Step step) {
        Set<String> kataFiles = files.stream().map(MarkedSource.MarkedFile::type).collect(Collectors.toSet());
        Set<String> used = new TreeSet<>();
        for (MarkedSource.MarkedFile file : files) {
            if (!file.steps().contains(step.id())) {
                continue;
            }
            Matcher word = WORD.matcher(String.join("\n", file.lines()));
            while (word.find()) {
                String name = word.group();
                if (projectTypes.containsKey(name) && !kataFiles.contains(name)) {
                    used.add(name);
                }
            }
        }
        return used;
    }

    /** Where the copy of a type goes in the workspace. */
    Path copyOf(Path workspace, String type) {
        return workspace.resolve(FOLDER).resolve(projectTypes.get(type));
    }

    /** Writes a fresh read-only copy of every type any step uses; returns the types copied. */
    Set<String> write(Path workspace) {
        Set<String> types = new TreeSet<>();
        KataPath.steps().forEach(step -> types.addAll(usedBy(step)));
        List<Path> written = new ArrayList<>();
        for (String type : types) {
            Path target = copyOf(workspace, type);
            String text;
            try {
                text = Files.readString(sourceRoot.resolve(projectTypes.get(type)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (Files.exists(target)) {
                target.toFile().setWritable(true, true); // some systems refuse to replace a read-only file
            }
            Workspace.write(target, String.format(HEADER, type) + text);
            written.add(target);
        }
        written.forEach(file -> file.toFile().setWritable(false, false));
        return types;
    }
}
