package io.github.statefullstm.experiment;

import io.github.statefullstm.spec.Claim;
import java.util.List;
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
            return run.id() + ": T=" + run.length() + ", w=" + run.window() + ", B=" + run.batchSize() + ", epochs="
                    + run.epochs() + ", seed=" + run.seed();
        }
    }

    @Provide
    Arbitrary<Changed> changedProtocols() {
        Arbitrary<Protocol> posts = Arbitraries.of(PostProtocols.all());
        return Combinators.combine(posts, Arbitraries.integers().between(10, 40), Arbitraries.integers().between(1, 10),
                Arbitraries.integers().between(1, 128), Arbitraries.integers().between(1, 20), Arbitraries.longs())
                .as((post, length, window, batch, epochs, seed) -> {
                    Protocol run = post.withTask(post.sequences(), length, post.trainingSequences())
                            .withBatchSize(batch).withEpochs(epochs).withSeed(seed);
                    return new Changed(post, post.window() > 1 ? run.withWindow(window) : run);
                });
    }

    @Property
    @Claim("REPORT-2")
    void aTitleNamesTheRunsOwnWindowAndBatch(@ForAll("changedProtocols") Changed c) {
        Statistics.label("layout").collect(c.run().layout());
        String title = c.run().title();
        assertTrue(title.contains("batch " + c.run().batchSize()) || title.contains(c.run().batchSize()
                + " sequences side by side"), "the batch size in '" + title + "' for " + c);
        if (c.run().window() > 1) {
            assertTrue(title.contains("of " + c.run().window() + ","), "the window in '" + title + "' for " + c);
        }
        assertTrue(c.run().setup().contains(c.run().length() + " steps") && c.run().setup().contains(
                c.run().epochs() + (c.run().epochs() == 1 ? " epoch" : " epochs")), c.run().setup());
    }

    @Property
    @Claim("REPORT-2")
    void thePostsFiguresStandOnlyBesideThePostsOwnSetup(@ForAll("changedProtocols") Changed c) {
        List<String> differences = c.run().differencesFromThePost();
        Statistics.label("the post's setup").collect(differences.isEmpty());
        boolean same = c.run().length() == c.post().length() && c.run().window() == c.post().window()
                && c.run().batchSize() == c.post().batchSize() && c.run().epochs() == c.post().epochs();
        assertEquals(same, differences.isEmpty(), "differences " + differences + " for " + c);
        if (same) {
            assertEquals(c.post().postFigure(), c.run().postColumn(), c::toString);
        } else {
            assertTrue(c.run().postColumn().startsWith("not the post's setup"), c.run().postColumn());
            assertTrue(Double.isNaN(c.run().comparablePostValidationAccuracy()), "no chart marker for " + c);
            if (c.run().length() != c.post().length()) {
                assertTrue(c.run().postColumn().contains("T = " + c.run().length() + ", not " + c.post().length()),
                        c.run().postColumn());
            }
        }
    }

    @Example
    @Claim("REPORT-2")
    void everySettingThatDiffersFromThePostsIsNamed() {
        Protocol a = PostProtocols.windowsStateless();
        java.util.Map<String, Protocol> changed = new java.util.LinkedHashMap<>();
        changed.put("sequences = 1300, not 1200", a.withTask(1300, a.length(), a.trainingSequences()));
        changed.put("T = 30, not 20", a.withTask(a.sequences(), 30, a.trainingSequences()));
        changed.put("training sequences = 900, not 1000", a.withTask(a.sequences(), a.length(), 900));
        changed.put("fraction of ones = 0.25, not 0.5", a.withFraction(0.25));
        changed.put("window = 7, not 10", a.withWindow(7));
        changed.put("stride = 2, not 1", new Protocol(a.id(), a.sequences(), a.length(), a.trainingSequences(),
                a.fraction(), a.seed(), a.layout(), a.window(), 2, a.batchSize(), a.spec(), a.adam(), a.epochs(),
                a.postFigure(), a.postValidationAccuracy()));
        changed.put("batch = 32, not 64", a.withBatchSize(32));
        changed.put("epochs = 3, not 15", a.withEpochs(3));
        changed.put("units = 4, not 10", a.withSpec(new io.github.statefullstm.rnn.LstmSpec(1, 4,
                a.spec().gateActivation())));
        io.github.statefullstm.rnn.GateActivation posts = a.spec().gateActivation();
        io.github.statefullstm.rnn.GateActivation other = posts == io.github.statefullstm.rnn.GateActivation.SIGMOID
                ? io.github.statefullstm.rnn.GateActivation.HARD_SIGMOID
                : io.github.statefullstm.rnn.GateActivation.SIGMOID;
        changed.put("gates = " + other + ", not " + posts, a.withSpec(new io.github.statefullstm.rnn.LstmSpec(1,
                a.spec().units(), other)));
        changed.put("learning rate = 0.01, not 0.001", new Protocol(a.id(), a.sequences(), a.length(),
                a.trainingSequences(), a.fraction(), a.seed(), a.layout(), a.window(), a.stride(), a.batchSize(),
                a.spec(), new io.github.statefullstm.rnn.Adam(0.01, 0.9, 0.999, 1e-8), a.epochs(), a.postFigure(),
                a.postValidationAccuracy()));
        changed.forEach((difference, run) -> assertEquals(List.of(difference), run.differencesFromThePost(),
                difference));
        assertEquals(List.of("chunk = 5, not 10"), PostProtocols.sequencePreserving().withWindow(5)
                .differencesFromThePost(), "E cuts chunks, not windows");
        Protocol unknown = new Protocol("X", 10, 5, 5, 0.5, 1, Layout.WINDOWS_STATELESS, 2, 1, 1, a.spec(), a.adam(),
                1, "", Double.NaN);
        assertEquals(List.of("not one of the post's runs"), unknown.differencesFromThePost());
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
        }
    }
}
