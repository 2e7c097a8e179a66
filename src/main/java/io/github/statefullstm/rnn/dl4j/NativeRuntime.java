package io.github.statefullstm.rnn.dl4j;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * ND4J's process-wide settings that decide a tiny LSTM's per-update cost, and what the engine makes of them
 * (measured by {@code Dl4jStepBenchmark}, explained in {@code reports/dl4j-speed.md}).
 *
 * <p><b>Pointer GC.</b> By default JavaCPP tracks every native allocation with a PhantomReference and a deallocator
 * thread, and ND4J registers every buffer with its own deallocator service. With {@link #NO_POINTER_GC} set to
 * {@code true} both are off and nothing is ever freed. The engine allocates nothing per update ({@code BoundOp}), so
 * the tracking costs it nothing and the switch buys nothing: the library never sets it, and neither do the main job
 * and the tests. It stays named here for the benchmark, which still compares both modes. JavaCPP reads it once, in
 * the static initializer of {@code org.bytedeco.javacpp.Pointer}, so it only takes effect on the command line.
 *
 * <p><b>Threads.</b> See {@link #oneThreadPerOperation}.
 */
public final class NativeRuntime {

    public static final String NO_POINTER_GC = "org.bytedeco.javacpp.nopointergc";

    private NativeRuntime() {
    }

    /**
     * One thread per native operation, for this whole process: at this model's sizes a second OpenMP thread costs
     * more in hand-offs than it computes, and two experiments that run at once would each spin a core waiting on the
     * other's (reports/dl4j-speed.md). The same as {@code OMP_NUM_THREADS=1}, for a JVM that is already running.
     */
    public static void oneThreadPerOperation() {
        // Not setMaxThreads: libnd4j 1.0.0-M2.1 ignores it (Environment.cpp), and sizes its pool once at start.
        Nd4j.getEnvironment().setMaxMasterThreads(1);
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(1);
        Nd4j.factory().blas().setMaxThreads(1);
    }

    /** The settings in force, for benchmark and report output. */
    public static String describe() {
        return NO_POINTER_GC + "=" + System.getProperty(NO_POINTER_GC, "false")
                + ", ND4J threads per operation " + Nd4j.getEnvironment().maxMasterThreads();
    }
}
