package io.github.statefullstm.rnn;

import io.github.statefullstm.spec.Claim;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    /** A scenario and, for its first batch, targets at chosen steps: at least one step of some row counted. */
    @Provide
    Arbitrary<ChosenSteps> chosenSteps() {
        return BatchScenario.any(1, MAX_STEPS).flatMap(s -> Arbitraries.integers().between(0, 1).array(int[].class)
                .ofSize(s.rows() * s.steps()).filter(bits -> Arrays.stream(bits).anyMatch(bit -> bit == 1))
                .map(bits -> new ChosenSteps(s, bits)));
    }

    /** The scenario's first batch with a target where {@code counted} (row by row) holds a 1. */
    public record ChosenSteps(BatchScenario scenario, int[] counted) {

        StepTargets targets() {
            int steps = scenario.steps();
            double[][] targets = new double[scenario.rows()][steps];
            boolean[][] chosen = new boolean[scenario.rows()][steps];
            for (int row = 0; row < targets.length; row++) {
                for (int step = 0; step < steps; step++) {
                    chosen[row][step] = counted[row * steps + step] == 1;
                    // a target per step, drawn reproducibly from the scenario's targets of later batches
                    targets[row][step] = scenario.targets(1 + step)[row];
                }
            }
            return new StepTargets(targets, chosen);
        }

        int chosen() {
            return Arrays.stream(counted).sum();
        }
    }

    @Property
    @Claim("OUT-3")
    void targetsAtTheLastStepOnlyAreTheOneOutputCallsToTheBit(@ForAll("batches") BatchScenario s) {
        s.collectShape();
        double[][][] inputs = s.inputs(0);
        double[] targets = s.targets(0);
        StepTargets atLast = StepTargets.atLastStep(targets, s.steps());
        LstmModel oneOutput = engineUnderTest().build(s.statefulConfig());
        LstmModel everyStep = engineUnderTest().build(s.statefulConfig());
        oneOutput.resetStates(s.state(0));
        everyStep.resetStates(s.state(0));
        Agreement exactly = engineUnderTest().repeated();
        BatchResult expected = oneOutput.trainOnBatch(inputs, targets);
        BatchResult actual = everyStep.trainOnBatch(inputs, atLast);
        exactly.loss("trainOnBatch", expected.loss(), actual.loss());
        exactly.accuracy("trainOnBatch", expected.accuracy(), actual.accuracy());
        exactly.weights("weights after the update", oneOutput.getWeights(), everyStep.getWeights());
        exactly.states("carried state", oneOutput.states(), everyStep.states());
        BatchResult tested = oneOutput.testOnBatch(s.inputs(1), s.targets(1));
        BatchResult testedEveryStep = everyStep.testOnBatch(s.inputs(1), StepTargets.atLastStep(s.targets(1),
                s.steps()));
        exactly.loss("testOnBatch", tested.loss(), testedEveryStep.loss());
        exactly.accuracy("testOnBatch", tested.accuracy(), testedEveryStep.accuracy());
        exactly.states("carried state after testOnBatch", oneOutput.states(), everyStep.states());
        exactly.weights("gradient", oneOutput.gradientOnBatch(s.inputs(2), s.targets(2)),
                everyStep.gradientOnBatch(s.inputs(2), StepTargets.atLastStep(s.targets(2), s.steps())));
    }

    @Property
    @Claim("OUT-3")
    void aRefusedCallWithStepTargetsLeavesTheModelAsItWas(@ForAll("batches") BatchScenario s) {
        s.collectShape();
        double[][][] inputs = s.inputs(0);
        StepTargets none = new StepTargets(new double[s.rows()][s.steps()], new boolean[s.rows()][s.steps()]);
        LstmModel model = engineUnderTest().build(s.statefulConfig());
        model.resetStates(s.state(0));
        model.trainOnBatch(inputs, StepTargets.atLastStep(s.targets(0), s.steps()));
        LstmState state = model.states();
        LstmWeights weights = model.getWeights();
        for (Runnable call : List.<Runnable>of(() -> model.trainOnBatch(inputs, none),
                () -> model.testOnBatch(inputs, none), () -> model.gradientOnBatch(inputs, none))) {
            IllegalArgumentException refusal = assertThrows(IllegalArgumentException.class, call::run);
            assertTrue(refusal.getMessage().startsWith("counted steps = 0"), refusal.getMessage());
            engineUnderTest().copied().states("state after a refused call", state, model.states());
            engineUnderTest().copied().weights("weights after a refused call", weights, model.getWeights());
        }
    }

    /**
     * Keras' binary accuracy rounds half to even: an answer of exactly one half is class 0 at every step, as at the
     * last (all-zero weights answer exactly one half everywhere).
     */
    @Example
    @Claim("OUT-3")
    void anAnswerOfExactlyOneHalfIsClassZeroAtEveryStep() {
        LstmModel model = engineUnderTest().build(ModelConfig.stateless(LstmSpec.POST, 1));
        model.setWeights(LstmWeights.zeros(LstmSpec.POST.features(), LstmSpec.POST.units()));
        double[][][] inputs = new double[2][3][1];
        boolean[][] every = {{true, true, true}, {true, true, true}};
        assertEquals(1.0, model.testOnBatch(inputs, new StepTargets(new double[2][3], every)).accuracy(),
                "[" + engineUnderTest().name() + "] targets 0 at every step");
        assertEquals(0.0, model.testOnBatch(inputs, new StepTargets(new double[][] {{1, 1, 1}, {1, 1, 1}}, every))
                .accuracy(), "[" + engineUnderTest().name() + "] targets 1 at every step");
    }

    @Property
    @Claim("OUT-4")
    void theGradientAtChosenStepsIsTheDerivativeOfTheirMeanLoss(@ForAll("chosenSteps") ChosenSteps chosen) {
        BatchScenario s = chosen.scenario();
        s.collectShape();
        Statistics.label("steps with a target").collect(chosen.chosen() == s.rows() * s.steps() ? "every one"
                : chosen.chosen() == 1 ? "one" : "some");
        double[][][] inputs = s.inputs(0);
        StepTargets targets = chosen.targets();
        LstmModel model = engineUnderTest().build(s.statefulConfig());
        model.resetStates(s.state(0));
        LstmWeights weights = model.getWeights();
        KerasEquations.Pass exact = KerasEquations.withDerivatives(weights, s.spec().gateActivation(), inputs,
                s.state(0), Arithmetic.REFERENCE);
        Agreement agree = Agreement.within(Tolerance.gradient(weights, s.spec().gateActivation(), inputs, s.state(0),
                targets, Arithmetic.REFERENCE, engineUnderTest().arithmetic()), engineUnderTest().name());
        int undetermined = agree.weights("gradient at the chosen steps vs the exact derivative of their mean loss",
                LstmWeights.unflatten(s.spec(), exact.gradient(targets).values()),
                model.gradientOnBatch(inputs, targets));
        Statistics.label("weights left undetermined by a kink").collect(undetermined == 0 ? "none" : "some");
        BatchResult result = model.testOnBatch(inputs, targets);
        agree.loss("the mean loss over the chosen steps", exact.loss(targets), result.loss());
    }
}
