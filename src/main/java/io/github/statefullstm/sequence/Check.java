package io.github.statefullstm.sequence;

/**
 * Words every refused argument of this package the same way: the parameter, the value it had, and the rule it
 * broke, so a caller learns what to change without reading a stack trace.
 */
final class Check {

    private Check() {
    }

    static void that(boolean holds, String parameter, Object value, String rule) {
        if (!holds) {
            throw new IllegalArgumentException(parameter + " = " + value + ": " + rule);
        }
    }

    static void positive(String parameter, int value) {
        that(value > 0, parameter, value, "must be > 0");
    }
}
