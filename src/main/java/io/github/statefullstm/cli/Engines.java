package io.github.statefullstm.cli;

import io.github.statefullstm.refusal.Refusal;
import io.github.statefullstm.rnn.LstmEngine;
import io.github.statefullstm.rnn.dl4j.Dl4jEngine;
import io.github.statefullstm.rnn.reference.ReferenceEngine;
import java.util.List;
import java.util.function.Supplier;

/** The engines the main job can run on, by the name given to {@code --engine}. */
enum Engines {
    /** Runs each experiment in a JVM of its own, in ND4J's fast native-memory mode (see {@link ChildJvm}). */
    DL4J("dl4j", Dl4jEngine::new, true),
    /** Pure Java, microseconds per update: runs in the main job's own JVM. */
    REFERENCE("reference", ReferenceEngine::new, false);

    private final String optionName;
    private final Supplier<LstmEngine> factory;
    private final boolean ownJvmPerExperiment;

    Engines(String optionName, Supplier<LstmEngine> factory, boolean ownJvmPerExperiment) {
        this.optionName = optionName;
        this.factory = factory;
        this.ownJvmPerExperiment = ownJvmPerExperiment;
    }

    boolean ownJvmPerExperiment() {
        return ownJvmPerExperiment;
    }

    String optionName() {
        return optionName;
    }

    LstmEngine create() {
        return factory.get();
    }

    static List<String> names() {
        return java.util.Arrays.stream(values()).map(Engines::optionName).toList();
    }

    static Engines named(String name) {
        for (Engines engine : values()) {
            if (engine.optionName.equals(name)) {
                return engine;
            }
        }
        throw new IllegalArgumentException(Refusal.describe("--engine", name, "must be one of " + names()));
    }
}
