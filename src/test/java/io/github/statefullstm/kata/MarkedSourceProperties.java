package io.github.statefullstm.kata;

import io.github.statefullstm.spec.Claim;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Stub and solution come from one marked source: stubbing a step touches its regions and nothing else. */
@Label("The marked source")
class MarkedSourceProperties {

    private static final List<MarkedSource.MarkedFile> FILES = MarkedSource.scan(MarkedSource.PRODUCTION);

    @Provide
    Arbitrary<MarkedSource.MarkedFile> markedFiles() {
        return Arbitraries.of(FILES);
    }

    /** Any set of the path's steps to stub, from none to all. */
    @Provide
    Arbitrary<Set<String>> stubbedSteps() {
        return Arbitraries.of(KataPath.steps().stream().map(KataPath.Step::id).toList()).set();
    }

    @Property
    @Claim("KATA-1")
    void stubbingKeepsEveryLineOutsideTheStubbedRegions(@ForAll("markedFiles") MarkedSource.MarkedFile file,
                                                        @ForAll("stubbedSteps") Set<String> stubbed) {
        Statistics.label("file").collect(file.type());
        Statistics.label("its step stubbed").collect(file.steps().stream().anyMatch(stubbed::contains));
        List<String> rendered = file.render(stubbed).lines().toList();
        assertEquals(outsideStubbedRegions(file.lines(), file, stubbed),
                outsideStubbedRegions(rendered, MarkedSource.parse(file.path(), rendered), stubbed),
                file.path() + " with " + stubbed + " stubbed");
    }

    @Property
    @Claim("KATA-1")
    void aStubbedRegionHoldsExactlyItsStub(@ForAll("markedFiles") MarkedSource.MarkedFile file,
                                           @ForAll("stubbedSteps") Set<String> stubbed) {
        Statistics.label("regions stubbed").collect(file.regions().stream()
                .filter(r -> stubbed.contains(r.step())).count());
        List<String> rendered = file.render(stubbed).lines().toList();
        MarkedSource.MarkedFile again = MarkedSource.parse(file.path(), rendered);
        assertEquals(file.regions().size(), again.regions().size(), "regions after rendering " + file.path());
        for (int i = 0; i < file.regions().size(); i++) {
            MarkedSource.Region original = file.regions().get(i);
            MarkedSource.Region region = again.regions().get(i);
            List<String> inside = rendered.subList(region.begin() + 1, region.end());
            List<String> expected = stubbed.contains(original.step()) ? MarkedSource.stub(original)
                    : file.lines().subList(original.begin() + 1, original.end());
            assertEquals(expected, inside, original.methodName() + " in " + file.path());
        }
    }

    @Example
    @Claim("KATA-1")
    void renderingWithNothingStubbedIsTheSolutionItself() {
        for (MarkedSource.MarkedFile file : FILES) {
            assertEquals(String.join("\n", file.lines()) + "\n", file.render(Set.of()), file.path().toString());
        }
    }

    @Example
    @Claim("KATA-1")
    void aMalformedMarkerIsRefusedWithItsLine() {
        Path path = Path.of("Example.java");
        String unclosed = assertThrows(IllegalArgumentException.class, () -> MarkedSource.parse(path, List.of(
                "class Example {", "    void write() {", "        // kata:begin windows", "    }", "}"))).getMessage();
        assertTrue(unclosed.contains("Example.java:3") && unclosed.contains("never closed"), unclosed);
        String stray = assertThrows(IllegalArgumentException.class, () -> MarkedSource.parse(path, List.of(
                "class Example {", "    void write() {", "        // kata:end", "    }", "}"))).getMessage();
        assertTrue(stray.contains("Example.java:3") && stray.contains("without a kata:begin"), stray);
        String nested = assertThrows(IllegalArgumentException.class, () -> MarkedSource.parse(path, List.of(
                "class Example {", "    void write() {", "        // kata:begin windows", "        // kata:begin plans",
                "        // kata:end", "        // kata:end", "    }", "}"))).getMessage();
        assertTrue(nested.contains("Example.java:4") && nested.contains("do not nest"), nested);
    }

    /** The lines of a file with the contents of its stubbed regions left out (their markers stay). */
    private static List<String> outsideStubbedRegions(List<String> lines, MarkedSource.MarkedFile file,
                                                      Set<String> stubbed) {
        List<String> kept = new ArrayList<>();
        int line = 0;
        for (MarkedSource.Region region : file.regions()) {
            while (line <= region.begin()) {
                kept.add(lines.get(line++));
            }
            if (stubbed.contains(region.step())) {
                line = region.end();
            }
        }
        kept.addAll(lines.subList(line, lines.size()));
        return kept.stream().collect(Collectors.toList());
    }
}
