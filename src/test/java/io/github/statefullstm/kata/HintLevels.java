package io.github.statefullstm.kata;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * How far each claim's hints have gone in each step: every run in which a step's claim fails again shows one hint
 * more, up to the last; a flag can ask for more at once. Counted per step and claim, because a claim that two steps
 * check (STATE-2 in the reference and in DL4J) has other hints in each, and a learner new to a step starts at its
 * first hint. Kept in the workspace, so it survives between runs; a step started afresh starts its hints over.
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

    /**
     * Records one more failing run of the step's claim and returns the hint level to show: at least {@code asked}.
     */
    int failedAgain(KataPath.Step step, String claim, int asked) {
        String key = key(step, claim);
        int times = Integer.parseInt(failures.getProperty(key, "0")) + 1;
        failures.setProperty(key, Integer.toString(times));
        return Math.max(asked, Math.min(KataPath.HINT_LEVELS, times));
    }

    /** Starts the step's hints over, as after a reset of the step or a file of it made afresh. */
    void forget(KataPath.Step step) {
        step.claims().forEach(claim -> failures.remove(key(step, claim)));
    }

    private static String key(KataPath.Step step, String claim) {
        return "step" + step.number() + "." + claim;
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
