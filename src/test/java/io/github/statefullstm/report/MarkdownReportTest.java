package io.github.statefullstm.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.statefullstm.experiment.EpochRecord;
import io.github.statefullstm.experiment.ExperimentResult;
import io.github.statefullstm.experiment.PostProtocols;
import io.github.statefullstm.sequence.InformationCeiling;
import io.github.statefullstm.spec.Claim;
import io.github.statefullstm.training.Score;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code README.md} says what the experiments produced: every figure of a hand-made run, each a different number, in
 * the table as it was recorded, with the command, the environment, the time to learn and every sweep point.
 */
class MarkdownReportTest {

    private static final Environment HERE = HandMadeRun.HERE;
    private static final RunReport RUN = HandMadeRun.report();

    @Test
    @Claim("REPORT-1")
    void theTableShowsEachExperimentsLastEpochCeilingsAndTime() {
        String table = MarkdownReport.table(RUN);
        assertTrue(table.startsWith("| | run | the post | validation, frozen |"), table);
        assertTrue(table.contains("| C | one step at a time, stateful, batch 1, reset after each sequence, reference | "
                + PostProtocols.perStepStateful().post().figure()
                + " | 0.9950 | 0.9850 | 0.9750 | 0.9950 / 0.9990 | 2 | 7.0 |"), table);
        assertTrue(table.contains("| E | ")
                && table.contains("| 0.6250 | 0.6150 | 0.6050 | 0.9950 / 0.9990 | 1 (stopped) | 2.3 |"), table);
    }

    @Test
    @Claim("EXP-10")
    void kerasOwnFiguresStandBesideTheFrozenOnesWhereThePostRanFit() {
        Score frozen = new Score(0.5, 0.5, 100);
        ExperimentResult b = new ExperimentResult(PostProtocols.windowsStateful(), "reference",
                new InformationCeiling.Ceiling(6, 10), new InformationCeiling.Ceiling(6, 10), List.of(
                new EpochRecord(1, frozen, frozen, frozen, 1, new Score(0.7, 0.5125, 100))), 2, true,
                new Score(0.7, 0.5250, 100));
        String md = MarkdownReport.render(new RunReport("x", HERE, List.of(b), List.of(), 2), "charts");
        assertTrue(md.contains("As Keras' `fit()` computes it, with the state carried from epoch to epoch and through "
                + "each validation pass: validation accuracy 0.5125 after epoch 1; the final `evaluate()`, continuing "
                + "from there: 0.5250."), md);
        String withoutKeras = MarkdownReport.render(RUN, "charts");
        assertFalse(withoutKeras.contains("As Keras' `fit()`"), "no Keras figures where the post did not run fit()");
    }

    @Test
    @Claim("REPORT-1")
    void theMarkdownNamesTheCommandTheEnvironmentTheTimeToLearnAndEverySweepPoint() {
        String md = MarkdownReport.render(RUN, "charts");
        for (String expected : List.of("Produced by `mvn exec:java -Dexec.args=--help` on Java 17, Linux amd64, 2"
                + " cores, DL4J 1.0.0-M2.1, in 42.3 s.", "![every experiment](charts/overview.svg)",
                "### Time to 0.99 validation accuracy",
                "| C | one step at a time, stateful, batch 1, reset after each sequence | 2 | 6.0 |",
                "| C10 | " + PostProtocols.perStepStatefulBatched().title() + " | 1 | 0.5 |",
                "C10 (" + PostProtocols.perStepStatefulBatched().title() + ") reaches it in 0.08 of the time of C ("
                        + PostProtocols.perStepStateful().title() + ")",
                "## C. one step at a time", "The post: " + PostProtocols.perStepStateful().post().figure() + ".",
                "![C](charts/experiment-C-seed-42.svg)", "## stateless windows: accuracy against window length",
                "| 10 | 0.5000 | 0.5375 | 0.5125 | 0.5455 | 12.5 |", "![window-length](charts/window-length.svg)")) {
            assertTrue(md.contains(expected), () -> "README.md lacks \"" + expected + "\":\n" + md);
        }
        String timeToLearn = md.substring(md.indexOf("### Time to"), md.indexOf("## C."));
        assertFalse(timeToLearn.contains("| E |"), "E never learned, so it has no time-to-learn row:\n" + timeToLearn);
        RunReport neverLearned = new RunReport("x", HERE, List.of(RUN.experiments().get(2)), List.of(), 1);
        assertFalse(MarkdownReport.render(neverLearned, "charts").contains("Time to"),
                "no run learned: no time-to-learn section");
    }

    /** F with its per-row resets and without, each ceiling and accuracy a different number. */
    static RunReport sessionParallelRun() {
        ExperimentResult f = lastEpochOf(PostProtocols.sessionParallel(), 0.9950, new InformationCeiling.Ceiling(
                3000, 3000), new InformationCeiling.Ceiling(600, 600));
        ExperimentResult leak = lastEpochOf(PostProtocols.sessionParallelWithoutRowResets(), 0.9125,
                new InformationCeiling.Ceiling(2997, 3000), new InformationCeiling.Ceiling(597, 600));
        return new RunReport("x", HERE, List.of(f, leak), List.of(), 3);
    }

    /** G kept on its rows and stateless, each ceiling and accuracy a different number, answers counted as such. */
    static RunReport targetsAtIntervalsRun() {
        ExperimentResult g = lastEpochOf(PostProtocols.targetsAtIntervals(), 0.9975,
                new InformationCeiling.Ceiling(2000, 2000), new InformationCeiling.Ceiling(400, 400));
        ExperimentResult cut = lastEpochOf(PostProtocols.targetsAtIntervalsStateless(), 0.7425,
                new InformationCeiling.Ceiling(1496, 2000), new InformationCeiling.Ceiling(302, 400));
        return new RunReport("x", HERE, List.of(g, cut), List.of(), 3);
    }

    /** A run of one epoch, its last, with the given frozen validation accuracy and ceilings. */
    private static ExperimentResult lastEpochOf(io.github.statefullstm.experiment.Protocol protocol,
                                                double validation, InformationCeiling.Ceiling training,
                                                InformationCeiling.Ceiling validationCeiling) {
        EpochRecord last = new EpochRecord(protocol.epochs(), new Score(0.25, validation - 0.0125, 3000),
                new Score(0.125, validation - 0.025, 3000), new Score(0.0625, validation, 600), 0.5, null);
        return new ExperimentResult(protocol, "reference", training, validationCeiling, List.of(last), 1.5, true, null);
    }

    @Test
    @Claim("EXP-12")
    void fsRunsWithAndWithoutPerRowResetsStandWithTheirCeilingsAndSayThePostNeverRanThem() {
        String md = MarkdownReport.render(sessionParallelRun(), "charts");
        io.github.statefullstm.experiment.Protocol f = PostProtocols.sessionParallel();
        io.github.statefullstm.experiment.Protocol leak = PostProtocols.sessionParallelWithoutRowResets();
        for (String expected : List.of(
                "| F | " + f.title() + ", reference | " + f.post().figure() + " | 0.9950 | 0.9700 | 0.9825 | "
                        + "1.0000 / 1.0000 | 4 | 1.5 |",
                "| FLEAK | " + leak.title() + ", reference | " + leak.post().figure() + " | 0.9125 | 0.8875 | 0.9000 | "
                        + "0.9950 / 0.9990 | 4 | 1.5 |",
                "## F. " + f.title(), "## FLEAK. " + leak.title(),
                "Setup: 1200 sequences of 10 to 30 steps, a fraction 0.5 of them ones, the first 1000 to train on; "
                        + "LSTM(10) -> Dense(1, sigmoid); 4 epochs; seed 42.",
                "The post: never run: its readers ask it", "![F](charts/experiment-F-seed-42.svg)",
                "![FLEAK](charts/experiment-FLEAK-seed-42.svg)",
                "### Per-row resets, seed 42",
                "With them (F) the frozen model reaches 0.9950 on validation, against a ceiling of 1.0000. Without "
                        + "them (FLEAK) the ceiling of the layout is 0.9950 and the frozen model reaches 0.9125, 0.0825 "
                        + "below that ceiling.")) {
            assertTrue(md.contains(expected), () -> "README.md lacks \"" + expected + "\":\n" + md);
        }
        assertFalse(MarkdownReport.render(RUN, "charts").contains("Per-row resets"),
                "no session-parallel pair, no comparison");
    }

    @Test
    @Claim("EXP-13")
    void gsRunsWithAndWithoutStateStandWithTheirCeilingsOverAnswersAndQuoteThePostsSentence() {
        String md = MarkdownReport.render(targetsAtIntervalsRun(), "charts");
        io.github.statefullstm.experiment.Protocol g = PostProtocols.targetsAtIntervals();
        io.github.statefullstm.experiment.Protocol cut = PostProtocols.targetsAtIntervalsStateless();
        for (String expected : List.of(
                "| G | " + g.title() + ", reference | " + g.post().figure() + " | 0.9975 | 0.9725 | 0.9850 | "
                        + "1.0000 / 1.0000 | 5 | 1.5 |",
                "| GCUT | " + cut.title() + ", reference | " + cut.post().figure() + " | 0.7425 | 0.7175 | 0.7300 | "
                        + "0.7550 / 0.7480 | 5 | 1.5 |",
                "## G. chunks of 10, each sequence kept on its own row, stateful, batch 10, a target every 10 steps",
                "## GCUT. chunks of 10, stateless: each chunk from zero state, batch 10, a target every 10 steps",
                "The post: suggested, never run: \"I think the advantage of subsampling is that you can associate "
                        + "different targets to your sequence (like a many-to-many would do but at specific intervals "
                        + "e.g. every period of length 10, I generate an output)\".",
                "![G](charts/experiment-G-seed-42.svg)", "![GCUT](charts/experiment-GCUT-seed-42.svg)",
                "### A target every 10 steps, seed 42",
                "On chunks of 10 with each sequence kept on its row (G), every answer reads its sequence from step 0: "
                        + "the frozen model answers 0.9975 of the 400 validation targets right, against a ceiling of "
                        + "1.0000. With every chunk from zero state (GCUT), an answer after a sequence's first chunk "
                        + "reads zeros only: the ceiling is 0.7550 and the frozen model reaches 0.7425.")) {
            assertTrue(md.contains(expected), () -> "README.md lacks \"" + expected + "\":\n" + md);
        }
        assertFalse(MarkdownReport.render(RUN, "charts").contains("A target every"),
                "no pair of runs with targets at intervals, no comparison");
        assertFalse(MarkdownReport.render(sessionParallelRun(), "charts").contains("A target every"));
    }

    @Test
    void aBatchOneRunIsComparedWithBatchedRunsOnlyNeverWithItself() {
        ExperimentResult c = RUN.experiments().get(0);
        String alone = MarkdownReport.render(new RunReport("x", HERE, List.of(c), List.of(), 1), "charts");
        assertTrue(alone.contains("| C | " + c.protocol().title() + " | 2 |"),
                "C learned, so it has its row:\n" + alone);
        assertFalse(alone.contains("reaches it in"), "no batched run beside C: nothing to compare\n" + alone);
    }
}
