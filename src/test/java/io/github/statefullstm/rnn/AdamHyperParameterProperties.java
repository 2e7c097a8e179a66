package io.github.statefullstm.rnn;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.statefullstm.spec.Claim;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/** Adam is only Keras' Adam within its ranges: a rate or epsilon <= 0 or not finite, or a beta outside [0, 1). */
@Label("REF-2: Adam's hyper-parameters outside their ranges are refused")
class AdamHyperParameterProperties {

    @Provide
    Arbitrary<Double> nonPositiveOrNotFinite() {
        return Arbitraries.oneOf(Arbitraries.doubles().lessOrEqual(0), Arbitraries.of(0.0, -0.0, Double.NaN,
                Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY));
    }

    @Provide
    Arbitrary<Double> outsideZeroToOne() {
        return Arbitraries.oneOf(Arbitraries.doubles().lessThan(0), Arbitraries.doubles().greaterOrEqual(1),
                Arbitraries.of(1.0, -Double.MIN_VALUE, Double.NaN));
    }

    @Provide
    Arbitrary<Double> insideZeroToOne() {
        return Arbitraries.oneOf(Arbitraries.doubles().between(0, 1).filter(b -> b < 1), Arbitraries.of(0.0,
                Math.nextDown(1.0)));
    }

    @Property
    @Claim("REF-2")
    @Label("a learning rate or epsilon <= 0 or not finite is refused, naming it")
    void aRateOrEpsilonThatIsNotPositiveAndFiniteIsRefused(@ForAll("nonPositiveOrNotFinite") double bad) {
        Statistics.label("value").collect(Double.isFinite(bad) ? bad == 0 ? "0" : "negative" : "not finite");
        refused(() -> new Adam(bad, 0.9, 0.999, 1e-8), "learningRate = " + bad, "finite and > 0");
        refused(() -> new Adam(0.001, 0.9, 0.999, bad), "epsilon = " + bad, "finite and > 0");
    }

    @Property
    @Claim("REF-2")
    @Label("a beta outside [0, 1) is refused, naming it; every beta inside is taken")
    void aBetaOutsideZeroToOneIsRefused(@ForAll("outsideZeroToOne") double bad,
                                        @ForAll("insideZeroToOne") double good) {
        Statistics.label("beta").collect(bad >= 1 ? ">= 1" : bad < 0 ? "< 0" : "NaN");
        refused(() -> new Adam(0.001, bad, 0.999, 1e-8), "beta1 = " + bad, "[0, 1)");
        refused(() -> new Adam(0.001, 0.9, bad, 1e-8), "beta2 = " + bad, "[0, 1)");
        new Adam(0.001, good, good, 1e-8);
        new Adam(Double.MIN_VALUE, good, good, Double.MIN_VALUE);
    }

    private static void refused(Runnable call, String... words) {
        IllegalArgumentException refusal = assertThrows(IllegalArgumentException.class, call::run);
        for (String word : List.of(words)) {
            assertTrue(refusal.getMessage().contains(word),
                    () -> "message \"" + refusal.getMessage() + "\" should mention \"" + word + "\"");
        }
    }
}
