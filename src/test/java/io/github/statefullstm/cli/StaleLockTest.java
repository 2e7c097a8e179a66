package io.github.statefullstm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.statefullstm.cli.MainInThisJvm.Outcome;
import io.github.statefullstm.spec.Claim;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run that is killed, and so never removes its lock file, does not leave its output folder held: the lock was the
 * operating system's, and went with the process.
 */
class StaleLockTest {

    @Test
    @Claim("CLI-8")
    void aRunTakesAFolderWhoseHolderWasKilled(@TempDir Path folder) throws Exception {
        FolderHoldingJvm holder = FolderHoldingJvm.start(folder);
        holder.kill();
        Path lockFile = folder.resolve(OutputFolderLock.FILE);
        assertTrue(Files.readString(lockFile).contains("pid=" + holder.pid()),
                "the killed holder's lock file is still there, naming it");
        Outcome outcome = MainInThisJvm.cheapestRunOn(folder);
        assertEquals(0, outcome.exitCode(), outcome.err());
        assertTrue(outcome.out().contains("Wrote " + folder.resolve("README.md")), outcome.out());
        assertFalse(Files.exists(lockFile), "the run removed the stale lock file with its own");
    }
}
