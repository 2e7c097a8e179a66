package io.github.statefullstm.rnn.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.statefullstm.rnn.GateActivation;
import io.github.statefullstm.rnn.LstmSpec;
import io.github.statefullstm.rnn.LstmWeights;
import io.github.statefullstm.rnn.ModelConfig;
import io.github.statefullstm.spec.Claim;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The initial weights are drawn in the order the engine documents, so another implementation can reproduce them:
 * for each gate i, f, c, o its kernel block row by row, then its recurrent block from a Gaussian matrix column by
 * column, orthonormalised; then the Dense kernel. Redrawn here from the seed, independently.
 */
class KerasInitialDrawOrderExamples {

    /** Two orthonormalisations of the same Gaussian matrix in another order of operations: rounding only. */
    private static final double ORTHONORMALISATION_ROUNDING = 1e-12;
    private static final int GATES = 4;
    private static final int FORGET = 1;

    @ParameterizedTest(name = "{0} features, {1} units, seed {2}")
    @CsvSource({"1, 1, 0", "2, 5, 42", "3, 2, 7", "1, 10, 1200"})
    @Claim("REF-5")
    void everyWeightIsDrawnFromTheSeedInTheDocumentedOrder(int features, int units, long seed) {
        LstmWeights drawn = new ReferenceEngine().build(ModelConfig.stateless(
                new LstmSpec(features, units, GateActivation.SIGMOID), seed)).getWeights();
        SplittableRandom random = new SplittableRandom(seed);
        double kernelLimit = Math.sqrt(6.0 / (features + units));
        double[][] kernel = drawn.kernel();
        double[][] recurrent = drawn.recurrentKernel();
        for (int gate = 0; gate < GATES; gate++) {
            for (int f = 0; f < features; f++) {
                for (int j = 0; j < units; j++) {
                    assertEquals(random.nextDouble(-kernelLimit, kernelLimit), kernel[f][gate * units + j], 0,
                            "kernel[" + f + "][" + (gate * units + j) + "], gate " + gate);
                }
            }
            double[][] q = orthonormalColumns(units, random);
            for (int row = 0; row < units; row++) {
                for (int col = 0; col < units; col++) {
                    assertEquals(q[row][col], recurrent[row][gate * units + col], ORTHONORMALISATION_ROUNDING,
                            "recurrentKernel[" + row + "][" + (gate * units + col) + "], gate " + gate);
                }
            }
        }
        double[] bias = drawn.bias();
        for (int col = 0; col < GATES * units; col++) {
            assertEquals(col / units == FORGET ? 1 : 0, bias[col], 0, "bias[" + col + "]");
        }
        double denseLimit = Math.sqrt(6.0 / (units + 1));
        double[] dense = drawn.denseKernel();
        for (int j = 0; j < units; j++) {
            assertEquals(random.nextDouble(-denseLimit, denseLimit), dense[j], 0, "denseKernel[" + j + "]");
        }
        assertEquals(0, drawn.denseBias(), 0, "dense bias");
    }

    /** Gaussian entries column by column, then classical Gram-Schmidt: the Q of a QR with a positive R diagonal. */
    private static double[][] orthonormalColumns(int n, SplittableRandom random) {
        double[][] a = new double[n][n];
        for (int col = 0; col < n; col++) {
            for (int row = 0; row < n; row++) {
                a[row][col] = random.nextGaussian();
            }
        }
        double[][] q = new double[n][n];
        for (int col = 0; col < n; col++) {
            double[] v = new double[n];
            for (int row = 0; row < n; row++) {
                v[row] = a[row][col];
            }
            for (int earlier = 0; earlier < col; earlier++) {
                double dot = 0;
                for (int row = 0; row < n; row++) {
                    dot += q[row][earlier] * a[row][col];
                }
                for (int row = 0; row < n; row++) {
                    v[row] -= dot * q[row][earlier];
                }
            }
            double norm = 0;
            for (double x : v) {
                norm += x * x;
            }
            norm = Math.sqrt(norm);
            for (int row = 0; row < n; row++) {
                q[row][col] = v[row] / norm;
            }
        }
        return q;
    }
}
