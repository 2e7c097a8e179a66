package io.github.statefullstm.rnn;

import io.github.statefullstm.spec.Claim;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

import java.util.List;

/**
 * STATE-7, for any {@link LstmEngine}, written once: a call with a bad argument is refused with a message that names
 * the problem, and leaves state, weights and optimizer as they were. An engine's test class extends this, names the
 * engine, and runs the identical suite.
 *
 * <p>How many tries: {@value #DEFAULT_TRIES} per property. A slower engine lowers it by putting its own
 * {@code @PropertyDefaults(tries = ...)} on its subclass.
 */
@PropertyDefaults(tries = BadCallProperties.DEFAULT_TRIES)
public abstract class BadCallProperties {

    /** Each try trains two tiny models one batch each: on the reference engine a fraction of a second in all. */
    public static final int DEFAULT_TRIES = 100;
    /** Small shapes find the same bugs as big ones and keep failures readable. */
    private static final int MAX_STEPS = 5;

    /** The engine under test. */
    protected abstract LstmEngine engine();

    /** Scenarios of at least two rows, each with one fault, the call it comes through and a spot inside its batch. */
    @Provide
    Arbitrary<BadCall> badCalls() {
        return BatchScenario.any(2, MAX_STEPS).flatMap(s -> Combinators.combine(Arbitraries.of(BadCall.Fault.class),
                        Arbitraries.of(BadCall.Call.class), spotsIn(s))
                .as((fault, call, at) -> new BadCall(s, fault, call, at)));
    }

    /** Any row, step and feature of the scenario's batches. */
    private static Arbitrary<BadCall.Spot> spotsIn(BatchScenario s) {
        return Combinators.combine(Arbitraries.integers().between(0, s.rows() - 1),
                Arbitraries.integers().between(0, s.steps() - 1),
                Arbitraries.integers().between(0, s.spec().features() - 1)).as(BadCall.Spot::new);
    }

    @Property
    @Claim("STATE-7")
    @Label("STATE-7: a refused call names the problem and leaves state, weights and optimizer as they were")
    void aRefusedCallNamesTheProblemAndLeavesStateWeightsAndOptimizerAsTheyWere(@ForAll("badCalls") BadCall bad) {
        BatchScenario s = bad.scenario();
        s.collectShape();
        Statistics.label("fault").collect(bad.fault());
        Statistics.label("call").collect(bad.callMade());
        assertRefusedChangingNothing(bad);
    }

    /**
     * Each call that takes targets checks them itself; the property above draws one call a try, which can leave one
     * of them out of a run, so here every such call gets every try.
     */
    @Property
    @Label("a bad target is refused, changing nothing, by every call that takes targets")
    void aBadTargetIsRefusedChangingNothingByEveryCallThatTakesTargets(@ForAll("badTargets") BadCall bad) {
        bad.scenario().collectShape();
        Statistics.label("fault").collect(bad.fault());
        for (BadCall.Call call : List.of(BadCall.Call.TRAIN, BadCall.Call.TEST, BadCall.Call.GRADIENT)) {
            assertRefusedChangingNothing(new BadCall(bad.scenario(), bad.fault(), call, bad.at()));
        }
    }

    /** Scenarios of at least two rows with a target fault, on any row; the call is chosen by the property. */
    @Provide
    Arbitrary<BadCall> badTargets() {
        return BatchScenario.any(2, MAX_STEPS).flatMap(s -> Combinators.combine(
                        Arbitraries.of(BadCall.Fault.TARGET_NOT_BINARY, BadCall.Fault.WRONG_TARGET_COUNT), spotsIn(s))
                .as((fault, at) -> new BadCall(s, fault, BadCall.Call.TRAIN, at)));
    }

    /**
     * Makes the bad call on a model with a history, and checks that it is refused with a message naming the problem,
     * and that state, weights and optimizer are as on a twin that never saw the call.
     */
    private void assertRefusedChangingNothing(BadCall bad) {
        BatchScenario s = bad.scenario();
        LstmModel model = engine().build(s.statefulConfig());
        LstmModel twin = engine().build(s.statefulConfig());
        for (LstmModel m : List.of(model, twin)) { // same history, so the optimizer has moments to lose
            m.resetStates(s.state(0));
            m.trainOnBatch(s.inputs(0), s.targets(0));
        }

        LstmState stateBefore = model.states();
        LstmState finalBefore = model.finalStates();
        LstmWeights weightsBefore = model.getWeights();
        IllegalArgumentException refusal = refusalOf(() -> bad.applyTo(model));
        for (String word : bad.wordsTheRefusalMustName()) {
            if (!refusal.getMessage().contains(word)) {
                throw new AssertionError("[" + engine().name() + "] " + bad.fault() + " via " + bad.callMade()
                        + ": message \"" + refusal.getMessage() + "\" does not mention \"" + word + "\"");
            }
        }

        // the same model before and after: nothing may move, not even by rounding
        Agreement exactly = Agreement.exact(engine().name(), "the same model before and after");
        String where = "after refused " + bad.fault() + " via " + bad.callMade();
        exactly.states(where + ", carried state", stateBefore, model.states());
        exactly.states(where + ", final state", finalBefore, model.finalStates());
        exactly.weights(where, weightsBefore, model.getWeights());
        // the optimizer is not observable directly: the next update must be the one a twin without the
        // refused call makes, to the last bit, since both made the same calls on the same numbers (an engine
        // repeats its arithmetic exactly: STATE-8)
        Agreement twins = Agreement.exact(engine().name(), "twins that made the same calls on the same numbers");
        BatchResult expected = twin.trainOnBatch(s.inputs(1), s.targets(1));
        BatchResult actual = model.trainOnBatch(s.inputs(1), s.targets(1));
        twins.loss(where + ", next batch", expected.loss(), actual.loss());
        twins.weights(where + ", weights after the next update (optimizer moments)", twin.getWeights(),
                model.getWeights());
    }

    private IllegalArgumentException refusalOf(Runnable call) {
        try {
            call.run();
        } catch (IllegalArgumentException refused) {
            return refused;
        }
        throw new AssertionError("[" + engine().name() + "] the call was accepted");
    }
}
