package io.github.statefullstm.kata;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts a {@link StepRunner} in a JVM of its own, with the learner's compiled classes ahead of the project's, and
 * reads its results. A JVM of its own because a class, once loaded, cannot be swapped: every workspace (the learner's,
 * or each of the proof's) needs a fresh class path. Its own output goes to a log file, not to the learner's console.
 */
final class TestJvm {

    /** As the unit-test JVM runs (see the Surefire configuration), headless. */
    private static final List<String> AS_SUREFIRE = List.of("-Djava.awt.headless=true");

    private TestJvm() {
    }

    /**
     * Runs the steps; {@code stop} stops at the first failing one. {@code extraJvmOptions} go before the main class
     * (the proof logs class loading this way).
     */
    static StepRunner.Results run(Path learnerClasses, String projectClassPath, List<Integer> steps, boolean stop,
                                  Path folder, List<String> extraJvmOptions) throws IOException, InterruptedException {
        Files.createDirectories(folder);
        Path results = folder.resolve("results.json");
        Path log = folder.resolve("test-jvm.log");
        Files.deleteIfExists(results);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(AS_SUREFIRE);
        // A failing sample is tried first next time, as in the build, but from a record of the kata's own.
        command.add("-Djqwik.database=" + folder.resolve("jqwik-database"));
        command.addAll(extraJvmOptions);
        command.add("-cp");
        command.add(learnerClasses + File.pathSeparator + projectClassPath);
        command.add(StepRunner.class.getName());
        command.add(results.toString());
        if (stop) {
            command.add("--stop");
        }
        steps.forEach(step -> command.add(Integer.toString(step)));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("OMP_NUM_THREADS", "1");
        int exit = builder.start().waitFor();
        if (exit != 0 || !Files.exists(results)) {
            throw new IOException("the JVM that runs the kata's tests ended with exit code " + exit
                    + " before it wrote its results; its log is " + log);
        }
        return StepRunner.read(results);
    }
}
