package io.github.statefullstm.rnn;

/**
 * An engine as an engine-neutral suite runs it: the engine, the arithmetic its error bounds come from, and whether two
 * of its computations of the same numbers agree to the last bit wherever they run (true for an engine that computes
 * every row with the same operations in the same order, whatever the batch, the row's place in it or the chunk).
 */
public record EngineUnderTest(LstmEngine engine, Arithmetic arithmetic, boolean repeatsBitForBit) {

    public String name() {
        return engine.name();
    }

    public LstmModel build(ModelConfig config) {
        return engine.build(config);
    }

    /**
     * How far two of this engine's computations of one forward pass from {@code initial} with {@code weights} may be
     * apart: to the bit, or within twice the engine's error bound on these very inputs ({@link KerasEquations}).
     * {@code targets} may be null when no loss is compared.
     */
    public Agreement agreement(LstmWeights weights, GateActivation gate, double[][][] inputs, LstmState initial,
                               double[] targets) {
        if (repeatsBitForBit) {
            return Agreement.exact(name(), "the same operations in the same order for every row");
        }
        return Agreement.within(Tolerance.forward(weights, gate, inputs, initial, targets, arithmetic, arithmetic),
                name());
    }

    /**
     * How far two of this engine's computations of one gradient (of the mean loss of {@code targets}, from
     * {@code initial} held constant) may be apart: to the bit, or within twice the gradient's error bound on these
     * very inputs, weights at a kink left undetermined ({@link Tolerance#gradient}).
     */
    public Agreement gradientAgreement(LstmWeights weights, GateActivation gate, double[][][] inputs,
                                       LstmState initial, double[] targets) {
        if (repeatsBitForBit) {
            return Agreement.exact(name(), "the same operations in the same order for every row");
        }
        return Agreement.within(Tolerance.gradient(weights, gate, inputs, initial, targets, arithmetic, arithmetic),
                name());
    }

    /** For numbers that are copied, not computed: they must be equal to the last bit on every engine. */
    public Agreement copied() {
        return Agreement.exact(name(), "copied, not computed");
    }

    /**
     * For the same call on the same numbers with the same weights, state and optimizer: every engine repeats its
     * arithmetic exactly (STATE-8), so the results are equal to the last bit.
     */
    public Agreement repeated() {
        return Agreement.exact(name(), "the same calls on the same numbers (STATE-8)");
    }
}
