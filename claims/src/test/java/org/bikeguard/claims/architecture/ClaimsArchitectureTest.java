package org.bikeguard.claims.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Claims talks to the tracker through its HTTP API only: its main code imports nothing of the
 * tracker (the shared toolkit in {@code org.bikeguard.common} is allowed). Reads main classes only.
 */
class ClaimsArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages("org.bikeguard.claims");
    }

    @Test
    void claimsImportsNothingOfTheTracker() {
        noClasses()
                .that()
                .resideInAPackage("org.bikeguard.claims..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.bikeguard.tracker..", "org.bikeguard.protocol..")
                .check(classes);
    }

    @Test
    void claimsPackagesAreFreeOfCycles() {
        slices().matching("org.bikeguard.claims.(*)..")
                .should()
                .beFreeOfCycles()
                .check(classes);
    }
}
