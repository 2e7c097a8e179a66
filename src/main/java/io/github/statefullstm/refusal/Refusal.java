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

    /**
     * A refused argument that still knows which parameter it was, so that a caller who set it under another name (the
     * main job's {@code --batch-size} for a layout's {@code batchSize}) can say it in that name.
     */
    public static final class Refused extends IllegalArgumentException {

        private final String parameter;
        private final transient Object value;
        private final String rule;

        Refused(String parameter, Object value, String rule) {
            super(describe(parameter, value, rule));
            this.parameter = parameter;
            this.value = value;
            this.rule = rule;
        }

        /** The parameter as the refusing code names it. */
        public String parameter() {
            return parameter;
        }

        /** The same refusal, naming the parameter as the caller knows it. */
        public String describedAs(String callersName) {
            return describe(callersName, value, rule);
        }
    }

    /** The message of a refusal. */
    public static String describe(String parameter, Object value, String rule) {
        return parameter + " = " + value + ": " + rule;
    }

    /** Throws {@link Refused}, an {@link IllegalArgumentException} with that message, when the rule does not hold. */
    public static void require(boolean holds, String parameter, Object value, String rule) {
        if (!holds) {
            throw refused(parameter, value, rule);
        }
    }

    /**
     * The refusal itself, for a caller to throw once it knows the rule is broken: where a check runs for every row of
     * every batch, its message is then built only for the refusal, not for every check that passes.
     */
    public static Refused refused(String parameter, Object value, String rule) {
        return new Refused(parameter, value, rule);
    }

    public static void requirePositive(String parameter, int value) {
        require(value > 0, parameter, value, "must be > 0");
    }
}
