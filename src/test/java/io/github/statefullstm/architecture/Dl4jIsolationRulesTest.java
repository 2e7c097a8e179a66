package io.github.statefullstm.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * DL4J and ND4J stay behind the engine-neutral API: one production package imports them. (Checked from a plain
 * JUnit test: in this build the ArchUnit JUnit 5 engine discovered no {@code @ArchTest} fields under surefire.)
 */
class Dl4jIsolationRulesTest {

    static final ArchRule only_the_dl4j_engine_touches_dl4j_or_nd4j = noClasses()
            .that().resideOutsideOfPackage("io.github.statefullstm.rnn.dl4j..")
            .should().dependOnClassesThat().resideInAnyPackage("org.deeplearning4j..", "org.nd4j..")
            .because("the engine-neutral API must not leak DL4J types, so engines stay interchangeable");

    @Test
    void onlyTheDl4jEnginePackageTouchesDl4jOrNd4j() {
        JavaClasses production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.github.statefullstm");
        only_the_dl4j_engine_touches_dl4j_or_nd4j.check(production);
    }
}
