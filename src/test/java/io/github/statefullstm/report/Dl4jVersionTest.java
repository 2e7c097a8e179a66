package io.github.statefullstm.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The DL4J version a report names comes from the {@code pom.properties} Maven puts into DL4J's jar; when there is
 * none to read, the report says "unknown" rather than failing or leaving the version blank.
 */
class Dl4jVersionTest {

    @Test
    void theVersionIsTheOneThePomPropertiesState() {
        assertEquals("1.2.3", Environment.versionIn(properties("groupId=x\nversion=1.2.3\n")));
    }

    @Test
    void aClassPathWithoutDl4jsJarGivesUnknown() {
        assertEquals("unknown", Environment.versionIn(null));
    }

    @Test
    void propertiesThatCannotBeReadGiveUnknown() {
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("the jar went away");
            }
        };
        assertEquals("unknown", Environment.versionIn(broken));
    }

    @Test
    void propertiesThatNameNoVersionGiveUnknown() {
        assertEquals("unknown", Environment.versionIn(properties("groupId=x\n")));
    }

    private static InputStream properties(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1));
    }
}
