package io.github.statefullstm.kata;

import io.github.statefullstm.spec.Claim;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
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
 * The learner's work is never lost: running the kata again, or a newer kata, keeps every file the learner touched;
 * only an explicit reset replaces one, and the version it replaces goes to a backup first.
 */
@Label("The learner's workspace")
class WorkspaceProperties {

    private static final List<MarkedSource.MarkedFile> FILES = MarkedSource.scan(MarkedSource.PRODUCTION);
    /** Learners write anything, including nothing: their text is kept byte for byte. */
    private static final int MAX_EDIT_LENGTH = 40;

    /** Some of the kata's files, each with the text a learner put in it. */
    @Provide
    Arbitrary<Map<String, String>> learnerEdits() {
        Arbitrary<String> texts = Arbitraries.strings().ofMaxLength(MAX_EDIT_LENGTH);
        return Arbitraries.maps(Arbitraries.of(FILES.stream().map(f -> f.path().toString()).toList()), texts)
                .ofMaxSize(FILES.size());
    }

    @Provide
    Arbitrary<Integer> stepNumbers() {
        return Arbitraries.integers().between(1, KataPath.steps().size());
    }

    @Provide
    Arbitrary<EditsAndReset> editsAndResets() {
        return Combinators.combine(learnerEdits(), stepNumbers()).as(EditsAndReset::new);
    }

    record EditsAndReset(Map<String, String> edits, int step) {
    }

    @Example
    @Claim("KATA-5")
    void aNewWorkspaceHoldsEveryFileAsItsStub() throws IOException {
        try (ScratchFolder scratch = ScratchFolder.create()) {
            Path root = scratch.path();
            Workspace workspace = new Workspace(root, FILES);
            List<Workspace.Notice> notices = workspace.prepare();
            for (MarkedSource.MarkedFile file : FILES) {
                assertEquals(Workspace.stubOf(file), Workspace.read(workspace.fileOf(file)), file.path().toString());
            }
            assertEquals(1, notices.size(), "one line says the workspace was created: " + notices);
        }
    }

    @Property(tries = 50)
    @Claim("KATA-5")
    void runningAgainKeepsEveryFileTheLearnerTouched(@ForAll("learnerEdits") Map<String, String> edits)
            throws IOException {
        Statistics.label("files edited").collect(edits.size());
        try (ScratchFolder scratch = ScratchFolder.create()) {
            Path root = scratch.path();
            Workspace workspace = new Workspace(root, FILES);
            workspace.prepare();
            edit(workspace, edits);

            List<Workspace.Notice> notices = workspace.prepare();

            assertEquals(List.of(), notices, "nothing to report when the kata has not changed");
            assertFiles(workspace, edits, Set.of());
        }
    }

    @Property(tries = 50)
    @Claim("KATA-5")
    void aResetReplacesOnlyItsStepsFilesAndKeepsTheLearnersVersionInABackup(
            @ForAll("editsAndResets") EditsAndReset run) throws IOException {
        Statistics.label("step reset").collect(run.step());
        try (ScratchFolder scratch = ScratchFolder.create()) {
            Path root = scratch.path();
            Workspace workspace = new Workspace(root, FILES);
            workspace.prepare();
            edit(workspace, run.edits());
            Set<String> resetFiles = FILES.stream().filter(f -> Workspace.stepOf(f).number() == run.step())
                    .map(f -> f.path().toString()).collect(Collectors.toSet());

            workspace.reset(Set.of(run.step()));

            assertFiles(workspace, run.edits(), resetFiles);
            for (String reset : resetFiles) {
                String learners = run.edits().get(reset);
                if (learners != null && !learners.equals(Workspace.stubOf(fileAt(reset)))) {
                    assertEquals(List.of(learners), backups(root, reset), "the backup of " + reset);
                }
            }
        }
    }

    @Example
    @Claim("KATA-5")
    void aFileTheLearnerNeverTouchedFollowsANewerKataSilently() throws IOException {
        try (ScratchFolder scratch = ScratchFolder.create()) {
            Path root = scratch.path();
            MarkedSource.MarkedFile file = FILES.get(0);
            Workspace workspace = new Workspace(root, FILES);
            workspace.prepare();
            String olderStub = "// the stub an older kata made\n";
            Workspace.write(workspace.fileOf(file), olderStub);
            recordStub(root, file, olderStub);

            List<Workspace.Notice> notices = workspace.prepare();

            assertEquals(List.of(), notices, "nothing of the learner's was there to keep");
            assertEquals(Workspace.stubOf(file), Workspace.read(workspace.fileOf(file)));
        }
    }

    @Example
    @Claim({"KATA-5", "KATA-6"})
    void aTouchedFileFromAnOlderKataIsKeptAndTheResetThatWouldReplaceItIsNamed() throws IOException {
        try (ScratchFolder scratch = ScratchFolder.create()) {
            Path root = scratch.path();
            MarkedSource.MarkedFile file = FILES.get(0);
            Workspace workspace = new Workspace(root, FILES);
            workspace.prepare();
            recordStub(root, file, "// the stub an older kata made\n");
            String learners = "// the learner's work on that older stub\n";
            Workspace.write(workspace.fileOf(file), learners);

            List<Workspace.Notice> notices = workspace.prepare();

            assertEquals(learners, Workspace.read(workspace.fileOf(file)), "the learner's work");
            assertEquals(1, notices.size(), "one notice: " + notices);
            String notice = notices.get(0).text();
            assertTrue(notice.contains(file.path().getFileName().toString()) && notice.contains("older version")
                    && notice.contains("-Dkata.reset=" + Workspace.stepOf(file).number()), notice);
        }
    }

    private static void edit(Workspace workspace, Map<String, String> edits) {
        edits.forEach((path, text) -> Workspace.write(workspace.fileOf(fileAt(path)), text));
    }

    /** Every edited file holds the learner's text, except those reset, which hold their stub, as do the others. */
    private static void assertFiles(Workspace workspace, Map<String, String> edits, Set<String> reset) {
        for (MarkedSource.MarkedFile file : FILES) {
            String path = file.path().toString();
            String expected = edits.containsKey(path) && !reset.contains(path) ? edits.get(path)
                    : Workspace.stubOf(file);
            assertEquals(expected, Workspace.read(workspace.fileOf(file)), path);
        }
    }

    private static MarkedSource.MarkedFile fileAt(String path) {
        return FILES.stream().filter(f -> f.path().toString().equals(path)).findFirst().orElseThrow();
    }

    /** Makes the manifest say the file was made from {@code stub}, as a workspace of an older kata would. */
    private static void recordStub(Path root, MarkedSource.MarkedFile file, String stub) throws IOException {
        Properties manifest = new Properties();
        try (var in = Files.newBufferedReader(root.resolve(Workspace.MANIFEST))) {
            manifest.load(in);
        }
        manifest.setProperty(file.path().toString(), Workspace.digest(stub));
        try (Writer out = Files.newBufferedWriter(root.resolve(Workspace.MANIFEST), StandardCharsets.UTF_8)) {
            manifest.store(out, null);
        }
    }

    private static List<String> backups(Path root, String path) throws IOException {
        Path backup = root.resolve(".kata").resolve("backup");
        try (Stream<Path> files = Files.walk(backup)) {
            return files.filter(f -> f.endsWith(path)).map(Workspace::read).toList();
        }
    }

}
