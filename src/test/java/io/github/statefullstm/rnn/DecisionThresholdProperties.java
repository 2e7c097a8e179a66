package io.github.statefullstm.rnn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Where accuracy draws the line between the classes, for any {@link LstmEngine}, written once: class 1 needs a
 * probability above one half, so a row at exactly one half counts as class 0, as Keras' accuracy rounds it (half to
 * even). A head with zero weights puts every row there, whatever the inputs. An engine's test class extends this
 * and names the engine.
 */
@PropertyDefaults(tries = DecisionThresholdProperties.DEFAULT_TRIES)
public abstract class DecisionThresholdProperties {

    /** Each try builds one tiny model and runs one batch: on the reference engine a few milliseconds. */
    public static final int DEFAULT_TRIES = 100;
    private static final int MAX_STEPS = 5;

    /** The engine under test. */
    protected abstract LstmEngine engine();

    @Provide
    Arbitrary<BatchScenario> scenarios() {
        return BatchScenario.any(1, MAX_STEPS);
    }

    @Property
    void aRowAtExactlyOneHalfCountsAsClassZero(@ForAll("scenarios") BatchScenario s) {
        s.collectShape();
        LstmModel model = engine().build(s.statelessConfig());
        LstmWeights w = model.getWeights();
        model.setWeights(w.withHead(new double[s.spec().units()], 0));
        double[][][] inputs = s.inputs(0);
        double[] targets = s.targets(0);
        double[] probabilities = model.predictOnBatch(inputs);
        for (double p : probabilities) {
            assertEquals(0.5, p, 0, () -> "[" + engine().name() + "] a zero head says one half on every row: "
                    + Arrays.toString(probabilities));
        }
        long zeros = Arrays.stream(targets).filter(t -> t == 0).count();
        Statistics.label("targets that are 0").collect(zeros == 0 ? "none" : zeros == s.rows() ? "all" : "some");
        assertEquals((double) zeros / s.rows(), model.testOnBatch(inputs, targets).accuracy(), 0,
                () -> "[" + engine().name() + "] right exactly on the rows whose target is 0: "
                        + Arrays.toString(targets));
    }
}
