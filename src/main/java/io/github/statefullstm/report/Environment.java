package io.github.statefullstm.report;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Where a run happened: enough to tell two reports' timings apart. */
public record Environment(String java, String os, int cores, String dl4jVersion) {

    /** Maven writes each artifact's version into its jar; reading it needs no DL4J class. */
    private static final String DL4J_POM_PROPERTIES =
            "/META-INF/maven/org.deeplearning4j/deeplearning4j-nn/pom.properties";

    public static Environment detect() {
        return new Environment(System.getProperty("java.vendor") + " " + System.getProperty("java.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                Runtime.getRuntime().availableProcessors(), readDl4jVersion());
    }

    private static String readDl4jVersion() {
        try (InputStream in = Environment.class.getResourceAsStream(DL4J_POM_PROPERTIES)) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
