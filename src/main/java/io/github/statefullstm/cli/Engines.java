package io.github.statefullstm.cli;

import io.github.statefullstm.refusal.Refusal;
import io.github.statefullstm.rnn.LstmEngine;
import io.github.statefullstm.rnn.dl4j.Dl4jEngine;
import io.github.statefullstm.rnn.dl4j.NativeRuntime;
import io.github.statefullstm.rnn.reference.ReferenceEngine;
import java.util.List;
import java.util.function.Supplier;

/** The engines the main job can run on, by the name given to {@code --engine}. */
enum Engines {
    /** libnd4j's LSTM kernels, one native thread per operation (see {@link NativeRuntime#oneThreadPerOperation}). */
    DL4J("dl4j", () -> {
        NativeRuntime.oneThreadPerOperation();
        return new Dl4jEngine();
    }),
    /** Pure Java, microseconds per update. */
    REFERENCE("reference", ReferenceEngine::new);

    private final String optionName;
    private final Supplier<LstmEngine> factory;

    Engines(String optionName, Supplier<LstmEngine> factory) {
        this.optionName = optionName;
        this.factory = factory;
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
