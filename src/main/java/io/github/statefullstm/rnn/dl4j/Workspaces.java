package io.github.statefullstm.rnn.dl4j;

import org.deeplearning4j.nn.conf.WorkspaceMode;

/**
 * Whether DL4J reuses its scratch memory between calls (workspaces) or allocates fresh arrays each time.
 * Both give the same numbers; {@code Dl4jStepBenchmark} measures which is faster for tiny per-step batches.
 */
public enum Workspaces {
    ENABLED(WorkspaceMode.ENABLED),
    NONE(WorkspaceMode.NONE);

    private final WorkspaceMode mode;

    Workspaces(WorkspaceMode mode) {
        this.mode = mode;
    }

    WorkspaceMode mode() {
        return mode;
    }
}
