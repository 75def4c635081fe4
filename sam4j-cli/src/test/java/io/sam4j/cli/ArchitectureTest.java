package io.sam4j.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The import arrows of docs/architecture.md, checked on the compiled main classes of every module (the
 * CLI's test class path holds them all). The POMs' enforcer rules guard the same arrows between
 * artifacts; this test guards them between packages, where a POM cannot see.
 */
class ArchitectureTest {

    private static final String CORE = "io.sam4j.core..";
    private static final String ZOO = "io.sam4j.zoo..";
    private static final String ANALYSIS = "io.sam4j.analysis..";
    private static final String REPORT = "io.sam4j.report..";
    private static final String CLI = "io.sam4j.cli..";

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.sam4j");
    }

    @Test
    void theLibraryImportsNeitherPresentationNorTheApplication() {
        noClasses()
                .that()
                .resideInAnyPackage(CORE, ZOO, ANALYSIS)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(REPORT, CLI)
                .because("a library user who wants a SAM step or a λmax must not pull in HTML, plotly or picocli")
                .check(classes);
    }

    @Test
    void coreIsTheBottom() {
        noClasses()
                .that()
                .resideInAPackage(CORE)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(ZOO, ANALYSIS)
                .because("zoo and analysis build on core, never the other way round")
                .check(classes);
    }

    @Test
    void theZooAndAnalysisAreSiblings() {
        noClasses()
                .that()
                .resideInAPackage(ZOO)
                .should()
                .dependOnClassesThat()
                .resideInAPackage(ANALYSIS)
                .because("analysis may test on zoo models, but models know nothing of analysis")
                .check(classes);
    }

    @Test
    void theReportReadsRunsWithoutTheApplicationOrTheModels() {
        noClasses()
                .that()
                .resideInAPackage(REPORT)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(ZOO, ANALYSIS, CLI)
                .because("the report reads run directories through core's run format (io.sam4j.core.run) only")
                .check(classes);
    }

    @Test
    void engineInternalsStayInPackagesNamedPytorch() {
        noClasses()
                .that()
                .resideInAnyPackage(CORE, ZOO, ANALYSIS, REPORT)
                .and()
                .resideOutsideOfPackage("..pytorch..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("ai.djl.pytorch..")
                .because("the library is written against ai.djl:api; the application chooses the engine")
                .check(classes);
    }

    @Test
    void sweepsRunTrainingWithoutTheCommands() {
        noClasses()
                .that()
                .resideInAPackage("io.sam4j.cli.sweep..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.sam4j.cli.command..")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("io.sam4j.cli.Sam4j")
                .because("a sweep's worker trains through the run package; the sweep command calls the sweep,"
                        + " not the other way round")
                .check(classes);
    }
}
