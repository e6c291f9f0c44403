package org.bikeguard.tracker.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shape of the tracker, held by the build: packages by feature without cycles, the shared
 * toolkit and the wire protocol independent of every feature, correlation independent of the rest.
 * Reads the compiled main classes only (tests may reach across), from directories or jars.
 */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.bikeguard.tracker", "org.bikeguard.protocol", "org.bikeguard.common");
    }

    @Test
    void trackerPackagesAreFreeOfCycles() {
        slices().matching("org.bikeguard.tracker.(*)..")
                .should()
                .beFreeOfCycles()
                .check(classes);
    }

    @Test
    void correlationImportsNothingElseOfTheTracker() {
        noClasses()
                .that()
                .resideInAPackage("org.bikeguard.tracker.correlate..")
                .should()
                .dependOnClassesThat(resideInAPackage("org.bikeguard.tracker..")
                        .and(not(resideInAPackage("org.bikeguard.tracker.correlate.."))))
                .check(classes);
    }

    @Test
    void theProtocolImportsNothingOfTheTracker() {
        noClasses()
                .that()
                .resideInAPackage("org.bikeguard.protocol..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.bikeguard.tracker..", "org.bikeguard.common..")
                .check(classes);
    }

    @Test
    void theSharedToolkitImportsNoFeature() {
        noClasses()
                .that()
                .resideInAPackage("org.bikeguard.common..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.bikeguard.tracker..",
                        "org.bikeguard.claims..",
                        "org.bikeguard.sim..",
                        "org.bikeguard.bench..")
                .check(classes);
    }
}
