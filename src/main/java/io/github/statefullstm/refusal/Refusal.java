package io.github.statefullstm.refusal;

/**
 * Words every refused argument of the project the same way: the parameter, the value it had, and the rule it broke
 * ({@code "window length (w) = 21: must be in [1, T = 20]"}), so that a caller, or a person at the terminal, learns
 * what to change without reading a stack trace. One home, so that the library's refusals and the main job's read
 * alike.
 */
public final class Refusal {

    private Refusal() {
    }

    /** The message of a refusal. */
    public static String describe(String parameter, Object value, String rule) {
        return parameter + " = " + value + ": " + rule;
    }

    /** Throws {@link IllegalArgumentException} with that message when the rule does not hold. */
    public static void require(boolean holds, String parameter, Object value, String rule) {
        if (!holds) {
            throw new IllegalArgumentException(describe(parameter, value, rule));
        }
    }

    public static void requirePositive(String parameter, int value) {
        require(value > 0, parameter, value, "must be > 0");
    }
}
