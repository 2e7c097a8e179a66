package io.github.statefullstm.experiment;

/** Ends a run at the first epoch whose frozen validation accuracy reaches a target, for time-to-accuracy figures. */
public final class StopAtAccuracy implements ExperimentListener {

    private final double target;
    private double latest;

    public StopAtAccuracy(double target) {
        this.target = target;
    }

    @Override
    public void epochDone(Protocol protocol, EpochRecord record) {
        latest = record.validation().accuracy();
    }

    @Override
    public boolean stopRequested() {
        return latest >= target;
    }
}
