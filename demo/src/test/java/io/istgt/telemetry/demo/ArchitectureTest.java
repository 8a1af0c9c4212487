package io.istgt.telemetry.demo;

import io.istgt.telemetry.testsupport.ArchitectureRules;
import org.junit.jupiter.api.Test;

/**
 * The demo runs every product module but the replay, so its classpath holds their code: none of it may use test
 * code (the replay checks its own).
 */
class ArchitectureTest {

    @Test
    void shouldShipNoTestCodeInAnyModuleItRuns() {
        ArchitectureRules.productCodeUsesNoTestCode().check(ArchitectureRules.mainClasses("io.istgt.telemetry"));
    }
}
