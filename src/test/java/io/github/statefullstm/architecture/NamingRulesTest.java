package io.github.statefullstm.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.github.statefullstm.spec.Claim;

/** Names say what a thing is. */
@Claim("ARCH-2")
@AnalyzeClasses(locations = TheProjectsOwnClasses.class, importOptions = ImportOption.DoNotIncludeTests.class)
class NamingRulesTest {

    @ArchTest
    static final ArchRule no_class_is_a_bag_of_utilities_or_a_manager =
            noClasses().should().haveSimpleNameEndingWith("Utils")
                    .orShould().haveSimpleNameEndingWith("Util")
                    .orShould().haveSimpleNameEndingWith("Helper")
                    .orShould().haveSimpleNameEndingWith("Manager")
                    .because("a class named for being a helper has no one job; name it for what it is or does");
}
