package io.istgt.telemetry.replay;

import io.istgt.telemetry.testsupport.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** The one product module the demo does not run checks itself; and that it only reads Kafka. */
class ArchitectureTest {

    /**
     * The replay only reads: its re-derivation runs offline. Written back to Kafka, a re-derived alert would keep
     * its input's old time, and a topic whose retention is shorter than that age would delete it on arrival.
     */
    @Test
    void shouldWriteNothingToKafka() {
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses()
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka.clients.producer..")
                .as("the replay writes nothing to Kafka (no producer)")
                .check(ArchitectureRules.mainClasses("io.istgt.telemetry.replay"));
    }

    @Test
    void shouldUseNoTestCode() {
        ArchitectureRules.productCodeUsesNoTestCode()
                .check(ArchitectureRules.mainClasses("io.istgt.telemetry.replay"));
    }
}
