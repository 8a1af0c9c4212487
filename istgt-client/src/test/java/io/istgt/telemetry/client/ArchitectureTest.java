package io.istgt.telemetry.client;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.istgt.telemetry.testsupport.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** istgt-client's place between the protocol below it and the collector above it, and its inside. */
class ArchitectureTest {

    private static final JavaClasses CLIENT = ArchitectureRules.mainClasses(ArchitectureRules.CLIENT);

    @Test
    void shouldDependOnlyOnTheProtocolAndItsLibraries() {
        classes().should().onlyDependOnClassesThat().resideInAnyPackage(ArchitectureRules.CLIENT + "..",
                        "io.istgt.telemetry.protocol..", "java..", "org.slf4j..", "com.fasterxml.jackson..",
                        "org.newsclub.net.unix..")
                .as("istgt-client depends on istgt-protocol and its libraries only: not on the collector, Kafka,"
                        + " Avro or the schemas")
                .check(CLIENT);
    }

    @Test
    void shouldNotBeReachedIntoByTheProtocol() {
        noClasses().should().dependOnClassesThat().resideInAPackage(ArchitectureRules.CLIENT + "..")
                .check(ArchitectureRules.mainClasses("io.istgt.telemetry.protocol"));
    }

    @Test
    void shouldHaveNoPackageCycles() {
        ArchitectureRules.noPackageCycles(ArchitectureRules.CLIENT).check(CLIENT);
    }

    @Test
    void shouldKeepTheReplyPackageClosedButForItsTwoDoors() {
        classes().that().resideInAPackage(ArchitectureRules.CLIENT + ".reply").and().arePublic()
                .should().haveNameMatching(".*\\.reply\\.(PollParser|MalformedReplyException(\\$Problem)?)")
                .as("the parsers and the merge are package-private: the client's classes reach them through"
                        + " PollParser, which throws MalformedReplyException")
                .check(CLIENT);
    }

    @Test
    void shouldUseNoTestCode() {
        ArchitectureRules.productCodeUsesNoTestCode().check(CLIENT);
    }
}
