package io.github.statefullstm.experiment;

import io.github.statefullstm.rnn.Adam;
import io.github.statefullstm.rnn.Cell;
import io.github.statefullstm.rnn.GateActivation;
import io.github.statefullstm.rnn.LstmSpec;
import io.github.statefullstm.spec.Claim;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a protocol says about itself comes from its settings: its title names its window, stride and batch, and the
 * post's figures stand beside it only when its setup is the post's own.
 */
@Label("A protocol describes its own settings")
class ProtocolDescriptionProperties {

    /** One of the post's protocols with some of its settings changed, as the main job's options change them. */
    record Changed(Protocol post, Protocol run) {
        @Override
        public String toString() {
            return run.id() + ": T=" + run.task().length() + ", w=" + run.layout().window() + ", B="
                    + run.layout().batchSize() + ", epochs=" + run.epochs() + ", seed=" + run.task().seed();
        }
    }

    @Provide
    Arbitrary<Changed> changedProtocols() {
        Arbitrary<Protocol> posts = Arbitraries.of(PostProtocols.all());
        return Combinators.combine(posts, Arbitraries.integers().between(10, 40), Arbitraries.integers().between(1, 10),
                Arbitraries.integers().between(1, 128), Arbitraries.integers().between(1, 20), Arbitraries.longs())
                .as((post, anyLength, window, batch, epochs, seed) -> {
                    LayoutSpec layout = post.layout().withBatchSize(batch);
                    // a run with a target period needs a T it divides: 10, 20, 30 or 40 for G's 10
                    int length = post.layout().targetPeriod().isEmpty() ? anyLength
                            : post.layout().targetPeriod().getAsInt() * (1 + anyLength % 4);
                    Protocol run = new Protocol(post.id(), post.task().withSize(post.task().sequences(), length,
                            post.task().trainingSequences()).withSeed(seed),
                            post.layout().kind().cutsWindows() ? layout.withWindow(window) : layout, post.model(),
                            epochs, post.post());
                    return new Changed(post, run);
                });
    }

    @Property
    @Claim("REPORT-2")
    void aTitleNamesTheRunsOwnWindowAndBatch(@ForAll("changedProtocols") Changed c) {
        LayoutSpec layout = c.run().layout();
        Statistics.label("layout").collect(layout.kind());
        String title = c.run().title();
        assertTrue(title.contains("batch " + layout.batchSize()) || title.contains(layout.batchSize()
                + " sequences side by side"), "the batch size in '" + title + "' for " + c);
        if (layout.window() > 1) {
            assertTrue(title.contains("of " + layout.window() + ","), "the window in '" + title + "' for " + c);
        }
        assertTrue(c.run().setup().contains(c.run().task().length() + " steps") && c.run().setup().contains(
                c.run().epochs() + (c.run().epochs() == 1 ? " epoch" : " epochs")), c.run().setup());
    }

    @Example
    @Claim({"REPORT-2", "SHAPE-5"})
    void aSetupNamesItsModelsCellsAndLayers() {
        Protocol c = PostProtocols.perStepStateful();
        LstmSpec post = c.model().lstm();
        assertTrue(c.setup().contains("; LSTM(10) -> Dense(1, sigmoid);"), c.setup());
        assertTrue(c.withLstm(post.withCell(Cell.GRU)).setup().contains("; GRU(10) -> Dense(1, sigmoid);"),
                "a GRU run names its cell");
        assertTrue(c.withLstm(post.withLayers(2).withUnits(4)).setup().contains("; LSTM(4) -> LSTM(4) -> Dense"),
                "a stack names every layer");
    }

    @Property
    @Claim("REPORT-2")
    void thePostsFiguresStandOnlyBesideThePostsOwnSetup(@ForAll("changedProtocols") Changed c) {
        List<String> differences = c.run().differencesFromThePost();
        Statistics.label("the post's setup").collect(differences.isEmpty());
        boolean same = c.run().task().length() == c.post().task().length()
                && c.run().layout().window() == c.post().layout().window()
                && c.run().layout().batchSize() == c.post().layout().batchSize()
                && c.run().epochs() == c.post().epochs();
        assertEquals(same, differences.isEmpty(), "differences " + differences + " for " + c);
        if (same) {
            assertEquals(c.post().post().figure(), c.run().postColumn(), c::toString);
        } else {
            assertTrue(c.run().postColumn().startsWith("not the post's setup"), c.run().postColumn());
            assertTrue(Double.isNaN(c.run().comparablePostValidationAccuracy()), "no chart marker for " + c);
            if (c.run().task().length() != c.post().task().length()) {
                assertTrue(c.run().postColumn().contains("T = " + c.run().task().length() + ", not "
                        + c.post().task().length()), c.run().postColumn());
            }
        }
    }

    @Example
    @Claim("REPORT-2")
    void everySettingThatDiffersFromThePostsIsNamed() {
        Protocol a = PostProtocols.windowsStateless();
        TaskSpec task = a.task();
        LayoutSpec layout = a.layout();
        LstmSpec lstm = a.model().lstm();
        GateActivation posts = lstm.gateActivation();
        GateActivation other = posts == GateActivation.SIGMOID ? GateActivation.HARD_SIGMOID : GateActivation.SIGMOID;
        Map<String, Protocol> changed = new LinkedHashMap<>();
        changed.put("sequences = 1300, not 1200", a.withTask(task.withSize(1300, task.length(),
                task.trainingSequences())));
        changed.put("T = 30, not 20", a.withTask(task.withSize(task.sequences(), 30, task.trainingSequences())));
        changed.put("training sequences = 900, not 1000", a.withTask(task.withSize(task.sequences(), task.length(),
                900)));
        changed.put("fraction of ones = 0.25, not 0.5", a.withTask(task.withFraction(0.25)));
        changed.put("layout = WINDOWS_STATEFUL, not WINDOWS_STATELESS", a.withLayout(new LayoutSpec(
                Layout.WINDOWS_STATEFUL, layout.window(), layout.stride(), layout.batchSize())));
        changed.put("window = 7, not 10", a.withLayout(layout.withWindow(7)));
        changed.put("stride = 2, not 1", a.withLayout(new LayoutSpec(layout.kind(), layout.window(), 2,
                layout.batchSize())));
        changed.put("batch = 32, not 64", a.withLayout(layout.withBatchSize(32)));
        changed.put("epochs = 3, not 15", a.withEpochs(3));
        changed.put("units = 4, not 10", a.withLstm(new LstmSpec(1, 4, posts)));
        changed.put("gates = " + other + ", not " + posts, a.withLstm(new LstmSpec(1, lstm.units(), other)));
        changed.put("cell = gru, not lstm", a.withLstm(lstm.withCell(Cell.GRU)));
        changed.put("layers = 2, not 1", a.withLstm(lstm.withLayers(2)));
        changed.put("learning rate = 0.01, not 0.001", a.withModel(new ModelSpec(lstm,
                new Adam(0.01, 0.9, 0.999, 1e-8))));
        changed.forEach((difference, run) -> assertEquals(List.of(difference), run.differencesFromThePost(),
                difference));
        Protocol e = PostProtocols.sequencePreserving();
        assertEquals(List.of("chunk = 5, not 10"), e.withLayout(e.layout().withWindow(5)).differencesFromThePost(),
                "E cuts chunks, not windows");
        Protocol unknown = new Protocol("X", new TaskSpec(10, 5, 5, 0.5, 1),
                new LayoutSpec(Layout.WINDOWS_STATELESS, 2, 1, 1), a.model(), 1);
        assertEquals(List.of("not one of the post's runs"), unknown.differencesFromThePost());
        assertEquals("not the post's setup (not one of the post's runs): no figure of the post compares",
                unknown.postColumn());
        assertTrue(Double.isNaN(unknown.comparablePostValidationAccuracy()), "no figure of the post compares");
    }

    @Example
    @Claim("REPORT-2")
    void thePostsOwnRunsCarryThePostsTitles() {
        assertEquals("windows of 10, stateless, batch 64", PostProtocols.windowsStateless().title());
        assertEquals("windows of 10, stateful, batch 110", PostProtocols.windowsStateful().title());
        assertEquals("one step at a time, stateful, batch 1, reset after each sequence",
                PostProtocols.perStepStateful().title());
        assertEquals("one step at a time, stateless, batch 1", PostProtocols.perStepStateless().title());
        for (Protocol post : PostProtocols.all()) {
            assertEquals(List.of(), post.differencesFromThePost(), post.id());
            assertEquals(post, post.post().protocol(post.id()), post.id() + " is its post run's own protocol");
        }
    }
}
