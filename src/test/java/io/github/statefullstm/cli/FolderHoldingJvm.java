package io.github.statefullstm.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Another run, as far as an output folder can tell, for the cost of starting a JVM: a process of its own that takes
 * the folder the way the main job does ({@link OutputFolderLock}) and holds it until it is killed.
 */
final class FolderHoldingJvm implements AutoCloseable {

    private static final String HOLDING = "holding";
    private static final String REFUSED = "refused: ";
    /** A hang guard: far above the second a JVM needs to start and take a folder. */
    private static final long EXIT_WITHIN_SECONDS = 30;

    private final Process process;

    private FolderHoldingJvm(Process process) {
        this.process = process;
    }

    /**
     * Starts a JVM that takes the folder; returns once it holds it. Throws {@link IllegalStateException} with the
     * refusal's words when the folder is held already.
     */
    static FolderHoldingJvm start(Path folder) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                FolderHoldingJvm.class.getName(), folder.toString()).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        List<String> lines = new ArrayList<>();
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.equals(HOLDING)) {
                return new FolderHoldingJvm(process);
            }
            lines.add(line);
            if (line.startsWith(REFUSED)) {
                process.waitFor(EXIT_WITHIN_SECONDS, TimeUnit.SECONDS);
                throw new IllegalStateException(line.substring(REFUSED.length()));
            }
        }
        process.destroyForcibly().waitFor(EXIT_WITHIN_SECONDS, TimeUnit.SECONDS);
        throw new IOException("the holding JVM ended without taking " + folder + ":\n" + String.join("\n", lines));
    }

    long pid() {
        return process.pid();
    }

    /** Ends it as a crash would (SIGKILL): nothing of its own runs, so its lock file stays where it was. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(EXIT_WITHIN_SECONDS, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the holding JVM " + pid() + " outlived SIGKILL");
        }
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }

    /** The holding JVM: takes the folder named by its argument and holds it until its input ends or it is killed. */
    public static void main(String[] args) throws IOException {
        try (OutputFolderLock held = OutputFolderLock.take(Path.of(args[0]))) {
            System.out.println(HOLDING);
            System.out.flush();
            // The test's end closes this input, so a test JVM that dies leaves no holder behind.
            while (System.in.read() >= 0) {
                continue;
            }
        } catch (OutputFolderLock.InUse inUse) {
            System.out.println(REFUSED + inUse.holder());
        }
    }
}
