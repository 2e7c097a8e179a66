package io.github.statefullstm.kata;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The kata's ordered path, as the post tells its story: each step is a set of spec claims, the code that makes them
 * true (the regions marked {@code // kata:begin <step id>} in {@code src/main/java}), and three hints per claim,
 * from a direction to nearly the answer. The path is data: the runner, the workspace and the proof all read it here.
 */
final class KataPath {

    /** Hints come in three levels, as in java-koans: a direction, the post's own words, nearly the answer. */
    static final int HINT_LEVELS = 3;
    /**
     * How long a step may run before the kata stops it: the plain-Java steps' tests take seconds on the solution,
     * the DL4J step's tens of seconds with ND4J's start; the proof (KATA-9) checks that each stays under a fifth of
     * its limit, so a step that reaches it is stuck, not slow.
     */
    static final Duration PLAIN_JAVA_LIMIT = Duration.ofSeconds(60);
    static final Duration ND4J_LIMIT = Duration.ofSeconds(240);

    /**
     * One step.
     *
     * @param id     the name its regions carry in {@code // kata:begin <id>}
     * @param title  what the step is about, in the post's terms
     * @param task   what to write, in one sentence; the methods come from the marked regions
     * @param nd4j   whether its tests need ND4J; steps that do not never load it, so their feedback comes fast
     * @param hints  for every claim of the step, its three hints, in order
     */
    record Step(int number, String id, String title, String task, boolean nd4j, Map<String, List<String>> hints) {

        /** The step's claims, in the order its hints are written. */
        List<String> claims() {
            return List.copyOf(hints.keySet());
        }

        String label() {
            return "step " + number + " of " + STEPS.size();
        }

        /** How long its tests may run before the kata stops them. */
        Duration limit() {
            return nd4j ? ND4J_LIMIT : PLAIN_JAVA_LIMIT;
        }
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
                    false, ordered(
                            "WIN-1", List.of(
                                    "A window needs w steps from its start; count the starts that leave room.",
                                    "The post: \"for window_start in range(0, len_seq - window_length + 1)\", with a"
                                            + " stride of 1.",
                                    "windowsPerSequence returns (T - w) / s + 1 with integer division; windows makes"
                                            + " that many per sequence."),
                            "WIN-2", List.of(
                                    "A window is the slice of its sequence that starts at its own start, w steps"
                                            + " long, and it keeps its sequence's target.",
                                    "The post: \"windows_y.append(y_train[i]) #always same target!!\"",
                                    "new Sample(sequence, start, Arrays.copyOfRange(steps, start, start + length),"
                                            + " task.target(sequence)) with start = k * stride."),
                            "WIN-3", List.of(
                                    "The order of the list is the order in which the post feeds the windows.",
                                    "The post fits with shuffle=False: windows come as prepare_sequences appends"
                                            + " them, sequence after sequence.",
                                    "Loop over sequences outside, over offsets k = 0, 1, ... inside, and add each"
                                            + " window to the list in that order."),
                            "WIN-4", List.of(
                                    "Windows that together cover every step must rebuild their sequences exactly:"
                                            + " check start and end of each window.",
                                    "The post's windows overlap: window k holds steps k .. k + w - 1.",
                                    "The window at offset k starts at k * stride and holds steps start .. start +"
                                            + " length - 1, nothing more."))),
            new Step(2, "per-step", "One step at a time",
                    "turn every sequence into one-step samples, and mark where the state must be reset",
                    false, ordered(
                            "STEP-1", List.of(
                                    "A sequence of length T becomes T samples of one step each.",
                                    "The post: \"split each sequence Xi (of length 20) into elements of size 1"
                                            + " and feed them to the LSTM ... For each element, we associate"
                                            + " the related target Yi.\"",
                                    "For each sequence and each t: new Sample(sequence, t, new double[]"
                                            + " {task.step(sequence, t)}, task.target(sequence))."),
                            "STEP-2", List.of(
                                    "Mark a reset after the last step of every sequence, and nowhere else.",
                                    "The post: \"Once the sequence is over, we manually reset the states of the"
                                            + " LSTM to have a clean setup for the next one.\"",
                                    "resetAfter[i] is true exactly when sample i is step T - 1 of its"
                                            + " sequence."),
                            "STEP-3", List.of(
                                    "The feed must be reversible: toTask() reads the steps between two resets"
                                            + " as one sequence.",
                                    "The post: \"The operation is not destructive but reversible.\"",
                                    "Samples go sequence by sequence, step by step, with the reset marker on"
                                            + " the last step of each."))),
            new Step(3, "plans", "Batch plans",
                    "lay samples out in batches: stateless, stateful in order, one step at a time, and"
                            + " sequences kept on their rows",
                    false, ordered(
                            "PLAN-1", List.of(
                                    "Every sample appears in exactly one row of exactly one batch.",
                                    "The post fits with shuffle=False: samples in order, batch_size at a time.",
                                    "Batch k holds samples k * B .. (k + 1) * B - 1; the last stateless batch"
                                            + " may be shorter. The side-by-side plan puts chunk j of sequence"
                                            + " g * B + i on row i of batch j of group g."),
                            "PLAN-2", List.of(
                                    "A stateful batch always has exactly B rows.",
                                    "The post builds its stateful model with batch_input_shape=(batch_size,"
                                            + " ...): the batch size is part of the model.",
                                    "Stateful plans make sampleCount / B batches of B rows; each group of the"
                                            + " side-by-side plan makes one batch of B rows per chunk."),
                            "PLAN-4", List.of(
                                    "A stateful plan resets where its rows start a history afresh, and nowhere"
                                            + " else.",
                                    "The post: \"Once the sequence is over, we manually reset the states\"; side"
                                            + " by side, \"the full sequence is preserved through the batches\".",
                                    "perStep: resetBefore[i] = feed.resetAfter(i - 1) for i >= 1; sideBySide:"
                                            + " row i of batch j of group g holds chunk j of sequence g * B + i,"
                                            + " reset when j == 0; statefulInOrder: reset before batch 0 only."))),
            new Step(4, "lineage", "State lineage: row i goes to row i",
                    "say where each row's initial state comes from",
                    false, ordered(
                            "LINE-1", List.of(
                                    "A row's state can only come from the same row of the batch before.",
                                    "The post: \"the states of the current batch will be propagated to the next"
                                            + " batch (at index i).\"",
                                    "predecessor(k, i) is (k - 1, i), unless the plan is stateless, batch k"
                                            + " resets, or k is 0."),
                            "LINE-2", List.of(
                                    "In a stateless plan nothing is carried: no slot has a predecessor.",
                                    "The post: \"sequences Y[1] and Y[2] will never have something in common"
                                            + " (whatever stateful=False or stateful=True).\"",
                                    "Return Optional.empty() when !plan.stateful()."),
                            "LINE-3", List.of(
                                    "Follow the post's stateful windows: what does row i hold in the next"
                                            + " batch?",
                                    "The post's stateful windows: \"Activating the statefulness of the model does"
                                            + " not help at all\".",
                                    "With B = 110 windows in order, row i of the next batch holds a window of"
                                            + " another sequence, 10 sequences on: the lineage must link them."),
                            "LINE-4", List.of(
                                    "In the side-by-side plan a sequence stays on its row from reset to"
                                            + " reset.",
                                    "The post: \"enforce that the full sequence is preserved through the"
                                            + " batches\".",
                                    "A reset before the batch (batch.resetBefore()) means no predecessor;"
                                            + " otherwise (k - 1, i)."),
                            "LINE-5", List.of(
                                    "One step at a time, a step's history is its sequence so far.",
                                    "The post: \"because the batch_size=1, we are sure that the state of the"
                                            + " last element will be used as input to the current element.\"",
                                    "predecessor() is all history() needs: no predecessor at a reset or at batch"
                                            + " 0, (k - 1, i) otherwise."))),
            new Step(5, "ceiling", "The information ceiling",
                    "compute the best accuracy any model can reach on a plan, exactly and in closed form",
                    false, ordered(
                            "CEIL-1", List.of(
                                    "Samples with the same history since the last zero state get the same"
                                            + " answer: group them, and count each group's majority.",
                                    "The post's windowed runs sit at 0.5455: a window that misses step 0 is all"
                                            + " zeros, whatever its target.",
                                    "Walk the plan batch by batch; per row, continue the node its lineage"
                                            + " predecessor left (lineage.predecessor(slot), before[p.row()]) or"
                                            + " start from EMPTY; add the sample's steps; keep the node in"
                                            + " carried[row]; count targets per final node in targetsByHistory;"
                                            + " reachable sums Math.max(counts[0], counts[1])."),
                            "CEIL-2", List.of(
                                    "Of the m windows of a sequence only the first holds step 0.",
                                    "The post's stateless windows: validation accuracy 0.5455, which is 6/11.",
                                    "(n1 + max(m * n0, (m - 1) * n1)) / (m * N) with m = (T - w) / s + 1,"
                                            + " as a Ceiling(reachable, samples)."),
                            "CEIL-3", List.of(
                                    "A ceiling is a count of right answers: between the majority and all.",
                                    "The post's stateless runs sit near 0.5: no worse than always saying the"
                                            + " majority class.",
                                    "Count samples, not batches, and count each sample once."),
                            "CEIL-4", List.of(
                                    "A history that reaches step 0 tells the targets apart.",
                                    "The post, one step at a time, stateful: test accuracy 1.0.",
                                    "Carry the trie node per row from batch to batch where the lineage links the"
                                            + " row to the batch before: carried[row] = node."))),
            new Step(6, "runner", "Running a plan through a model",
                    "feed a plan's batches to a model in order, with its resets, and evaluate without"
                            + " disturbing the carried state",
                    false, ordered(
                            "TRAIN-1", List.of(
                                    "One model call per batch, in the plan's order, with resetStates() where"
                                            + " the plan resets.",
                                    "The post: \"model.reset_states()\" after each sequence, and"
                                            + " \"train_on_batch\" for every element.",
                                    "For each batch: if plan.stateful() && lineage.startsAfresh(k),"
                                            + " model.resetStates(); build the rows' steps and targets; call"
                                            + " trainOnBatch or testOnBatch."),
                            "TRAIN-2", List.of(
                                    "The epoch's figures are averages over rows, not over batches.",
                                    "Keras prints running averages, weighted by the size of each batch.",
                                    "Keep sums of loss * rows and accuracy * rows, divide by the rows seen;"
                                            + " report to the listener after every batch."),
                            "TRAIN-3", List.of(
                                    "Evaluation runs the model forward, which moves a stateful model's state:"
                                            + " put it back.",
                                    "The post evaluates in the middle of training, between epochs.",
                                    "Take model.states() before, run, then model.resetStates(carried) when the"
                                            + " model is stateful."),
                            "TRAIN-5", List.of(
                                    "Keras' fit() and evaluate() never reset: continuing runs skip the reset before"
                                            + " their first batch, and leave the state where their last batch left"
                                            + " it.",
                                    "The post's stateful windows go through model.fit(..., validation_data=...) and"
                                            + " model.evaluate(...): no reset_states() anywhere.",
                                    "Reset before batch k only if plan.stateful() && lineage.startsAfresh(k) &&"
                                            + " !(continuing && k == 0); continuing evaluation puts nothing back."),
                            "LINE-6", List.of(
                                    "Where a batch's state comes from is the lineage's to say: the runner asks it,"
                                            + " on every layout, resets anywhere included.",
                                    "The post's resets are its own choice of layout; a plan may reset before any"
                                            + " batch, and the runner must follow it there too.",
                                    "Ask plan.lineage().startsAfresh(k) before each batch of a stateful plan, not"
                                            + " batch.resetBefore() or the batch's index."))),
            new Step(7, "cell", "The LSTM cell's equations",
                    "compute one step of the cell: the four gates, the new cell state and the new output",
                    false, ordered(
                            "REF-6", List.of(
                                    "The pre-activations z are given in blocks i, f, c, o of units each; apply"
                                            + " the gate function to i, f, o and tanh to c.",
                                    "Keras' LSTM: c = f * c_prev + i * tanh(z_c); h = o * tanh(c).",
                                    "For each unit j: in = gate(z[j]), forget = gate(z[u + j]), candidate ="
                                            + " tanh(z[2u + j]), out = gate(z[3u + j]); the new c and h go to"
                                            + " tape.c[next + j] and tape.h[next + j]."),
                            "REF-9", List.of(
                                    "The backward pass is given, and reads the cell's gates from the tape: every"
                                            + " step must leave them there.",
                                    "Back-propagation through time needs the forward pass's intermediate values,"
                                            + " step by step.",
                                    "Store in, forget, candidate and out at tape.gates[g + j], tape.gates[g + u +"
                                            + " j], tape.gates[g + 2 * u + j] and tape.gates[g + 3 * u + j]."))),
            new Step(8, "bookkeeping", "A Keras model's state bookkeeping, for every engine",
                    "say what a batch starts from, what it leaves behind, and what a reset does, once for both"
                            + " engines",
                    false, ordered(
                            "STATE-1", List.of(
                                    "Each row starts from its own carried state, and leaves its own.",
                                    "The post: \"Within a batch, each sequence has its OWN states.\"",
                                    "carriedState() hands the engine carriedH and carriedC as they are, row r"
                                            + " in row r; carry() puts row r's final state back in carriedH[r] and"
                                            + " carriedC[r]: never another row's."),
                            "STATE-2", List.of(
                                    "After a stateful batch, row i's final state is row i's next start; and"
                                            + " resetStates(state) sets both h and c of every row.",
                                    "The post: \"the states of the current batch will be propagated to the next"
                                            + " batch (at index i).\"",
                                    "carriedState(): new LstmState(carriedH, carriedC); carry(): carriedH[row] ="
                                            + " finalState.h(row), carriedC[row] = finalState.c(row);"
                                            + " resetStates(initial) sets carriedH[row] and carriedC[row] from"
                                            + " initial.h(row) and initial.c(row)."),
                            "STATE-3", List.of(
                                    "A reset makes the next batch start from zeros, on every row.",
                                    "The post: \"we manually reset the states of the LSTM to have a clean"
                                            + " setup for the next one.\"",
                                    "resetStates() fills every row of carriedH and of carriedC with 0."),
                            "STATE-4", List.of(
                                    "Feeding a sequence in chunks must equal feeding it whole: the carried"
                                            + " state is the whole link between chunks.",
                                    "The post: \"It's important that X[0:9] comes before X[10:19] to keep the"
                                            + " time axis value.\"",
                                    "Carry both h and c, exactly as the last step left them: carry() copies"
                                            + " finalState.h(row) into carriedH[row] and finalState.c(row) into"
                                            + " carriedC[row], and carriedState() hands them to the next batch."),
                            "STATE-6", List.of(
                                    "Training carries the state its forward pass produced, and the gradient"
                                            + " treats the incoming state as a constant.",
                                    "The post: \"The gradient is always computed at the end of each batch.\"",
                                    "trainOnBatch carries (carry()) the final state of its forward pass, made"
                                            + " with the weights before the update; gradientOnBatch keeps nothing."),
                            "STATE-7", List.of(
                                    "A refused call changes nothing: the checks come before any state moves.",
                                    "Keras raises before it runs a batch of the wrong shape.",
                                    "Leave the argument checks where they are, before your code."),
                            "REF-1", List.of(
                                    "The gradient from a carried state must treat that state as a constant.",
                                    "The post: \"The gradient is always computed at the end of each batch.\"",
                                    "The backward pass is given; it needs carriedState() to hand the forward pass"
                                            + " the carried state, which nothing changes until carry()."))),
            new Step(9, "dl4j", "The DL4J engine's part of Keras' stateful training",
                    "run libnd4j's kernels from the state the model gives, send the logits' errors back through the"
                            + " dense head into the kernels, and make one Adam step per update, counted",
                    true, ordered(
                            "DL4J-2", List.of(
                                    "The kernels must start from the state the model hands forward(), the carried"
                                            + " one or zeros.",
                                    "The post: \"the states of the current batch will be propagated to the next"
                                            + " batch (at index i).\"",
                                    "forward(): cells.forward(inputs, kernelWidth(start.h()),"
                                            + " kernelWidth(start.c()))."),
                            "DL4J-3", List.of(
                                    "The gradient flows from each row's logit error back through the dense head"
                                            + " into the LSTM, and stops at the incoming state.",
                                    "The post: \"The gradient is always computed at the end of each batch.\"",
                                    "backward(): for each row, error = logitErrors[row]; biasGradient += error;"
                                            + " per unit, hError = error * denseKernel[unit] and kernelGradient"
                                            + " += error * lastH[...]."),
                            "DL4J-4", List.of(
                                    "One Adam step per update, and Adam counts the updates for its bias"
                                            + " correction.",
                                    "Keras' train_on_batch: one update, the loss of the forward pass, the state"
                                            + " from before the update.",
                                    "optimizerStep(): parameters.adamStep(iteration); iteration++."),
                            "DL4J-9", List.of(
                                    "DL4J must agree with the reference: the same outputs, states, gradients and"
                                            + " Adam step.",
                                    "Keras semantics, as the reference engine computes them exactly.",
                                    "The head's errors go to the LSTM as hError[row * kernelUnits + unit] ="
                                            + " error * denseKernel[unit]; one parameters.adamStep(iteration) per"
                                            + " update, then iteration++."),
                            "STATE-2", List.of(
                                    "Row i's final state must become row i's next start, on DL4J too.",
                                    "The post: \"the states of the current batch will be propagated to the next"
                                            + " batch (at index i).\"",
                                    "The model keeps the final state forward() returns; forward() must start"
                                            + " cells.forward from kernelWidth(start.h()) and"
                                            + " kernelWidth(start.c())."),
                            "STATE-6", List.of(
                                    "Training leaves the state its forward pass produced.",
                                    "The post: \"The gradient is always computed at the end of each batch.\"",
                                    "backward() and optimizerStep() change weights and gradients only; the state"
                                            + " comes from forward(), before the update."))));

    /** Keeps the hints in the order written: claims show in that order. */
    private static Map<String, List<String>> ordered(Object... claimsAndHints) {
        java.util.LinkedHashMap<String, List<String>> hints = new java.util.LinkedHashMap<>();
        for (int i = 0; i < claimsAndHints.length; i += 2) {
            @SuppressWarnings("unchecked")
            List<String> levels = (List<String>) claimsAndHints[i + 1];
            hints.put((String) claimsAndHints[i], levels);
        }
        return java.util.Collections.unmodifiableMap(hints);
    }
}
