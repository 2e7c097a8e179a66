package io.github.statefullstm.rnn;

import io.github.statefullstm.spec.Claim;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A model's answer at every step (Keras' {@code return_sequences=True} under a {@code TimeDistributed(Dense)}), as
 * properties any engine must satisfy, written once (specs/per-step-outputs.md): a batch's answers at every step are
 * what the same model fed one step at a time answers, step by step. Each engine runs the identical suite through a
 * subclass that names it.
 */
@PropertyDefaults(tries = EveryStepOutputsProperties.DEFAULT_TRIES)
@Label("OUT-1: a model's answers at every step of a batch")
public abstract class EveryStepOutputsProperties {

    /** Each try is one small batch fed whole and then a step at a time. */
    public static final int DEFAULT_TRIES = 100;
    /** Small shapes find the same bugs as big ones and keep failures readable. */
    private static final int MAX_STEPS = 6;

    /** The engine under test, its arithmetic, and whether its repeated computations agree to the bit. */
    protected abstract EngineUnderTest engineUnderTest();

    /** A model and a batch of 1 to 4 rows and 1 to 6 steps, from a random carried state. */
    @Provide
    Arbitrary<BatchScenario> batches() {
        return BatchScenario.any(1, MAX_STEPS);
    }

    @Property
    @Claim("OUT-1")
    void theAnswerAtEveryStepIsWhatTheStepByStepFeedAnswersThere(@ForAll("batches") BatchScenario s) {
        s.collectShape();
        double[][][] inputs = s.inputs(0);
        LstmModel whole = engineUnderTest().build(s.statefulConfig());
        LstmModel stepByStep = engineUnderTest().build(s.statefulConfig());
        whole.resetStates(s.state(0));
        stepByStep.resetStates(s.state(0));
        double[][] everyStep = whole.predictEveryStepOnBatch(inputs);
        assertEquals(s.rows(), everyStep.length, "rows of the answers");
        for (int step = 0; step < s.steps(); step++) {
            double[] answers = stepByStep.predictOnBatch(Batches.steps(inputs, step, step + 1));
            double[] column = new double[s.rows()];
            for (int row = 0; row < s.rows(); row++) {
                assertEquals(s.steps(), everyStep[row].length, "steps of row " + row + "'s answers");
                column[row] = everyStep[row][step];
            }
            // both read steps 0..step from the state given: the bounds are those of that stretch of the batch
            Agreement agree = engineUnderTest().agreement(whole.getWeights(), s.spec().gateActivation(),
                    Batches.steps(inputs, 0, step + 1), s.state(0), null);
            agree.outputs("step " + step + ", the whole batch's answers vs the step-by-step feed's", answers, column);
        }
        engineUnderTest().agreement(whole.getWeights(), s.spec().gateActivation(), inputs, s.state(0), null)
                .states("the state both carry after the batch", stepByStep.states(), whole.states());
    }

    @Property
    @Claim("OUT-1")
    void theLastStepsAnswerIsPredictOnBatchsToTheBit(@ForAll("batches") BatchScenario s) {
        s.collectShape();
        Statistics.label("stateful").collect(true);
        double[][][] inputs = s.inputs(0);
        LstmModel everyStep = engineUnderTest().build(s.statefulConfig());
        LstmModel lastStep = engineUnderTest().build(s.statefulConfig());
        everyStep.resetStates(s.state(0));
        lastStep.resetStates(s.state(0));
        double[][] answers = everyStep.predictEveryStepOnBatch(inputs);
        double[] last = new double[s.rows()];
        for (int row = 0; row < s.rows(); row++) {
            last[row] = answers[row][s.steps() - 1];
        }
        engineUnderTest().repeated().outputs("the last step's answers vs predictOnBatch", lastStep.predictOnBatch(inputs),
                last);
        engineUnderTest().repeated().states("the state each carries", lastStep.states(), everyStep.states());
    }
}
