package io.github.statefullstm.rnn;

/**
 * Compares two engines' (or two runs') numbers within a {@link Tolerance}, and says where they disagree: which row,
 * which batch, which step, which unit, which weight, and what the tolerance there was and why.
 */
public final class Agreement {

    private final Tolerance tolerance;
    /** Which engine is being checked: the same inherited property runs for every engine under one class name. */
    private final String engine;
    /** The largest share of its tolerance any difference used so far: how much room the bounds leave. */
    private double largestShare;

    private Agreement(Tolerance tolerance, String engine) {
        this.tolerance = tolerance;
        this.engine = engine;
    }

    /** Agreement to the last bit. */
    public static Agreement exact(String engine, String reason) {
        return new Agreement(Tolerance.exact(reason), engine);
    }

    public static Agreement within(Tolerance tolerance, String engine) {
        return new Agreement(tolerance, engine);
    }

    public void outputs(String where, double[] expected, int expectedRow, double[] actual, int actualRow) {
        check(where + ", output of row " + actualRow + " (expected from row " + expectedRow + ")",
                expected[expectedRow], actual[actualRow], tolerance.output(expectedRow));
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

    /** Row {@code actualRow}'s state against {@code expectedRow}'s: h of every layer, and c where the cell has one. */
    public void stateRow(String where, LstmState expected, int expectedRow, LstmState actual, int actualRow) {
        double[] eh = expected.h(expectedRow);
        double[] ah = actual.h(actualRow);
        double[] ec = expected.c(expectedRow);
        double[] ac = actual.c(actualRow);
        if (eh.length != ah.length || ec.length != ac.length) {
            throw new AssertionError("[" + engine + "] " + where + ": a state of " + eh.length + " h and " + ec.length
                    + " c values per row expected, got " + ah.length + " and " + ac.length);
        }
        for (int unit = 0; unit < eh.length; unit++) {
            String at = where + ", state of row " + actualRow + " (expected from row " + expectedRow + "), "
                    + unitOf(expected, unit);
            check(at + ", h", eh[unit], ah[unit], tolerance.h(expectedRow, unit));
            if (unit < ec.length) {
                check(at + ", c", ec[unit], ac[unit], tolerance.c(expectedRow, unit));
            }
        }
    }

    /** Where a value of a row's state sits: its unit, and its layer when there are several. */
    private static String unitOf(LstmState state, int index) {
        return state.layers() == 1 ? "unit " + index
                : "layer " + index / state.units() + ", unit " + index % state.units();
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

    /**
     * Compares every weight the tolerance determines; returns how many it could not (their derivative passes a kink
     * that rounding straddles), so that a property can count them and refuse a try that checked nothing.
     */
    public int weights(String where, LstmWeights expected, LstmWeights actual) {
        double[] e = expected.flatten();
        double[] a = actual.flatten();
        int undetermined = 0;
        for (int k = 0; k < e.length; k++) {
            if (!tolerance.determined(k)) {
                undetermined++;
                continue;
            }
            check(where + ", weight flat[" + k + "]", e[k], a[k], tolerance.weight(k));
        }
        return undetermined;
    }

    public void loss(String where, double expected, double actual) {
        check(where + ", loss", expected, actual, tolerance.loss());
    }

    public void accuracy(String where, double expected, double actual) {
        check(where + ", accuracy", expected, actual, tolerance.accuracy());
    }

    /**
     * The largest share of its tolerance any difference checked so far took, as a bucket for statistics: a bound
     * that is used up to the last percent is one rounding away from a false alarm.
     */
    public String largestShareOfTolerance() {
        return largestShare == 0 ? "none (equal)" : largestShare < 0.01 ? "under 1 %" : largestShare < 0.1
                ? "1 to 10 %" : largestShare < 0.5 ? "10 to 50 %" : "50 % or more";
    }

    private void check(String where, double expected, double actual, double allowed) {
        double difference = Math.abs(expected - actual);
        if (allowed > 0) {
            largestShare = Math.max(largestShare, difference / allowed);
        }
        if (!(Math.abs(expected - actual) <= allowed)) {
            throw new AssertionError("[" + engine + "] " + where + ": expected " + expected + " but was " + actual
                    + " (difference " + Math.abs(expected - actual) + " > tolerance " + allowed + ", from "
                    + tolerance.reason() + ")");
        }
    }
}
