package io.istgt.telemetry.options;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Every program depends on program-options, so it depends on nothing of the project: picocli and the JDK only
 * (test-support's rules are not used here, as test-support is no dependency of this module).
 */
class ArchitectureTest {

    @Test
    void shouldDependOnPicocliAndTheJdkOnly() {
        classes().that().resideInAPackage("io.istgt.telemetry.options..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("io.istgt.telemetry.options..", "picocli..",
                        "java..")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("io.istgt.telemetry.options"));
    }
}
