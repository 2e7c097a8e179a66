package io.github.statefullstm.rnn;

/**
 * How an implementation of Keras' equations computes: the unit roundoff of its floating-point type, and the slope its
 * hard sigmoid multiplies by. {@link KerasEquations} bounds how far such an implementation can be from the exact
 * value of the equations with that slope; two implementations with different slopes compute two different functions,
 * and the bound between them adds the difference of the two.
 *
 * @param unitRoundoff half the distance from 1 to the next number of the type: every correctly rounded operation is
 *                     off by at most this, relative
 * @param smallestNormal the smallest normal number of the type: below it a product, a quotient or a function rounds
 *                       absolutely (gradual underflow), or an exp overflows to give 0, off by at most this
 * @param hardSigmoidSlope the {@code a} of {@code clip(a z + 0.5, 0, 1)}
 * @param functionFloor the magnitude below which tanh and sigmoid are accurate only absolutely, to a few u: 0 for
 *                      functions accurate relative to their value everywhere (Java's), 1 for functions accurate to a
 *                      few u absolute (libnd4j's tanh is off by 3 u absolute near 0, relatively without limit)
 */
public record Arithmetic(String name, double unitRoundoff, double smallestNormal, double hardSigmoidSlope,
                         double functionFloor) {

    /** Keras' own slope, written 0.2 in its source: the exact function every claim is about. */
    public static final double KERAS_HARD_SIGMOID_SLOPE = 0.2;

    /** The reference engine: Java doubles, Keras' slope. */
    public static final Arithmetic REFERENCE = new Arithmetic("the reference (double, hard-sigmoid slope 0.2)",
            0x1p-53, Double.MIN_NORMAL, KERAS_HARD_SIGMOID_SLOPE, 0);
    /**
     * DL4J's engine: libnd4j in double, whose hard sigmoid multiplies by the float constant {@code 0.2f}, a
     * relative 1.5e-8 more than 0.2 (DL4J-1 shows it bit for bit).
     */
    public static final Arithmetic ND4J_DOUBLE = new Arithmetic("DL4J (double, hard-sigmoid slope 0.2f)", 0x1p-53,
            Double.MIN_NORMAL, (double) 0.2f, 1);
    /**
     * TensorFlow.js, the independent Keras: float32 throughout, 0.2 held as a float32; its functions are not
     * documented to be accurate relative to their value near 0, so only absolutely.
     */
    public static final Arithmetic TFJS_FLOAT32 = new Arithmetic("TensorFlow.js (float32, hard-sigmoid slope 0.2f)",
            0x1p-24, Float.MIN_NORMAL, (double) 0.2f, 1);

    /** Whether two implementations compute the same exact function, so that only their rounding tells them apart. */
    public boolean sameFunctionAs(Arithmetic other, GateActivation gate) {
        return gate == GateActivation.SIGMOID || hardSigmoidSlope == other.hardSigmoidSlope;
    }

    @Override
    public String toString() {
        return name;
    }
}
