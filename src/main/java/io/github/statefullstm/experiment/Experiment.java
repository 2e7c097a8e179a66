package io.github.statefullstm.experiment;

import io.github.statefullstm.refusal.Refusal;
import io.github.statefullstm.rnn.LstmEngine;
import io.github.statefullstm.rnn.LstmModel;
import io.github.statefullstm.sequence.InformationCeiling;
import io.github.statefullstm.sequence.VaryingLengthTask;
import io.github.statefullstm.training.BatchListener;
import io.github.statefullstm.training.PlanRunner;
import io.github.statefullstm.training.Score;
import java.util.ArrayList;
import java.util.List;

/** Runs a protocol on an engine. Deterministic: the protocol's seed draws the task and initialises the model. */
public final class Experiment {

    private static final double NANOS_PER_SECOND = 1e9;

    private Experiment() {
    }

    /**
     * Checks what a protocol's parts cannot check alone, before any time is spent and without cutting a single sample:
     * that each split of the drawn task holds both targets, and that a stateful layout fills whole batches with each
     * split (a stateful batch size that does not divide the samples is refused as laying them out would refuse it).
     */
    public static void check(Protocol protocol) {
        // The targets are all this reads of the task, and they are the same whichever lengths are drawn (one choice of
        // ones for both draws), so the draw of unequal lengths answers for every layout.
        VaryingLengthTask.Split split = protocol.task().drawVaryingLengths();
        for (VaryingLengthTask part : List.of(split.training(), split.validation())) {
            String name = part == split.training() ? "training" : "validation";
            if (part.ones() == 0 || part.zeros() == 0) {
                throw new IllegalArgumentException(Refusal.describe("fraction", protocol.task().fraction(), "the "
                        + name + " split of " + part.size() + " sequences holds " + part.ones() + " ones and "
                        + part.zeros() + " zeros; each split must hold both targets"));
            }
        }
        LayoutSpec layout = protocol.layout();
        for (VaryingLengthTask part : List.of(split.training(), split.validation())) {
            layout.kind().requireWholeBatches(part.size(), protocol.task().length(), layout);
        }
    }

    /**
     * A floor for the memory an experiment's samples take, from its settings alone, so that a setting that cannot fit
     * is refused before anything is allocated: the task's steps, and every sample's steps with a sample's overhead.
     */
    public static long estimatedBytes(Protocol protocol) {
        TaskSpec task = protocol.task();
        LayoutSpec layout = protocol.layout();
        // where lengths vary, every sequence has at least the shortest: a floor still
        double steps = (double) task.sequences() * task.shortest();
        double samples = layout.kind().samplesPerSequence(task.shortest(), layout) * task.sequences();
        double sampleSteps = samples * layout.kind().stepsPerSample(layout);
        double bytes = Double.BYTES * (steps + sampleSteps) + SAMPLE_OVERHEAD_BYTES * samples;
        return bytes >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) bytes;
    }

    /** A sample's object, its step array's header and its list slot, on a 64-bit JVM with compressed pointers. */
    private static final int SAMPLE_OVERHEAD_BYTES = 64;

    /** After which epochs the frozen model is scored on both splits. */
    public enum FrozenScores {
        /** Every epoch: an experiment's table and charts show each one. */
        EVERY_EPOCH,
        /**
         * The last epoch only (the last one run, when a run is stopped early): a sweep reads nothing else, and scoring
         * both splits after every epoch would add a good share of a windowed epoch's time to each of its points.
         */
        LAST_EPOCH
    }

    /**
     * Runs the protocol epoch by epoch, scoring the frozen model after every epoch. The listener is asked after every
     * epoch but the last whether to stop: when it says yes, the run ends there and the result keeps the finished
     * epochs, marked incomplete.
     */
    public static ExperimentResult run(Protocol protocol, LstmEngine engine, ExperimentListener listener) {
        return run(protocol, engine, listener, FrozenScores.EVERY_EPOCH);
    }

    /** The same, scoring the frozen model after the epochs {@code scores} names. */
    public static ExperimentResult run(Protocol protocol, LstmEngine engine, ExperimentListener listener,
                                       FrozenScores scores) {
        long start = System.nanoTime();
        Layout.Splits splits = protocol.layout().prepare(protocol.task());
        Layout.Prepared training = splits.training();
        Layout.Prepared validation = splits.validation();
        LstmModel model = engine.build(protocol.model().config(protocol.layout().kind().stateful(),
                protocol.layout().batchSize(), protocol.task().seed()));
        Evaluator trainingEvaluator = new Evaluator(engine, protocol, training);
        Evaluator validationEvaluator = new Evaluator(engine, protocol, validation);

        List<EpochRecord> epochs = new ArrayList<>();
        boolean complete = true;
        boolean asKerasFit = protocol.layout().kind().keptStateThroughFit();
        for (int epoch = 1; epoch <= protocol.epochs(); epoch++) {
            int number = epoch;
            listener.epochStarted(protocol, epoch, training.training().batches().size());
            long epochStart = System.nanoTime();
            BatchListener progress = (batch, batches, running) -> listener.batchDone(protocol, number, batch,
                    batches, running);
            Score onTheFly = asKerasFit
                    ? PlanRunner.continueTraining(model, training.samples(), training.training(), progress)
                    : PlanRunner.train(model, training.samples(), training.training(), progress);
            double seconds = (System.nanoTime() - epochStart) / NANOS_PER_SECOND;
            // Keras' validation pass first, on the state training left; the frozen scores put the state back.
            Score kerasValidation = asKerasFit
                    ? PlanRunner.continueEvaluating(model, validation.samples(), validation.training()) : null;
            boolean scored = scores == FrozenScores.EVERY_EPOCH || epoch == protocol.epochs();
            EpochRecord record = new EpochRecord(epoch, onTheFly, scored ? trainingEvaluator.score(model) : null,
                    scored ? validationEvaluator.score(model) : null, seconds, kerasValidation);
            epochs.add(record);
            listener.epochDone(protocol, record);
            if (epoch < protocol.epochs() && listener.stopRequested()) {
                complete = false;
                break;
            }
        }
        EpochRecord last = epochs.get(epochs.size() - 1);
        if (!last.frozenScored()) {
            // Stopped early: the epoch it stopped after is its last, and a result's last epoch is always scored.
            epochs.set(epochs.size() - 1, last.withFrozen(trainingEvaluator.score(model),
                    validationEvaluator.score(model)));
        }
        Score kerasEvaluation = asKerasFit && complete
                ? PlanRunner.continueEvaluating(model, validation.samples(), validation.training()) : null;
        return new ExperimentResult(protocol, engine.name(),
                InformationCeiling.of(training.samples(), training.training()),
                InformationCeiling.of(validation.samples(), validation.training()),
                epochs, (System.nanoTime() - start) / NANOS_PER_SECOND, complete, kerasEvaluation);
    }

    /**
     * Scores the frozen model on one split through the layout's evaluation plan. When that plan needs another batch
     * size than training, a second model of that size gets a copy of the weights; its state is reset by the plan.
     */
    private static final class Evaluator {
        private final Layout.Prepared prepared;
        private final LstmModel twin;

        Evaluator(LstmEngine engine, Protocol protocol, Layout.Prepared prepared) {
            this.prepared = prepared;
            boolean ownSize = !prepared.evaluation().stateful()
                    || prepared.evaluation().batchSize() == protocol.layout().batchSize();
            this.twin = ownSize ? null : engine.build(protocol.model().config(true,
                    prepared.evaluation().batchSize(), protocol.task().seed()));
        }

        Score score(LstmModel model) {
            if (twin == null) {
                if (!prepared.evaluation().stateful() && model.config().stateful()) {
                    throw new IllegalStateException("a stateless evaluation plan needs a stateless model");
                }
                return PlanRunner.evaluate(model, prepared.samples(), prepared.evaluation());
            }
            twin.setWeights(model.getWeights());
            return PlanRunner.evaluate(twin, prepared.samples(), prepared.evaluation());
        }
    }
}
