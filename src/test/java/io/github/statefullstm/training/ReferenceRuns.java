package io.github.statefullstm.training;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.statefullstm.experiment.Experiment;
import io.github.statefullstm.experiment.ExperimentListener;
import io.github.statefullstm.experiment.ExperimentResult;
import io.github.statefullstm.experiment.Protocol;
import io.github.statefullstm.rnn.reference.ReferenceEngine;
import java.util.Locale;

/**
 * One of the post's protocols trained for real on the reference engine with a seed, as the main job runs it, scoring
 * the frozen model after its last epoch; the figures are printed, so that a run's log shows what the claims saw.
 */
final class ReferenceRuns {

    private ReferenceRuns() {
    }

    static ExperimentResult trained(Protocol protocol, long seed) {
        ExperimentResult result = Experiment.run(protocol.withSeed(seed), new ReferenceEngine(),
                ExperimentListener.SILENT, Experiment.FrozenScores.LAST_EPOCH);
        System.out.printf(Locale.ROOT, "%s (%s), seed %d: validation %.4f of %d answers, ceiling %.4f%n",
                protocol.id(), protocol.title(), seed, result.last().validation().accuracy(),
                result.last().validation().samples(), result.validationCeiling().value());
        return result;
    }

    /** A frozen model is a function of the histories it reads, so the exact ceiling binds it with no slack. */
    static void assertAtOrUnderItsCeiling(ExperimentResult result) {
        double accuracy = result.last().validation().accuracy();
        double ceiling = result.validationCeiling().value();
        assertTrue(accuracy <= ceiling, "validation accuracy " + accuracy + " > ceiling " + ceiling);
    }
}
