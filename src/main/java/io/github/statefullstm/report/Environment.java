package io.github.statefullstm.report;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Where a run happened: enough to tell two reports' timings apart. */
public record Environment(String java, String os, int cores, String dl4jVersion) {

    /** Maven writes each artifact's version into its jar; reading it needs no DL4J class. */
    static final String DL4J_POM_PROPERTIES =
            "/META-INF/maven/org.deeplearning4j/deeplearning4j-nn/pom.properties";
    /** What the report says when the version cannot be read: a report must not fail for want of it. */
    static final String UNKNOWN = "unknown";

    public static Environment detect() {
        return new Environment(System.getProperty("java.vendor") + " " + System.getProperty("java.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                Runtime.getRuntime().availableProcessors(), readDl4jVersion());
    }

    private static String readDl4jVersion() {
        return versionIn(Environment.class.getResourceAsStream(DL4J_POM_PROPERTIES));
    }

    /**
     * The version a Maven {@code pom.properties} states, or "unknown" when there is no such file (a class path
     * without DL4J's jar), it cannot be read, or it names no version. Takes the stream, which may be null, so that
     * each of these cases can be given to it. Closes the stream.
     */
    static String versionIn(InputStream pomProperties) {
        if (pomProperties == null) {
            return UNKNOWN;
        }
        try (InputStream in = pomProperties) {
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", UNKNOWN);
        } catch (IOException e) {
            return UNKNOWN;
        }
    }
}
