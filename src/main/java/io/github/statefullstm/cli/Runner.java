package io.github.statefullstm.cli;

import io.github.statefullstm.experiment.Experiment;
import io.github.statefullstm.experiment.ExperimentListener;
import io.github.statefullstm.experiment.ExperimentResult;
import io.github.statefullstm.experiment.Protocol;
import io.github.statefullstm.experiment.Sweep;
import io.github.statefullstm.experiment.Sweeps;
import io.github.statefullstm.rnn.LstmEngine;

/** Where the main job runs an experiment or a sweep: in its own JVM, or in a child JVM per experiment. */
sealed interface Runner {

    ExperimentResult experiment(Protocol protocol) throws Exception;

    Sweep sweep(Sweeps.Kind which, Protocol protocol) throws Exception;

    /** In this JVM, with live progress; for engines that need no native memory. */
    record InProcess(LstmEngine engine, ExperimentListener listener) implements Runner {
        @Override
        public ExperimentResult experiment(Protocol protocol) {
            return Experiment.run(protocol, engine, listener);
        }

        @Override
        public Sweep sweep(Sweeps.Kind which, Protocol protocol) throws Exception {
            return which.run(protocol, Sweeps.inThisJvm(engine, listener));
        }
    }

    /**
     * One child JVM per experiment, and per point of a sweep; its progress reaches the listener. A point of the
     * window sweep trains as much as A, and libnd4j keeps some native memory per update for good
     * (reports/dl4j-speed.md), so twenty points in one JVM would keep twenty times A's.
     */
    record ChildJvms(Engines engine, ExperimentListener listener, ChildJvm.Output output) implements Runner {
        @Override
        public ExperimentResult experiment(Protocol protocol) throws Exception {
            return ChildJvm.experiment(protocol, engine, listener, output);
        }

        @Override
        public Sweep sweep(Sweeps.Kind which, Protocol protocol) throws Exception {
            return which.run(protocol, this::experiment);
        }
    }
}
