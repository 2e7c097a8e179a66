package io.github.statefullstm.rnn.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.github.statefullstm.rnn.Cell;
import io.github.statefullstm.rnn.LstmSpec;
import io.github.statefullstm.rnn.ModelConfig;
import io.github.statefullstm.spec.Claim;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SeedExamples {

    /**
     * The post's model, and the shapes whose weights DL4J draws another way: a GRU, which DL4J's network has no layer
     * for (its Xavier initialisation draws it), and stacks of either cell.
     */
    private static final List<LstmSpec> SHAPES = List.of(LstmSpec.POST, LstmSpec.POST.withCell(Cell.GRU),
            LstmSpec.POST.withLayers(2), LstmSpec.POST.withCell(Cell.GRU).withLayers(2));

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE})
    @Claim("DL4J-10")
    void theSameSeedBuildsTheSameWeightsEvenSeedZero(long seed) {
        for (LstmSpec spec : SHAPES) {
            ModelConfig config = ModelConfig.stateless(spec, seed);
            assertArrayEquals(new Dl4jEngine().build(config).getWeights().flatten(),
                    new Dl4jEngine().build(config).getWeights().flatten(),
                    "weights of two " + spec.title() + " models built with seed " + seed);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {0, 1})
    @Claim("DL4J-10")
    void anotherSeedBuildsOtherWeights(long seed) {
        for (LstmSpec spec : SHAPES) {
            double[] these = new Dl4jEngine().build(ModelConfig.stateless(spec, seed)).getWeights().flatten();
            double[] others = new Dl4jEngine().build(ModelConfig.stateless(spec, seed + 2)).getWeights().flatten();
            assertFalse(Arrays.equals(these, others), spec.title() + ", seeds " + seed + " and " + (seed + 2));
        }
    }
}
