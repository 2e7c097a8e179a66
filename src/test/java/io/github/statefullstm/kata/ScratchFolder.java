package io.github.statefullstm.kata;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A temporary folder for one test's workspace, deleted with everything in it when the test is done. */
record ScratchFolder(Path path) implements AutoCloseable {

    static ScratchFolder create() {
        try {
            return new ScratchFolder(Files.createTempDirectory("kata-workspace"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        deleteTree(path);
    }

    /** Deletes a folder and everything under it; a folder that is not there is fine. */
    static void deleteTree(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
