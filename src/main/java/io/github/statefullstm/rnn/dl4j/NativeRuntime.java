package io.github.statefullstm.rnn.dl4j;

import org.nd4j.linalg.factory.Nd4j;

/**
 * The one process-wide switch that decides the per-update cost of a tiny LSTM on ND4J, and its price
 * (measured by {@code Dl4jStepBenchmark}, reported in {@code reports/dl4j-speed.md}).
 *
 * <p>By default JavaCPP tracks every native allocation with a PhantomReference and a deallocator thread, and ND4J
 * registers every buffer with its own deallocator service: for LSTM(10) at batch 1 that bookkeeping is most of an
 * update (about 1-2 ms). With {@link #NO_POINTER_GC} set to {@code true} both are off and an update takes about
 * 0.35-0.4 ms, but nothing frees the ~70 KB of native scratch memory each update allocates outside any workspace
 * (ND4J M2.1 allocates shape-info and buffer wrappers per op even inside workspaces), so resident memory grows by
 * about 1.4 GB per 20,000 updates. The library therefore does not set it: a JVM that runs a bounded job, such as the
 * test JVM ({@code pom.xml}, surefire {@code argLine}) or a benchmark, may; a long experiment should not.
 *
 * <p>JavaCPP reads the property once, in the static initializer of {@code org.bytedeco.javacpp.Pointer}, so it only
 * takes effect on the command line (or set before the first ND4J class loads).
 */
public final class NativeRuntime {

    public static final String NO_POINTER_GC = "org.bytedeco.javacpp.nopointergc";

    private NativeRuntime() {
    }

    /** The settings in force, for benchmark and report output. */
    public static String describe() {
        return NO_POINTER_GC + "=" + System.getProperty(NO_POINTER_GC, "false")
                + ", ND4J max threads " + Nd4j.getEnvironment().maxThreads();
    }
}
