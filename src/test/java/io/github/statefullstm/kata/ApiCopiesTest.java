package io.github.statefullstm.kata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.statefullstm.spec.Claim;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The types a step uses are at hand in the workspace, read-only, as the project has them. */
@DisplayName("The API a step needs is copied into the workspace")
class ApiCopiesTest {

    private static final List<MarkedSource.MarkedFile> FILES = MarkedSource.scan(MarkedSource.PRODUCTION);
    private final ApiCopies api = new ApiCopies(MarkedSource.PRODUCTION, FILES);

    @Test
    @Claim("KATA-13")
    void everyTypeAStepUsesIsCopiedReadOnlyAndUnchanged() throws IOException {
        try (ScratchFolder scratch = ScratchFolder.create()) {
            Set<String> copied = api.write(scratch.path());
            api.write(scratch.path()); // made afresh over the read-only copies of an earlier run
            for (KataPath.Step step : KataPath.steps()) {
                assertTrue(copied.containsAll(api.usedBy(step)), step.label() + " uses " + api.usedBy(step));
            }
            for (String type : copied) {
                Path copy = api.copyOf(scratch.path(), type);
                assertTrue(readOnly(copy), copy + " may be written");
                List<String> lines = Files.readAllLines(copy);
                assertTrue(lines.get(0).startsWith("// A read-only copy of the project's own " + type), lines.get(0));
                Path original = MarkedSource.PRODUCTION.resolve(scratch.path().resolve(ApiCopies.FOLDER)
                        .relativize(copy));
                assertEquals(Files.readAllLines(original), lines.subList(1, lines.size()), copy.toString());
            }
        }
    }

    @Test
    @Claim("KATA-13")
    void theTypesAStepUsesAreTheProjectsOwnNotTheKatas() {
        Set<String> kataFiles = FILES.stream().map(MarkedSource.MarkedFile::type).collect(Collectors.toSet());
        assertTrue(api.usedBy(KataPath.stepWithId("windows").orElseThrow()).containsAll(Set.of("Sample", "Task")));
        assertTrue(api.usedBy(KataPath.stepWithId("cell").orElseThrow()).contains("Tape"));
        for (KataPath.Step step : KataPath.steps()) {
            assertTrue(api.usedBy(step).stream().noneMatch(kataFiles::contains),
                    step.label() + " lists a file of the kata itself: " + api.usedBy(step));
        }
    }

    /** By the file's own permissions, not the user's: a superuser may write any file. */
    private static boolean readOnly(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return Files.getPosixFilePermissions(file).stream().noneMatch(p -> p.name().endsWith("_WRITE"));
        }
        return (Boolean) Files.getAttribute(file, "dos:readonly");
    }
}
