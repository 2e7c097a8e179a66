package io.github.statefullstm.report;

import io.github.statefullstm.experiment.ExperimentResult;
import io.github.statefullstm.experiment.Sweep;
import java.util.List;

/**
 * Everything one run of the main job produced, in the order it ran.
 *
 * @param command the command that produced it, quoted in the report so anyone can run it again
 * @param seconds wall time of the whole run
 */
public record RunReport(String command, Environment environment, List<ExperimentResult> experiments,
                        List<Sweep> sweeps, double seconds) {

    public RunReport {
        experiments = List.copyOf(experiments);
        sweeps = List.copyOf(sweeps);
    }
}
