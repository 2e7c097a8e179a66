package io.github.statefullstm.kata;

import io.github.statefullstm.spec.SpecDocument;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The kata's ordered path, as the post tells its story: each step is a set of spec claims, the code that makes them
 * true (the regions marked {@code // kata:begin <step id>} in {@code src/main/java}), and three hints per claim,
 * from a direction to nearly the answer. The hints are written in {@code specs/}, under the claims they explain
 * ({@code **Kata hints, step N.**}), where whoever edits a claim sees them; the steps and their claims are here. The
 * runner, the workspace and the proof all read the path here.
 */
final class KataPath {

    /** Hints come in three levels, as in java-koans: a direction, the post's own words, nearly the answer. */
    static final int HINT_LEVELS = 3;
    /**
     * How long a step may run before the kata stops it: the plain-Java steps' tests take seconds on the solution,
     * the DL4J step's tens of seconds with ND4J's start; each limit is at least {@link #LIMIT_MARGIN} times the step's
     * slowest run in the step-times benchmark (reports/kata-steps.md, KATA-9), so a step that reaches it is stuck,
     * not slow.
     */
    static final Duration PLAIN_JAVA_LIMIT = Duration.ofSeconds(60);
    static final Duration ND4J_LIMIT = Duration.ofSeconds(240);
    /** How many times its slowest measured run a step's limit is at least: room for a machine five times slower. */
    static final int LIMIT_MARGIN = 5;

    /**
     * One step.
     *
     * @param id     the name its regions carry in {@code // kata:begin <id>}
     * @param title  what the step is about, in the post's terms
     * @param task   what to write, in one sentence; the methods come from the marked regions
     * @param nd4j   whether its tests need ND4J; steps that do not never load it, so their feedback comes fast
     * @param claims the claims its code makes true, in the order they are shown
     */
    record Step(int number, String id, String title, String task, boolean nd4j, List<String> claims) {

        /** For every claim of the step, the hints the spec writes under it for this step, in order; none if none. */
        Map<String, List<String>> hints() {
            Map<String, List<String>> hints = new LinkedHashMap<>();
            for (String claim : claims) {
                hints.put(claim, Optional.ofNullable(SpecHints.BY_CLAIM.get(claim))
                        .map(byStep -> byStep.getOrDefault(number, List.of())).orElse(List.of()));
            }
            return hints;
        }

        String label() {
            return "step " + number + " of " + STEPS.size();
        }

        /** How long its tests may run before the kata stops them. */
        Duration limit() {
            return nd4j ? ND4J_LIMIT : PLAIN_JAVA_LIMIT;
        }
    }

    /** The hints written in {@code specs/}, read once: claim -> step number -> hints. */
    private static final class SpecHints {
        static final Map<String, Map<Integer, List<String>>> BY_CLAIM = SpecDocument.all().stream()
                .flatMap(document -> document.claims().stream())
                .collect(Collectors.toMap(SpecDocument.SpecClaim::id, SpecDocument.SpecClaim::kataHints));
    }

    private KataPath() {
    }

    static List<Step> steps() {
        return STEPS;
    }

    static Optional<Step> step(int number) {
        return number >= 1 && number <= STEPS.size() ? Optional.of(STEPS.get(number - 1)) : Optional.empty();
    }

    static Optional<Step> stepWithId(String id) {
        return STEPS.stream().filter(step -> step.id().equals(id)).findFirst();
    }

    /** What to read once every step passes. */
    static final String READ_NEXT = """
            Every step passes: you have rewritten the core of the library, and its own claims agree.
            Read next:
              reports/README.md         the post's experiments, trained on this code, beside the post's figures
              reports/dl4j-tbptt.md     why DL4J's own truncated BPTT cannot learn the post's task, and a fix
              specs/README.md           every claim of the project, and the tests that hold it
            """;

    private static final List<Step> STEPS = List.of(
            new Step(1, "windows", "Windows, as the post's prepare_sequences",
                    "cut every sequence into windows of w steps, one every s steps, each with its sequence's target",
                    false, List.of("WIN-1", "WIN-2", "WIN-3", "WIN-4")),
            new Step(2, "per-step", "One step at a time",
                    "turn every sequence into one-step samples, and mark where the state must be reset",
                    false, List.of("STEP-1", "STEP-2", "STEP-3")),
            new Step(3, "plans", "Batch plans",
                    "lay samples out in batches: stateless, stateful in order, one step at a time, and"
                            + " sequences kept on their rows",
                    false, List.of("PLAN-1", "PLAN-2", "PLAN-4")),
            new Step(4, "session-parallel", "Sequences of unequal length, side by side",
                    "lay sequences of their own lengths out one step per batch, each row a queue of whole sequences"
                            + " that resets alone when it takes its next one",
                    false, List.of("PLAN-5")),
            new Step(5, "lineage", "State lineage: row i goes to row i",
                    "say where each row's initial state comes from",
                    false, List.of("LINE-1", "LINE-2", "LINE-3", "LINE-4", "LINE-5", "LINE-7")),
            new Step(6, "ceiling", "The information ceiling",
                    "compute the best accuracy any model can reach on a plan, exactly and in closed form",
                    false, List.of("CEIL-1", "CEIL-2", "CEIL-3", "CEIL-4", "CEIL-6")),
            new Step(7, "runner", "Running a plan through a model",
                    "feed a plan's batches to a model in order, with its resets, and evaluate without"
                            + " disturbing the carried state",
                    false, List.of("TRAIN-1", "TRAIN-2", "TRAIN-3", "TRAIN-5", "LINE-6")),
            new Step(8, "cell", "The LSTM cell's equations",
                    "compute one step of the cell: the four gates, the new cell state and the new output",
                    false, List.of("REF-6", "REF-9")),
            new Step(9, "bookkeeping", "A Keras model's state bookkeeping, for every engine",
                    "say what a batch starts from, what it leaves behind, and what a reset of every row or of one"
                            + " does, once for both engines",
                    false, List.of("STATE-1", "STATE-2", "STATE-3", "STATE-4", "STATE-6", "STATE-7", "REF-1",
                            "ASK-4")),
            new Step(10, "hand-over", "Handing a row over to a batch of one",
                    "give a model of another batch size the trained weights, and a batch of one row i's carried state,"
                            + " so that it goes on with row i's stream",
                    false, List.of("ASK-1")),
            new Step(11, "dl4j", "The DL4J engine's part of Keras' stateful training",
                    "run libnd4j's kernels from the state the model gives, send the logits' errors back through the"
                            + " dense head into the kernels, and make one Adam step per update, counted",
                    true, List.of("DL4J-2", "DL4J-3", "DL4J-4", "DL4J-9", "STATE-2", "STATE-6")));
}
