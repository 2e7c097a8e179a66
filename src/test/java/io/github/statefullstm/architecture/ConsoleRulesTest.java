package io.github.statefullstm.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.ACCESS_STANDARD_STREAMS;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.github.statefullstm.spec.Claim;

/** The console belongs to the main job. */
@Claim("ARCH-3")
@AnalyzeClasses(locations = TheProjectsOwnClasses.class, importOptions = ImportOption.DoNotIncludeTests.class)
class ConsoleRulesTest {

    @ArchTest
    static final ArchRule only_the_main_job_writes_to_the_console =
            noClasses().that().resideOutsideOfPackage("io.github.statefullstm.cli..").should(ACCESS_STANDARD_STREAMS)
                    .because("what a person sees is decided in one place: a library that prints, or prints a stack "
                            + "trace, puts lines on the terminal that the main job cannot keep quiet or send to its "
                            + "log");
}
