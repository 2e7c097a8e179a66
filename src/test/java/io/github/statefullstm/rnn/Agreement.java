package io.github.statefullstm.rnn;

/**
 * Compares two engines' (or two runs') numbers within a tolerance relative to their size, and says where they
 * disagree: which row, which batch, which step, which unit.
 */
final class Agreement {

    private final double tolerance;
    /** Which engine is being checked: the same inherited property runs for every engine under one class name. */
    private final String engine;

    Agreement(double tolerance, String engine) {
        this.tolerance = tolerance;
        this.engine = engine;
    }

    void outputs(String where, double[] expected, int expectedRow, double[] actual, int actualRow) {
        value(where + ", output of row " + actualRow + " (expected from row " + expectedRow + ")",
                expected[expectedRow], actual[actualRow]);
    }

    void outputs(String where, double[] expected, double[] actual) {
        if (expected.length != actual.length) {
            throw new AssertionError("[" + engine + "] " + where + ": " + expected.length + " outputs expected, got "
                    + actual.length);
        }
        for (int row = 0; row < expected.length; row++) {
            outputs(where, expected, row, actual, row);
        }
    }

    void stateRow(String where, LstmState expected, int expectedRow, LstmState actual, int actualRow) {
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

    void states(String where, LstmState expected, LstmState actual) {
        if (expected.rows() != actual.rows()) {
            throw new AssertionError("[" + engine + "] " + where + ": state of " + expected.rows()
                    + " rows expected, got " + actual.rows());
        }
        for (int row = 0; row < expected.rows(); row++) {
            stateRow(where, expected, row, actual, row);
        }
    }

    void weights(String where, LstmWeights expected, LstmWeights actual) {
        double[] e = expected.flatten();
        double[] a = actual.flatten();
        for (int k = 0; k < e.length; k++) {
            value(where + ", weight flat[" + k + "]", e[k], a[k]);
        }
    }

    void value(String where, double expected, double actual) {
        double allowed = tolerance * Math.max(1, Math.max(Math.abs(expected), Math.abs(actual)));
        if (!(Math.abs(expected - actual) <= allowed)) {
            throw new AssertionError("[" + engine + "] " + where + ": expected " + expected + " but was "
                    + actual + " (difference " + Math.abs(expected - actual) + " > tolerance " + allowed + ")");
        }
    }
}
