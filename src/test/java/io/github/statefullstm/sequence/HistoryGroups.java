package io.github.statefullstm.sequence;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The information ceiling computed the slow way, as its definition says, for the properties to hold the fast one to:
 * each answer grouped by the explicit list of steps read since the last zero state up to its step, and the best any
 * answer function over those groups can do, by majority and by trying every function.
 */
final class HistoryGroups {

    /** Above this many distinct histories, trying every answer function (2^G of them) is too slow for a property. */
    static final int MAX_FOR_EXHAUSTIVE_SEARCH = 12;

    private HistoryGroups() {
    }

    /** Each answered step's history, the lineage's samples and the own steps up to it, with its targets counted. */
    static Map<List<Double>, long[]> targetsByHistory(List<Sample> samples, BatchPlan plan) {
        Map<List<Double>, long[]> groups = new HashMap<>();
        StateLineage lineage = plan.lineage();
        for (int k = 0; k < plan.batches().size(); k++) {
            for (int row = 0; row < plan.batch(k).size(); row++) {
                List<Integer> history = lineage.history(new StateLineage.Slot(k, row));
                List<Double> read = new ArrayList<>();
                for (int sample : history.subList(0, history.size() - 1)) {
                    for (double step : samples.get(sample).steps()) {
                        read.add(step);
                    }
                }
                Sample own = samples.get(history.get(history.size() - 1));
                for (int t = 0; t < own.length(); t++) {
                    read.add(own.step(t));
                    if (own.answered(t)) {
                        groups.computeIfAbsent(List.copyOf(read), h -> new long[2])[own.target()]++;
                    }
                }
            }
        }
        return groups;
    }

    /** The right answers of the best constant answer per group: its majority. */
    static long bestConstantAnswers(Map<List<Double>, long[]> groups) {
        return groups.values().stream().mapToLong(c -> Math.max(c[0], c[1])).sum();
    }

    /** The right answers of the best of all 2^G answer functions over the groups, tried one by one. */
    static long bestOfEveryAnswerFunction(List<long[]> groups) {
        long best = 0;
        for (int answers = 0; answers < 1 << groups.size(); answers++) {
            long right = 0;
            for (int g = 0; g < groups.size(); g++) {
                right += groups.get(g)[(answers >> g) & 1];
            }
            best = Math.max(best, right);
        }
        return best;
    }
}
