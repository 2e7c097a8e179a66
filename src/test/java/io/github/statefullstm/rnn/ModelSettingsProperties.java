package io.github.statefullstm.rnn;

import io.github.statefullstm.spec.Claim;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A model's architecture and configuration refuse what no engine could build, naming the setting and the rule. */
@Label("A model's settings")
class ModelSettingsProperties {

    @Property(tries = 20)
    @Claim("STATE-7")
    void aSpecWithoutFeaturesUnitsOrGatesIsRefused(@ForAll @IntRange(min = -2, max = 0) int nonPositive) {
        Statistics.label("value").collect(nonPositive == 0 ? "0" : "negative");
        refused(() -> new LstmSpec(nonPositive, 1, GateActivation.SIGMOID), "features = " + nonPositive);
        refused(() -> new LstmSpec(1, nonPositive, GateActivation.SIGMOID), "units = " + nonPositive);
        refused(() -> new LstmSpec(1, 1, null), "gateActivation = null");
        assertEquals(1, new LstmSpec(1, 1, GateActivation.SIGMOID).units(), "one feature and one unit are fine");
    }

    @Property(tries = 20)
    @Claim("STATE-7")
    void aConfigWithoutSpecOptimizerOrRowsIsRefused(@ForAll @IntRange(min = -2, max = 0) int nonPositive) {
        Statistics.label("value").collect(nonPositive == 0 ? "0" : "negative");
        refused(() -> new ModelConfig(null, true, 1, Adam.KERAS, 0), "spec = null");
        refused(() -> new ModelConfig(LstmSpec.POST, true, 1, null, 0), "adam = null");
        refused(() -> new ModelConfig(LstmSpec.POST, true, nonPositive, Adam.KERAS, 0), "batchSize = " + nonPositive);
        assertEquals(1, ModelConfig.stateful(LstmSpec.POST, 1, 0).batchSize(), "one row is fine");
    }

    @Property(tries = 20)
    @Claim("ASK-7")
    void aMaskValueThatNoInputCouldEqualIsRefused(@ForAll("notFinite") double value) {
        Statistics.label("value").collect(value);
        refused(() -> Masking.ofValue(value), "mask value = " + value);
        refused(() -> new Masking(null), "masking value = null");
        refused(() -> ModelConfig.stateless(LstmSpec.POST, 0).withMasking(null), "masking = null");
        assertTrue(Masking.ofValue(0).masks(new double[] {0, 0}), "Keras' default mask value 0 masks an all-zero step");
        assertFalse(Masking.ofValue(0).masks(new double[] {0, 1}), "a step masks only when every feature matches");
        assertFalse(Masking.NONE.masks(new double[] {0}), "without masking no step is masked");
    }

    @Provide
    Arbitrary<Double> notFinite() {
        return Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);
    }

    private static void refused(org.junit.jupiter.api.function.Executable call, String named) {
        String message = assertThrows(IllegalArgumentException.class, call).getMessage();
        assertTrue(message.startsWith(named + ": "), () -> "expected \"" + named + ": ...\", got: " + message);
    }
}
