package io.github.statefullstm.rnn.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.github.statefullstm.rnn.LstmSpec;
import io.github.statefullstm.rnn.ModelConfig;
import java.util.Arrays;
import io.github.statefullstm.spec.Claim;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SeedExamples {

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE})
    @Claim("DL4J-10")
    void theSameSeedBuildsTheSameWeightsEvenSeedZero(long seed) {
        ModelConfig config = ModelConfig.stateless(LstmSpec.POST, seed);
        assertArrayEquals(new Dl4jEngine().build(config).getWeights().flatten(),
                new Dl4jEngine().build(config).getWeights().flatten(), "weights of two models built with seed " + seed);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {0, 1})
    @Claim("DL4J-10")
    void anotherSeedBuildsOtherWeights(long seed) {
        double[] these = new Dl4jEngine().build(ModelConfig.stateless(LstmSpec.POST, seed)).getWeights().flatten();
        double[] others = new Dl4jEngine().build(ModelConfig.stateless(LstmSpec.POST, seed + 2)).getWeights().flatten();
        assertFalse(Arrays.equals(these, others), "seeds " + seed + " and " + (seed + 2));
    }
}
