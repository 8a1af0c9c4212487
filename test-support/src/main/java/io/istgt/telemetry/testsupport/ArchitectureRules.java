package io.istgt.telemetry.testsupport;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

/**
 * The boundaries between the project's modules and packages, as ArchUnit rules that each module's
 * {@code ArchitectureTest} checks against its own classes.
 */
public final class ArchitectureRules {

    public static final String CLIENT = "io.istgt.telemetry.client";
    /** What other modules may use of istgt-client: its API and its snapshot model. */
    private static final String[] CLIENT_API = {CLIENT, CLIENT + ".snapshot"};
    private static final String TEST_SUPPORT = "io.istgt.telemetry.testsupport..";

    private ArchitectureRules() {
    }

    /** The classes of {@code packages} (and below) built from {@code src/main}. */
    public static JavaClasses mainClasses(String... packages) {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(packages);
    }

    /** The classes of {@code packages} (and below), from {@code src/main} and {@code src/test}. */
    public static JavaClasses mainAndTestClasses(String... packages) {
        return new ClassFileImporter().importPackages(packages);
    }

    /** Code outside istgt-client uses only the client's API packages: the others are its inside. */
    public static ArchRule onlyTheClientApiIsUsedFromOutside() {
        return noClasses().that().resideOutsideOfPackage(CLIENT + "..")
                .should().dependOnClassesThat(resideInAPackage(CLIENT + "..").and(not(resideInAnyPackage(CLIENT_API))))
                .as("code outside istgt-client uses only its API packages " + String.join(", ", CLIENT_API))
                .because("what a caller needs of the client's inside gets an entry point in the API instead");
    }

    /** No cycle between the packages at or below {@code root}: each package is one slice. */
    public static ArchRule noPackageCycles(String root) {
        return slices().assignedFrom(new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass c) {
                String p = c.getPackageName();
                return p.equals(root) || p.startsWith(root + ".") ? SliceIdentifier.of(p) : SliceIdentifier.ignore();
            }

            @Override
            public String getDescription() {
                return "the packages of " + root;
            }
        }).should().beFreeOfCycles();
    }

    /**
     * Product code, built from {@code src/main}, never reaches into test code. test-support is test code itself,
     * and the benchmarks are no product: they run the tests' brokers on purpose.
     */
    public static ArchRule productCodeUsesNoTestCode() {
        return noClasses().that().resideOutsideOfPackages(TEST_SUPPORT, "io.istgt.telemetry.bench..")
                .should().dependOnClassesThat().resideInAnyPackage(TEST_SUPPORT, "io.istgt.telemetry.testrecords..",
                        "org.junit..", "org.assertj..", "org.testcontainers..", "com.tngtech.archunit..")
                .as("product code uses no test code (test-support, test-records, JUnit, AssertJ, Testcontainers,"
                        + " ArchUnit)");
    }
}
