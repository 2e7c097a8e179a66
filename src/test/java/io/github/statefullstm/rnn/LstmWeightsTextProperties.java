package io.github.statefullstm.rnn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * What weights say of themselves, where a failed assertion shows them: their shape, which decides whether they fit a
 * model, and not their numbers.
 */
class LstmWeightsTextProperties {

    @Property
    void weightsNameTheirFeaturesAndUnits(@ForAll @IntRange(min = 1, max = 4) int features,
                                          @ForAll @IntRange(min = 1, max = 12) int units) {
        Statistics.label("features").collect(features);
        String text = LstmWeights.zeros(features, units).toString();
        assertTrue(text.contains("features=" + features) && text.contains("units=" + units), text);
    }
}
