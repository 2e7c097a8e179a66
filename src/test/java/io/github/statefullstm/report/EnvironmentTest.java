package io.github.statefullstm.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.statefullstm.spec.Claim;
import java.net.URL;
import org.junit.jupiter.api.Test;

/** The environment a report names is the machine the run happened on, with the DL4J version on its class path. */
class EnvironmentTest {

    @Test
    @Claim("REPORT-1")
    void theEnvironmentIsTheMachineThisRunsOn() {
        Environment here = Environment.detect();
        assertTrue(here.java().endsWith(System.getProperty("java.version")), here.java());
        assertTrue(here.os().startsWith(System.getProperty("os.name")), here.os());
        assertEquals(Runtime.getRuntime().availableProcessors(), here.cores());
        // Where the report reads the version: the pom.properties inside DL4J's jar, whose file Maven names after the
        // artifact and its version, so the version read inside must be the one the jar is named for.
        URL properties = Environment.class.getResource(Environment.DL4J_POM_PROPERTIES);
        assertNotNull(properties, "DL4J's jar is on the class path");
        assertTrue(properties.toString().contains("/deeplearning4j-nn-" + here.dl4jVersion() + ".jar!"),
                () -> here.dl4jVersion() + " read from " + properties);
    }
}
