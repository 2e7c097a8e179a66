package io.github.statefullstm.rnn;

/**
 * Compares two engines' (or two runs') numbers within a tolerance, and says where they disagree: which row, which
 * batch, which step, which unit, which weight.
 *
 * <p>The tolerance is relative ({@link #relative}: scaled by the larger magnitude, at least 1) for numbers that come
 * out of the same arithmetic at any size, or absolute ({@link #absolute}) for a caller that has already sized its
 * tolerance to the quantity compared, as the engine-to-engine checks do per gate function, head and loss.
 */
public final class Agreement {

    private enum Scale { RELATIVE, ABSOLUTE }

    private final double tolerance;
    private final Scale scale;
    /** Which engine is being checked: the same inherited property runs for every engine under one class name. */
    private final String engine;

    private Agreement(double tolerance, Scale scale, String engine) {
        this.tolerance = tolerance;
        this.scale = scale;
        this.engine = engine;
    }

    /** Agreement to {@code tolerance} times the larger of the two magnitudes, or of 1. */
    public static Agreement relative(double tolerance, String engine) {
        return new Agreement(tolerance, Scale.RELATIVE, engine);
    }

    /** Agreement to {@code tolerance}, whatever the magnitudes. */
    public static Agreement absolute(double tolerance, String engine) {
        return new Agreement(tolerance, Scale.ABSOLUTE, engine);
    }

    /** The same comparison, for the same engine, with another tolerance: for a quantity that earns its own. */
    public Agreement within(double otherTolerance) {
        return new Agreement(otherTolerance, scale, engine);
    }

    public void outputs(String where, double[] expected, int expectedRow, double[] actual, int actualRow) {
        value(where + ", output of row " + actualRow + " (expected from row " + expectedRow + ")",
                expected[expectedRow], actual[actualRow]);
    }

    public void outputs(String where, double[] expected, double[] actual) {
        if (expected.length != actual.length) {
            throw new AssertionError("[" + engine + "] " + where + ": " + expected.length + " outputs expected, got "
                    + actual.length);
        }
        for (int row = 0; row < expected.length; row++) {
            outputs(where, expected, row, actual, row);
        }
    }

    public void stateRow(String where, LstmState expected, int expectedRow, LstmState actual, int actualRow) {
        double[] eh = expected.h(expectedRow);
        double[] ah = actual.h(actualRow);
        double[] ec = expected.c(expectedRow);
        double[] ac = actual.c(actualRow);
        for (int unit = 0; unit < eh.length; unit++) {
            String at = where + ", state of row " + actualRow + " (expected from row " + expectedRow + "), unit "
                    + unit;
            value(at + ", h", eh[unit], ah[unit]);
            value(at + ", c", ec[unit], ac[unit]);
        }
    }

    public void states(String where, LstmState expected, LstmState actual) {
        if (expected.rows() != actual.rows()) {
            throw new AssertionError("[" + engine + "] " + where + ": state of " + expected.rows()
                    + " rows expected, got " + actual.rows());
        }
        for (int row = 0; row < expected.rows(); row++) {
            stateRow(where, expected, row, actual, row);
        }
    }

    public void weights(String where, LstmWeights expected, LstmWeights actual) {
        double[] e = expected.flatten();
        double[] a = actual.flatten();
        for (int k = 0; k < e.length; k++) {
            value(where + ", weight flat[" + k + "]", e[k], a[k]);
        }
    }

    public void value(String where, double expected, double actual) {
        double allowed = scale == Scale.ABSOLUTE ? tolerance
                : tolerance * Math.max(1, Math.max(Math.abs(expected), Math.abs(actual)));
        if (!(Math.abs(expected - actual) <= allowed)) {
            throw new AssertionError("[" + engine + "] " + where + ": expected " + expected + " but was "
                    + actual + " (difference " + Math.abs(expected - actual) + " > tolerance " + allowed + ")");
        }
    }
}
