package io.github.statefullstm.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A run's hold on its output folder, so that two runs never write one report: an operating-system lock on a file in
 * the folder, which the system releases when the process ends, however it ends, so a killed run never leaves the
 * folder held. The file names the holder (its pid and since when) for the run that is refused.
 */
final class OutputFolderLock implements AutoCloseable {

    /** In the folder itself, so that every name of the folder (relative, through a link) leads to the same lock. */
    static final String FILE = ".main-job.lock";

    /**
     * The one byte locked, past the holder's text: where locks are mandatory (Windows), a lock over the text would
     * keep the refused run from reading whose the folder is.
     */
    private static final long LOCKED_BYTE = Long.MAX_VALUE - 1;

    /** Tries while the file is replaced under us; each retry needs another run to end within a try's microseconds. */
    private static final int ATTEMPTS = 10;

    /**
     * The folders this process holds. A second channel on a lock file must never be opened here: closing any channel
     * on a file drops every lock this process holds on it (POSIX), so a refused second attempt would free the folder
     * for everyone while the first run still writes to it.
     */
    private static final Map<Path, Holder> HELD_HERE = new HashMap<>();

    /** Who holds a folder, as its lock file says. */
    record Holder(long pid, Instant since) {

        private static final String PID = "pid=";
        private static final String SINCE = "since=";

        static Holder thisProcess() {
            return new Holder(ProcessHandle.current().pid(), Instant.now().truncatedTo(ChronoUnit.SECONDS));
        }

        String text() {
            return PID + pid + System.lineSeparator() + SINCE + since + System.lineSeparator();
        }

        /** Empty while the holder has not written its text yet, or if something else wrote there. */
        static Optional<Holder> read(String text) {
            Long pid = null;
            Instant since = null;
            try {
                for (String line : text.lines().toList()) {
                    if (line.startsWith(PID)) {
                        pid = Long.parseLong(line.substring(PID.length()).strip());
                    } else if (line.startsWith(SINCE)) {
                        since = Instant.parse(line.substring(SINCE.length()).strip());
                    }
                }
            } catch (NumberFormatException | DateTimeParseException e) {
                return Optional.empty();
            }
            return pid == null || since == null ? Optional.empty() : Optional.of(new Holder(pid, since));
        }
    }

    /** The folder is held by another run: this process's or another's. */
    static final class InUse extends Exception {

        InUse(String holder) {
            super(holder, null, false, false);
        }

        /** Who holds it, in words: "the main job with pid 1234 since 2025-06-01T10:15:30Z". */
        String holder() {
            return getMessage();
        }
    }

    private final Path folder;
    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private OutputFolderLock(Path folder, Path file, FileChannel channel, FileLock lock) {
        this.folder = folder;
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the folder (making it if need be) for this run, or says who holds it. Never waits: a run of minutes should
     * not queue silently behind another.
     */
    static OutputFolderLock take(Path folder) throws IOException, InUse {
        Files.createDirectories(folder);
        Path real = folder.toRealPath();
        synchronized (HELD_HERE) {
            Holder here = HELD_HERE.get(real);
            if (here != null) {
                throw thisProcess(here);
            }
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                Optional<OutputFolderLock> taken = tryToTake(real);
                if (taken.isPresent()) {
                    return taken.get();
                }
            }
        }
        throw new IOException(folder.resolve(FILE) + " was replaced under every attempt to lock it");
    }

    /** Empty when the file was replaced while it was being locked, so that the lock held is not the folder's. */
    private static Optional<OutputFolderLock> tryToTake(Path real) throws IOException, InUse {
        Path file = real.resolve(FILE);
        try {
            Files.createFile(file);
        } catch (FileAlreadyExistsException e) {
            // A lock file left by a run that ended without removing it (killed), or the one a run holds now.
        }
        Object before; // the file's identity before it is opened, to tell whether the one locked is still there
        FileChannel channel;
        try {
            before = fileKey(file);
            channel = FileChannel.open(file, StandardOpenOption.WRITE);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        FileLock lock;
        try {
            lock = channel.tryLock(LOCKED_BYTE, 1, false);
        } catch (OverlappingFileLockException e) {
            // Another channel of this JVM holds it, outside HELD_HERE.
            channel.close();
            throw thisProcess(null);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            channel.close();
            Optional<String> text = textOf(file);
            if (text.isEmpty()) {
                return Optional.empty(); // the holder let go just now: the folder may be ours
            }
            throw otherProcess(text.get());
        }
        // A run that ends removes its file while it still holds it; if it did so between our open and our lock, we
        // hold a file no other run will ever see, and must start again on the one now there.
        if (!Objects.equals(before, fileKeyOrNull(file))) {
            channel.close();
            return Optional.empty();
        }
        Holder holder = Holder.thisProcess();
        try {
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(holder.text().getBytes(StandardCharsets.UTF_8)), 0);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        HELD_HERE.put(real, holder);
        return Optional.of(new OutputFolderLock(real, file, channel, lock));
    }

    private static Object fileKey(Path file) throws IOException {
        return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
    }

    private static Object fileKeyOrNull(Path file) throws IOException {
        try {
            return fileKey(file);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private static InUse thisProcess(Holder here) {
        long pid = ProcessHandle.current().pid();
        return new InUse("another run in this process (pid " + pid + ")" + (here == null ? "" : " since "
                + here.since()));
    }

    private static Optional<String> textOf(Path file) throws IOException {
        try {
            return Optional.of(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    private static InUse otherProcess(String text) {
        Optional<Holder> holder = Holder.read(text);
        return new InUse(holder.map(h -> "the main job with pid " + h.pid() + " since " + h.since())
                .orElse("another run of the main job, which has not written its pid yet"));
    }

    /** Lets the folder go: the file is removed while still locked, so no run can take a file that is going away. */
    @Override
    public void close() throws IOException {
        synchronized (HELD_HERE) {
            try {
                Files.deleteIfExists(file);
            } finally {
                HELD_HERE.remove(folder);
                try {
                    lock.release();
                } finally {
                    channel.close();
                }
            }
        }
    }
}
