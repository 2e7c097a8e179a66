package io.github.statefullstm.kata;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Properties;

/**
 * How far each claim's hints have gone: every run in which a claim fails again shows one hint more, up to the last;
 * a flag can ask for more at once. Kept in the workspace, so it survives between runs and goes with a reset.
 */
final class HintLevels {

    private final Path file;
    private final Properties failures = new Properties();

    HintLevels(Path workspace) {
        this.file = workspace.resolve(".kata").resolve("hints.properties");
        if (Files.exists(file)) {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                failures.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Records one more failing run of the claim and returns the hint level to show: at least {@code asked}. */
    int failedAgain(String claim, int asked) {
        int times = Integer.parseInt(failures.getProperty(claim, "0")) + 1;
        failures.setProperty(claim, Integer.toString(times));
        return Math.max(asked, Math.min(KataPath.HINT_LEVELS, times));
    }

    /** Starts the claims' hints over, as after a reset of their step. */
    void forget(Collection<String> claims) {
        claims.forEach(failures::remove);
    }

    void save() {
        StringWriter text = new StringWriter();
        try {
            failures.store(text, "failing runs per claim: each shows one hint more");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Workspace.write(file, text.toString());
    }
}
