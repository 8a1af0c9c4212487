package io.istgt.telemetry.bench;

import io.istgt.telemetry.testsupport.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** The benchmarks measure the client through its API, as any caller would use it. */
class ArchitectureTest {

    @Test
    void shouldUseOnlyTheClientApi() {
        ArchitectureRules.onlyTheClientApiIsUsedFromOutside()
                .check(ArchitectureRules.mainAndTestClasses("io.istgt.telemetry.bench"));
    }
}
