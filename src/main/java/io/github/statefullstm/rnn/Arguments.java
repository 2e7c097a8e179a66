package io.github.statefullstm.rnn;

/** The one place that words a refused argument, so every message names the parameter, its value and the rule. */
final class Arguments {

    private Arguments() {
    }

    static void require(boolean holds, String parameter, Object value, String rule) {
        if (!holds) {
            throw new IllegalArgumentException(parameter + " = " + value + ": " + rule);
        }
    }
}
