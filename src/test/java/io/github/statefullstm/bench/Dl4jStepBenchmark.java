package io.github.statefullstm.bench;

import io.github.statefullstm.rnn.LstmModel;
import io.github.statefullstm.rnn.LstmSpec;
import io.github.statefullstm.rnn.ModelConfig;
import io.github.statefullstm.rnn.dl4j.Dl4jEngine;
import io.github.statefullstm.rnn.dl4j.NativeRuntime;
import io.github.statefullstm.rnn.dl4j.Precision;
import io.github.statefullstm.rnn.dl4j.Workspaces;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Milliseconds per trainOnBatch of the post's model (LSTM(10), batch 1, one step), per ND4J setting.
 *
 * <p>Run: {@code mvn -B -q test-compile && java -cp target/classes:target/test-classes:$(cat cp.txt)
 * io.github.statefullstm.bench.Dl4jStepBenchmark} (cp.txt from {@code mvn dependency:build-classpath
 * -Dmdep.outputFile=cp.txt}). JavaCPP's pointer GC can only be chosen before ND4J loads, so every setting runs in
 * its own child JVM, one after the other in this one run, so the ratios are comparable. Expect the defaults to be
 * several times slower than the project's settings; the resident-memory growth shows what disabling the pointer GC
 * costs.
 */
public final class Dl4jStepBenchmark {

    private static final int WARM_UP_UPDATES = 2_000;
    private static final int TIMED_UPDATES = 5_000;
    /** The post's sequences are 20 steps long; the state is reset after each, as in its protocol. */
    private static final int STEPS_PER_SEQUENCE = 20;

    private record Setting(String name, String pointerGc, String periodicGc, String threads, Workspaces workspaces,
                           Precision precision) {
        List<String> jvmOptions() {
            return List.of("-D" + NativeRuntime.NO_POINTER_GC + "=" + pointerGc,
                    "-D" + NativeRuntime.PERIODIC_GC + "=" + periodicGc, "-D" + NativeRuntime.THREADS + "=" + threads);
        }
    }

    private static final List<Setting> SETTINGS = List.of(
            new Setting("DL4J defaults", "false", "true", "0", Workspaces.ENABLED, Precision.DOUBLE),
            new Setting("nopointergc", "true", "true", "0", Workspaces.ENABLED, Precision.DOUBLE),
            new Setting("nopointergc, no periodic GC, 1 thread", "true", "false", "1", Workspaces.ENABLED,
                    Precision.DOUBLE),
            new Setting("project (also workspaces NONE)", "true", "false", "1", Workspaces.NONE, Precision.DOUBLE),
            new Setting("project, float", "true", "false", "1", Workspaces.NONE, Precision.FLOAT),
            new Setting("pointer GC on, rest as project", "false", "false", "1", Workspaces.NONE, Precision.DOUBLE));

    private Dl4jStepBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("--child")) {
            measure(Workspaces.valueOf(args[1]), Precision.valueOf(args[2]));
            return;
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (Setting setting : SETTINGS) {
            List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path")));
            command.addAll(setting.jvmOptions());
            command.addAll(List.of(Dl4jStepBenchmark.class.getName(), "--child", setting.workspaces().name(),
                    setting.precision().name()));
            Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream()))) {
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.startsWith("RESULT")) {
                        System.out.printf("%-40s %s%n", setting.name(), line.substring("RESULT ".length()));
                    }
                }
            }
            child.waitFor();
        }
    }

    private static void measure(Workspaces workspaces, Precision precision) throws Exception {
        LstmModel model = new Dl4jEngine(precision, workspaces).build(ModelConfig.stateful(LstmSpec.POST, 1, 1));
        run(model, WARM_UP_UPDATES);
        long rssBefore = residentKilobytes();
        long start = System.nanoTime();
        run(model, TIMED_UPDATES);
        double msPerUpdate = (System.nanoTime() - start) / 1e6 / TIMED_UPDATES;
        long rssGrowth = residentKilobytes() - rssBefore;
        System.out.printf("RESULT %.3f ms/update, RSS +%d MB over %d updates (%s, %s, %s)%n", msPerUpdate,
                rssGrowth / 1024, TIMED_UPDATES, workspaces, precision, NativeRuntime.describe());
    }

    private static void run(LstmModel model, int updates) {
        double[][][] one = {{{1}}};
        double[][][] zero = {{{0}}};
        double[] target = {1};
        for (int update = 0; update < updates; update++) {
            int step = update % STEPS_PER_SEQUENCE;
            model.trainOnBatch(step == 0 ? one : zero, target);
            if (step == STEPS_PER_SEQUENCE - 1) {
                model.resetStates();
            }
        }
    }

    private static long residentKilobytes() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
