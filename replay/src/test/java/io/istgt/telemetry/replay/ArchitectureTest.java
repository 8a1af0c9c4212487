package io.istgt.telemetry.replay;

import io.istgt.telemetry.testsupport.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** The one product module the demo does not run checks itself. */
class ArchitectureTest {

    @Test
    void shouldUseNoTestCode() {
        ArchitectureRules.productCodeUsesNoTestCode()
                .check(ArchitectureRules.mainClasses("io.istgt.telemetry.replay"));
    }
}
