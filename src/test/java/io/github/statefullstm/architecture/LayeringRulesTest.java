package io.github.statefullstm.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.github.statefullstm.rnn.KerasLstmModel;
import io.github.statefullstm.rnn.LstmModel;
import io.github.statefullstm.spec.Claim;

/**
 * The layering of the design map: {@code cli -> report -> experiment -> training -> rnn}, with {@code sequence}
 * beside them and the engines under {@code rnn}. Production code only; tests may reach anywhere they need to.
 */
@Claim("ARCH-1")
@AnalyzeClasses(locations = TheProjectsOwnClasses.class, importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringRulesTest {

    private static final String ROOT = "io.github.statefullstm";

    @ArchTest
    static final ArchRule only_the_dl4j_engine_imports_dl4j_or_nd4j =
            noClasses().that().resideOutsideOfPackage(ROOT + ".rnn.dl4j..")
                    .should().dependOnClassesThat().resideInAnyPackage("org.deeplearning4j..", "org.nd4j..")
                    .because("DL4J and ND4J are one engine among two: everything else must run, and be tested, "
                            + "without them, and an engine swap must touch one package");

    @ArchTest
    static final ArchRule the_sequence_layer_depends_on_nothing_else_of_ours =
            classes().that().resideInAPackage(ROOT + ".sequence..")
                    .should().onlyDependOnClassesThat().resideInAnyPackage(ROOT + ".sequence..", ROOT + ".refusal..",
                            "java..")
                    .because("the data layout is the first kata step and the base of every claim: it must be "
                            + "exact, fast and understandable on its own (refusal only words its refusals)");

    @ArchTest
    static final ArchRule the_engine_neutral_api_knows_no_engine =
            noClasses().that().resideInAPackage(ROOT + ".rnn")
                    .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".rnn.reference..", ROOT + ".rnn.dl4j..")
                    .because("every engine implements the same contract, and the shared property suite tests "
                            + "them through it alone");

    @ArchTest
    static final ArchRule engines_do_not_know_each_other =
            noClasses().that().resideInAPackage(ROOT + ".rnn.reference..")
                    .should().dependOnClassesThat().resideInAPackage(ROOT + ".rnn.dl4j..")
                    .because("the reference is the oracle DL4J is checked against; it must not borrow from it")
                    .allowEmptyShould(true);

    @ArchTest
    static final ArchRule every_engines_model_is_the_one_keras_skeleton =
            classes().that().resideInAnyPackage(ROOT + ".rnn.reference..", ROOT + ".rnn.dl4j..")
                    .and().implement(LstmModel.class)
                    .should().beAssignableTo(KerasLstmModel.class)
                    .because("the call checks, the carried and final state, resets and Keras' loss are written "
                            + "once, in the skeleton; an engine that implemented the contract on its own would keep "
                            + "its own copy of the state rule, which the next cell, layer or mask would have to "
                            + "change twice");

    @ArchTest
    static final ArchRule layers_are_only_used_from_above =
            layeredArchitecture().consideringOnlyDependenciesInLayers()
                    .withOptionalLayers(true)
                    .layer("Cli").definedBy(ROOT + ".cli..")
                    .layer("Report").definedBy(ROOT + ".report..")
                    .layer("Experiment").definedBy(ROOT + ".experiment..")
                    .layer("Training").definedBy(ROOT + ".training..")
                    .layer("Sequence").definedBy(ROOT + ".sequence..")
                    .layer("Engines").definedBy(ROOT + ".rnn.reference..", ROOT + ".rnn.dl4j..")
                    .layer("Rnn").definedBy(ROOT + ".rnn")
                    .layer("Refusal").definedBy(ROOT + ".refusal..")
                    .whereLayer("Cli").mayNotBeAccessedByAnyLayer()
                    .whereLayer("Report").mayOnlyBeAccessedByLayers("Cli")
                    .whereLayer("Experiment").mayOnlyBeAccessedByLayers("Report", "Cli")
                    .whereLayer("Training").mayOnlyBeAccessedByLayers("Experiment", "Report", "Cli")
                    .whereLayer("Engines").mayOnlyBeAccessedByLayers("Experiment", "Cli")
                    .whereLayer("Sequence").mayOnlyBeAccessedByLayers("Training", "Experiment", "Report", "Cli")
                    .whereLayer("Rnn").mayOnlyBeAccessedByLayers("Engines", "Training", "Experiment", "Report", "Cli")
                    .whereLayer("Refusal").mayOnlyBeAccessedByLayers("Rnn", "Engines", "Sequence", "Training",
                            "Experiment", "Report", "Cli")
                    .because("dependencies point one way, from the main job down to the data and the engines, "
                            + "so each layer can be understood and tested with only what is beneath it");

    @ArchTest
    static final ArchRule packages_are_free_of_cycles =
            slices().matching(ROOT + ".(**)").should().beFreeOfCycles()
                    .because("a cycle makes two packages one, and the kata teaches them one at a time");
}
