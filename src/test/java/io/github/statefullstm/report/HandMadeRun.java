package io.github.statefullstm.report;

import io.github.statefullstm.experiment.EpochRecord;
import io.github.statefullstm.experiment.ExperimentResult;
import io.github.statefullstm.experiment.PostProtocols;
import io.github.statefullstm.experiment.Protocol;
import io.github.statefullstm.experiment.Sweep;
import io.github.statefullstm.sequence.InformationCeiling;
import io.github.statefullstm.training.Score;
import java.util.ArrayList;
import java.util.List;

/**
 * A run of the main job made by hand for the report's tests: every figure a different number, so that each can be
 * found where the report puts it, and a figure that does not exist where the post shows none.
 */
final class HandMadeRun {

    static final Environment HERE = new Environment("Java 17", "Linux amd64", 2, "1.0.0-M2.1");

    private HandMadeRun() {
    }

    /** C learns in its second epoch, C10 in its first, E never and is stopped: the time to learn has two rows. */
    static RunReport report() {
        ExperimentResult c = result(PostProtocols.perStepStateful(), true, new double[] {0.75, 0.995}, 3.0);
        ExperimentResult c10 = result(PostProtocols.perStepStatefulBatched(), true, new double[] {0.9925}, 0.5);
        ExperimentResult e = result(PostProtocols.sequencePreserving(), false, new double[] {0.625}, 1.25);
        Sweep sweep = new Sweep("window-length", "stateless windows: accuracy against window length",
                "window length", List.of(new Sweep.Point(10, 0.5455, 0.5375, 0.5125, 0.5, 12.5)));
        return new RunReport("mvn exec:java -Dexec.args=--help", HERE, List.of(c, c10, e), List.of(sweep), 42.25);
    }

    /** Epoch k's figures: validation as given, training 0.01 below it, on the fly 0.02 below, losses apart. */
    static ExperimentResult result(Protocol protocol, boolean complete, double[] validation, double secondsPerEpoch) {
        List<EpochRecord> epochs = new ArrayList<>();
        for (int k = 0; k < validation.length; k++) {
            epochs.add(new EpochRecord(k + 1, new Score(0.375, validation[k] - 0.02, 1000),
                    new Score(0.25, validation[k] - 0.01, 1000), new Score(0.125, validation[k], 200),
                    secondsPerEpoch, null));
        }
        return new ExperimentResult(protocol, "reference", new InformationCeiling.Ceiling(999, 1000),
                new InformationCeiling.Ceiling(199, 200), epochs, secondsPerEpoch * validation.length + 1, complete,
                null);
    }
}
