package io.github.statefullstm.kata;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The learner's copy of the kata's files, stubbed, under {@code src/} of its folder. The learner's work is never
 * overwritten: a missing file is created, a file the learner never touched follows a newer kata silently, and a
 * touched file made by an older kata is kept and reported, with the reset that would replace it. Only a reset
 * replaces a touched file, and it moves the old one to {@code .kata/backup/} first.
 *
 * <p>{@code .kata/manifest.properties} records, for every file, the digest of the stub it was made from, which is how
 * a file is known to be untouched, or made by an older kata.
 */
final class Workspace {

    /** Written into the manifest; a workspace of another format is treated as made by an older kata. */
    static final String FORMAT = "1";
    static final String FORMAT_KEY = "format";
    static final Path MANIFEST = Path.of(".kata", "manifest.properties");

    private final Path root;
    private final List<MarkedSource.MarkedFile> files;

    /**
     * What preparing the workspace did or found, one line each, for the learner.
     *
     * @param startedAfresh the step whose file was made or reset from its stub (its hints start over), or 0
     */
    record Notice(String text, int startedAfresh) {
        Notice(String text) {
            this(text, 0);
        }
    }

    Workspace(Path root, List<MarkedSource.MarkedFile> files) {
        this.root = root;
        this.files = files;
    }

    Path root() {
        return root;
    }

    Path sources() {
        return root.resolve("src");
    }

    Path fileOf(MarkedSource.MarkedFile file) {
        return sources().resolve(file.path());
    }

    List<Path> javaFiles() {
        return files.stream().map(this::fileOf).toList();
    }

    private Path meta() {
        return root.resolve(".kata");
    }

    /** Creates what is missing and follows a newer kata where that loses nothing; reports what it did. */
    List<Notice> prepare() {
        List<Notice> notices = new ArrayList<>();
        Properties manifest = readManifest();
        boolean sameFormat = FORMAT.equals(manifest.getProperty(FORMAT_KEY));
        boolean fresh = !Files.isDirectory(sources());
        Set<String> stale = new TreeSet<>();
        for (MarkedSource.MarkedFile file : files) {
            String stub = stubOf(file);
            Path target = fileOf(file);
            String key = file.path().toString();
            if (!Files.exists(target)) {
                write(target, stub);
                manifest.setProperty(key, digest(stub));
                if (!fresh) {
                    notices.add(new Notice("created " + root.relativize(target) + " for "
                            + stepOf(file).label(), stepOf(file).number()));
                }
                continue;
            }
            String recorded = sameFormat ? manifest.getProperty(key) : null;
            if (digest(stub).equals(recorded)) {
                continue;
            }
            String current = read(target);
            if (current.equals(stub)) {
                manifest.setProperty(key, digest(stub));
            } else if (recorded != null && digest(current).equals(recorded)) {
                write(target, stub); // untouched since it was made: nothing of the learner's to keep
                manifest.setProperty(key, digest(stub));
            } else {
                stale.add(key);
            }
        }
        for (String key : stale) {
            MarkedSource.MarkedFile file = files.stream().filter(f -> f.path().toString().equals(key)).findFirst()
                    .orElseThrow();
            notices.add(new Notice(root.relativize(fileOf(file)) + " was made by an older version of the kata."
                    + " Your work in it is kept and used as it is. To start that file afresh from the current"
                    + " stub, run the kata with -Dkata.reset=" + stepOf(file).number()
                    + " (the old file is moved to " + root.relativize(meta().resolve("backup")) + "/)."));
        }
        manifest.setProperty(FORMAT_KEY, FORMAT);
        writeManifest(manifest);
        if (fresh) {
            notices.add(new Notice("created your workspace in " + root + "/: " + files.size()
                    + " files to complete, under " + root.relativize(sources()) + "/"));
        }
        return notices;
    }

    /** Replaces the files of the given steps by fresh stubs; the files replaced are moved to a backup first. */
    List<Notice> reset(Set<Integer> steps) {
        List<Notice> notices = new ArrayList<>();
        Properties manifest = readManifest();
        Path backup = meta().resolve("backup")
                .resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS")));
        for (MarkedSource.MarkedFile file : files) {
            if (!steps.contains(stepOf(file).number())) {
                continue;
            }
            Path target = fileOf(file);
            String stub = stubOf(file);
            if (Files.exists(target) && !read(target).equals(stub)) {
                Path saved = backup.resolve(file.path());
                move(target, saved);
                notices.add(new Notice("reset " + root.relativize(target) + " (your version is in "
                        + root.relativize(saved) + ")", stepOf(file).number()));
            }
            write(target, stub);
            manifest.setProperty(file.path().toString(), digest(stub));
        }
        manifest.setProperty(FORMAT_KEY, FORMAT);
        writeManifest(manifest);
        return notices;
    }

    /** The step a file's regions belong to (the path's consistency check makes it exactly one). */
    static KataPath.Step stepOf(MarkedSource.MarkedFile file) {
        String id = file.regions().get(0).step();
        return KataPath.stepWithId(id).orElseThrow(() -> new IllegalStateException(
                file.path() + " has a region of step '" + id + "', which the kata's path lacks"));
    }

    /** The learner's stub: every step stubbed. */
    static String stubOf(MarkedSource.MarkedFile file) {
        return file.render(KataPath.steps().stream().map(KataPath.Step::id).collect(Collectors.toSet()));
    }

    private Properties readManifest() {
        Properties manifest = new Properties();
        Path file = root.resolve(MANIFEST);
        if (Files.exists(file)) {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                manifest.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return manifest;
    }

    private void writeManifest(Properties manifest) {
        Path file = root.resolve(MANIFEST);
        try {
            java.io.StringWriter text = new java.io.StringWriter();
            manifest.store(text, "the stub each file was made from; do not edit");
            write(file, text.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes whole or not at all: a temporary file beside the target, moved over it in one step. */
    static void write(Path target, String text) {
        try {
            Files.createDirectories(target.getParent());
            // Named, not made by createTempFile, so that the file gets the usual permissions, not owner-only ones.
            Path temporary = target.resolveSibling("." + target.getFileName() + ".kata-tmp");
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void move(Path from, Path to) {
        try {
            Files.createDirectories(to.getParent());
            Files.move(from, to);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String digest(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
