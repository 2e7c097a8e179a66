package io.github.statefullstm.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** DL4J and ND4J stay behind the engine-neutral API: one package imports them. */
@AnalyzeClasses(packages = "io.github.statefullstm", importOptions = ImportOption.DoNotIncludeTests.class)
class Dl4jIsolationRulesTest {

    @ArchTest
    static final ArchRule only_the_dl4j_engine_touches_dl4j_or_nd4j = noClasses()
            .that().resideOutsideOfPackage("io.github.statefullstm.rnn.dl4j..")
            .should().dependOnClassesThat().resideInAnyPackage("org.deeplearning4j..", "org.nd4j..")
            .because("the engine-neutral API must not leak DL4J types, so engines stay interchangeable");
}
