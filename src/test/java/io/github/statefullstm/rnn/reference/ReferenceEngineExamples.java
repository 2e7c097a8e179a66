package io.github.statefullstm.rnn.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.Example;

/** The reference engine by name: a result records the name of the engine that produced it, and the report shows it. */
class ReferenceEngineExamples {

    @Example
    void itsNameIsTheWordTheEngineOptionTakesAndTheReportShows() {
        assertEquals("reference", new ReferenceEngine().name());
    }
}
