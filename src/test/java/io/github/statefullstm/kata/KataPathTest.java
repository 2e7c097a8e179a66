package io.github.statefullstm.kata;

import io.github.statefullstm.spec.Claim;
import io.github.statefullstm.spec.SpecDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Example;
import net.jqwik.api.Label;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The kata's path and the marked source agree: every step, claim, hint and region has its counterpart. */
@Label("The kata's path")
class KataPathTest {

    private final List<KataPath.Step> steps = KataPath.steps();
    private final List<MarkedSource.MarkedFile> files = MarkedSource.scan(MarkedSource.PRODUCTION);

    @Example
    @Claim("KATA-1")
    void stepsAreNumberedInOrderWithDistinctIds() {
        for (int i = 0; i < steps.size(); i++) {
            assertEquals(i + 1, steps.get(i).number(), "the step at position " + i);
        }
        assertEquals(steps.size(), steps.stream().map(KataPath.Step::id).distinct().count(), "distinct step ids");
    }

    @Example
    @Claim("KATA-1")
    void everyStepNamesClaimsThatTheSpecDefines() {
        Set<String> defined = SpecDocument.all().stream().flatMap(d -> d.claims().stream())
                .map(SpecDocument.SpecClaim::id).collect(Collectors.toSet());
        List<String> unknown = new ArrayList<>();
        for (KataPath.Step step : steps) {
            assertTrue(!step.claims().isEmpty(), step.label() + " names no claim");
            step.claims().stream().filter(c -> !defined.contains(c)).forEach(c -> unknown.add(step.label() + ": " + c));
        }
        assertTrue(unknown.isEmpty(), "claims no spec defines: " + unknown);
    }

    @Example
    @Claim("KATA-1")
    void everyClaimOfAStepHasThreeHintsInTheSpec() {
        for (KataPath.Step step : steps) {
            step.hints().forEach((claim, hints) -> {
                assertEquals(KataPath.HINT_LEVELS, hints.size(), step.label() + ", " + claim
                        + ": hints written under the claim in specs/ as \"**Kata hints, step " + step.number() + ".**\"");
                hints.forEach(hint -> assertTrue(!hint.isBlank(), step.label() + ", " + claim + ": a blank hint"));
            });
        }
    }

    @Example
    @Claim("KATA-1")
    void everyHintInTheSpecBelongsToAClaimOfItsStep() {
        List<String> strays = new ArrayList<>();
        for (SpecDocument document : SpecDocument.all()) {
            for (SpecDocument.SpecClaim claim : document.claims()) {
                claim.kataHints().keySet().stream()
                        .filter(number -> KataPath.step(number).map(s -> !s.claims().contains(claim.id()))
                                .orElse(true))
                        .forEach(number -> strays.add(claim.id() + " in " + document.file() + ": hints for step "
                                + number + ", which does not teach it"));
            }
        }
        assertTrue(strays.isEmpty(), "hints no step shows: " + strays);
    }

    @Example
    @Claim("KATA-1")
    void everyMarkedRegionBelongsToAStep() {
        Set<String> ids = steps.stream().map(KataPath.Step::id).collect(Collectors.toSet());
        List<String> strays = files.stream().flatMap(f -> f.regions().stream()
                .filter(r -> !ids.contains(r.step())).map(r -> f.path() + ", " + r.methodName() + ": " + r.step()))
                .toList();
        assertTrue(strays.isEmpty(), "regions naming no step of the path: " + strays);
    }

    @Example
    @Claim("KATA-1")
    void everyStepHasCodeToWriteAndEveryFileBelongsToOneStep() {
        for (KataPath.Step step : steps) {
            assertTrue(files.stream().anyMatch(f -> f.steps().contains(step.id())),
                    step.label() + " (" + step.id() + ") has no marked region: nothing to write");
        }
        for (MarkedSource.MarkedFile file : files) {
            assertEquals(1, file.steps().size(), file.path() + " holds regions of several steps " + file.steps()
                    + ": a reset of one step would take the others' work with it");
        }
    }
}
