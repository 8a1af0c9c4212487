package io.istgt.telemetry.sim.model;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReplicationRulesTest {

    @ParameterizedTest(name = "RF={0} CF={1} H={2} D={3} -> {4}")
    @CsvSource({
            // the combinations seen on a real istgt, RF=3 CF=2
            "3, 2, 0, 0, OFFLINE",
            "3, 2, 0, 3, DEGRADED",
            "3, 2, 2, 1, HEALTHY",
            "3, 2, 1, 1, DEGRADED",
            "3, 2, 0, 1, OFFLINE",
            // more of RF=3 CF=2
            "3, 2, 0, 2, DEGRADED",
            "3, 2, 1, 0, OFFLINE",
            "3, 2, 2, 0, HEALTHY",
            "3, 2, 3, 0, HEALTHY",
            // a single replica
            "1, 1, 0, 0, OFFLINE",
            "1, 1, 0, 1, DEGRADED",
            "1, 1, 1, 0, HEALTHY",
            // RF=2 CF=1: either replica will do
            "2, 1, 0, 1, OFFLINE",
            "2, 1, 0, 2, DEGRADED",
            "2, 1, 1, 0, HEALTHY",
            // RF=3 CF=3: all must be there
            "3, 3, 2, 1, DEGRADED",
            "3, 3, 2, 0, OFFLINE",
            "3, 3, 3, 0, HEALTHY",
            "3, 3, 1, 1, OFFLINE",
            // RF=5 CF=3
            "5, 3, 1, 2, DEGRADED",
            "5, 3, 0, 2, OFFLINE",
            "5, 3, 0, 3, DEGRADED",
            "5, 3, 3, 0, HEALTHY",
            "5, 3, 2, 0, OFFLINE",
    })
    void shouldDecideStatusAsIstgtDoes(int rf, int cf, int healthy, int degraded, VolumeStatus expected) {
        ReplicationRules rules = new ReplicationRules(rf, cf);

        assertThat(rules.status(healthy, degraded)).isEqualTo(expected);
        assertThat(rules.ready(healthy, degraded)).isEqualTo(expected != VolumeStatus.OFFLINE);
    }

    @ParameterizedTest
    @CsvSource({"0, 1", "3, 0", "2, 3"})
    void shouldRefuseImpossibleFactors(int rf, int cf) {
        assertThatThrownBy(() -> new ReplicationRules(rf, cf)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("factor");
    }

    @ParameterizedTest
    @CsvSource({"3, 2, 1, false", "3, 2, 2, true", "3, 3, 2, false"})
    void shouldAllowSnapshotsOnlyWithConsistencyFactorHealthyReplicas(int rf, int cf, int healthy, boolean possible) {
        assertThat(new ReplicationRules(rf, cf).snapshotPossible(healthy)).isEqualTo(possible);
    }
}
