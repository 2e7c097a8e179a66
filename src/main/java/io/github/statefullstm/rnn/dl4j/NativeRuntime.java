package io.github.statefullstm.rnn.dl4j;

import org.nd4j.linalg.factory.Nd4j;

/**
 * Process-wide ND4J settings that decide the per-update cost of a tiny LSTM, where bookkeeping, not arithmetic,
 * dominates (see {@code reports/dl4j-speed.md} and {@code Dl4jStepBenchmark}).
 *
 * <p>Each setting can be overridden by a system property given on the command line, so the benchmark can compare
 * them in child JVMs; the defaults are the fastest combination measured.
 */
public final class NativeRuntime {

    /**
     * JavaCPP tracks every native allocation with a PhantomReference and a deallocator thread unless this is true.
     * ND4J frees its buffers through its own deallocator service, so JavaCPP's tracking is pure overhead here
     * (about three quarters of an update's time by default). JavaCPP reads the property once, in the static
     * initializer of {@code org.bytedeco.javacpp.Pointer}, so it must be set before the first ND4J class that touches
     * native memory loads; that is why it sits in this class's static initializer, which {@link Dl4jEngine} runs before
     * it touches ND4J.
     */
    public static final String NO_POINTER_GC = "org.bytedeco.javacpp.nopointergc";

    /** ND4J's memory manager can call System.gc() periodically; a full GC every few seconds costs per-update time. */
    public static final String PERIODIC_GC = "statefullstm.dl4j.periodicGc";

    /**
     * Native threads per op. For a batch of a few rows and ten units, splitting an op over threads costs more than
     * the op; the machine's cores are better left to other work. 0 keeps ND4J's own choice (OMP_NUM_THREADS or the
     * core count).
     */
    public static final String THREADS = "statefullstm.dl4j.threads";

    private static final String FASTEST_THREADS = "1";

    static {
        if (System.getProperty(NO_POINTER_GC) == null) {
            System.setProperty(NO_POINTER_GC, "true");
        }
    }

    private static volatile boolean configured;

    private NativeRuntime() {
    }

    /** Does nothing but make the JVM run this class's static initializer, which must precede ND4J's. */
    static void load() {
    }

    /** Applies the settings that can only be made once ND4J has loaded; idempotent. */
    static synchronized void configure() {
        if (configured) {
            return;
        }
        Nd4j.getMemoryManager().togglePeriodicGc(Boolean.parseBoolean(System.getProperty(PERIODIC_GC, "false")));
        int threads = Integer.parseInt(System.getProperty(THREADS, FASTEST_THREADS));
        if (threads > 0) {
            Nd4j.getEnvironment().setMaxThreads(threads);
            Nd4j.getEnvironment().setMaxMasterThreads(threads);
        }
        configured = true;
    }

    /** The settings in force, for benchmark and report output. */
    public static String describe() {
        return NO_POINTER_GC + "=" + System.getProperty(NO_POINTER_GC)
                + " periodicGc=" + Nd4j.getMemoryManager().isPeriodicGcActive()
                + " maxThreads=" + Nd4j.getEnvironment().maxThreads();
    }
}
