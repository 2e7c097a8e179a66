package io.github.statefullstm.rnn.dl4j;

import org.nd4j.linalg.factory.Nd4j;

/**
 * The one process-wide switch that decides the per-update cost of a tiny LSTM on ND4J, and its price (measured by
 * {@code Dl4jStepBenchmark}, explained in {@code reports/dl4j-speed.md}).
 *
 * <p>By default JavaCPP tracks every native allocation with a PhantomReference and a deallocator thread, and ND4J
 * registers every buffer with its own deallocator service: for LSTM(10) at batch 1 that bookkeeping is most of an
 * update. With {@link #NO_POINTER_GC} set to {@code true} both are off and an update is several times cheaper, but
 * nothing frees the native scratch memory each update allocates outside any workspace, so resident memory grows with
 * every update. The library therefore never sets it: only a JVM whose job is bounded and that ends with it may, such
 * as the unit-test JVM ({@code pom.xml}, Surefire's {@code argLine}), a benchmark, or a child JVM of the main job,
 * which trains one experiment and exits.
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
