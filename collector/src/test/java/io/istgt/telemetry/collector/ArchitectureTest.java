package io.istgt.telemetry.collector;

import io.istgt.telemetry.testsupport.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** The collector's packages, and what it may use of istgt-client. */
class ArchitectureTest {

    private static final String COLLECTOR = "io.istgt.telemetry.collector";

    @Test
    void shouldHaveNoPackageCycles() {
        ArchitectureRules.noPackageCycles(COLLECTOR).check(ArchitectureRules.mainClasses(COLLECTOR));
    }

    @Test
    void shouldUseOnlyTheClientApiInItsCodeAndTests() {
        ArchitectureRules.onlyTheClientApiIsUsedFromOutside().check(ArchitectureRules.mainAndTestClasses(COLLECTOR));
    }

    @Test
    void shouldUseNoTestCode() {
        ArchitectureRules.productCodeUsesNoTestCode().check(ArchitectureRules.mainClasses(COLLECTOR));
    }
}
