package io.github.statefullstm.experiment;

import io.github.statefullstm.rnn.Adam;
import io.github.statefullstm.rnn.LstmEngine;
import io.github.statefullstm.rnn.LstmModel;
import io.github.statefullstm.rnn.LstmSpec;
import io.github.statefullstm.rnn.reference.ReferenceEngine;
import io.github.statefullstm.sequence.Task;
import io.github.statefullstm.spec.Claim;
import io.github.statefullstm.training.BatchListener;
import io.github.statefullstm.training.PlanRunner;
import io.github.statefullstm.training.Score;
import net.jqwik.api.Example;
import net.jqwik.api.Label;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The post's stateful windowed run (B) goes through Keras' {@code fit(validation_data=...)} and {@code evaluate()},
 * which never reset the state: the experiment is replayed here step by step on the exact reference engine, once as
 * Keras ran it and once with the one reset Keras did not make, and must equal the first and differ from the second.
 */
@Label("B runs as Keras' fit() ran it")
class KerasFitExamples {

    /** A small B: 4 windows of 3 per sequence, 80 training and 16 validation windows, batches of 8, two epochs. */
    private static final Protocol SMALL_B = new Protocol("B", new TaskSpec(24, 6, 20, 0.5, 7),
            new LayoutSpec(Layout.WINDOWS_STATEFUL, 3, 1, 8),
            new ModelSpec(new LstmSpec(1, 3, LstmSpec.POST.gateActivation()), Adam.KERAS), 2);

    private final LstmEngine engine = new ReferenceEngine();
    private final ExperimentResult result = Experiment.run(SMALL_B, engine, ExperimentListener.SILENT);
    private final Task.Split split = SMALL_B.task().draw();
    private final Layout.Prepared training = SMALL_B.layout().prepare(split.training());
    private final Layout.Prepared validation = SMALL_B.layout().prepare(split.validation());

    @Example
    @Claim("EXP-10")
    void eachEpochStartsFromTheStateThePreviousValidationPassLeft() {
        LstmModel keras = model();
        PlanRunner.continueTraining(keras, training.samples(), training.training(), BatchListener.SILENT);
        PlanRunner.continueEvaluating(keras, validation.samples(), validation.training());
        Score epochTwo = PlanRunner.continueTraining(keras, training.samples(), training.training(),
                BatchListener.SILENT);
        assertEquals(epochTwo, result.epochs().get(1).onTheFly(), "epoch 2 as Keras' fit() runs it");

        LstmModel resetAtTheEpoch = model();
        PlanRunner.continueTraining(resetAtTheEpoch, training.samples(), training.training(), BatchListener.SILENT);
        PlanRunner.continueEvaluating(resetAtTheEpoch, validation.samples(), validation.training());
        Score fromZero = PlanRunner.train(resetAtTheEpoch, training.samples(), training.training(),
                BatchListener.SILENT);
        assertNotEquals(fromZero, result.epochs().get(1).onTheFly(), "a reset at the epoch would show");
    }

    @Example
    @Claim("EXP-10")
    void theValidationPassContinuesFromTheStateTrainingLeft() {
        LstmModel keras = model();
        PlanRunner.continueTraining(keras, training.samples(), training.training(), BatchListener.SILENT);
        LstmModel fromZero = model();
        fromZero.setWeights(keras.getWeights());

        Score continuing = PlanRunner.continueEvaluating(keras, validation.samples(), validation.training());

        assertEquals(continuing, result.epochs().get(0).kerasValidation(), "Keras' validation pass after epoch 1");
        assertNotEquals(PlanRunner.evaluate(fromZero, validation.samples(), validation.training()), continuing,
                "a validation pass from zero state would show");
    }

    @Example
    @Claim("EXP-10")
    void theFinalEvaluateContinuesFromTheLastValidationPass() {
        LstmModel keras = model();
        for (int epoch = 1; epoch <= SMALL_B.epochs(); epoch++) {
            PlanRunner.continueTraining(keras, training.samples(), training.training(), BatchListener.SILENT);
            PlanRunner.continueEvaluating(keras, validation.samples(), validation.training());
        }
        LstmModel fromZero = model();
        fromZero.setWeights(keras.getWeights());

        Score evaluate = PlanRunner.continueEvaluating(keras, validation.samples(), validation.training());

        assertEquals(evaluate, result.kerasEvaluation(), "the post's final evaluate()");
        assertNotEquals(PlanRunner.evaluate(fromZero, validation.samples(), validation.training()), evaluate,
                "an evaluate() from zero state would show");
    }

    @Example
    @Claim("EXP-10")
    void layoutsTheKerasFitNeverRanKeepNoKerasFigures() {
        Protocol small = new Protocol("C", new TaskSpec(12, 4, 10, 0.5, 7), PostProtocols.perStepStateful().layout(),
                SMALL_B.model(), 1);
        ExperimentResult c = Experiment.run(small, engine, ExperimentListener.SILENT);
        assertNull(c.last().kerasValidation(), "C resets by hand after each sequence: no Keras fit() figure");
        assertNull(c.kerasEvaluation(), "no final evaluate() either");
    }

    private LstmModel model() {
        return engine.build(SMALL_B.model().config(true, SMALL_B.layout().batchSize(), SMALL_B.task().seed()));
    }
}
