package io.istgt.telemetry.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.istgt.telemetry.schemas.Alert;
import io.istgt.telemetry.schemas.AlertKind;
import io.istgt.telemetry.schemas.AlertState;
import io.istgt.telemetry.schemas.CollectionMetadata;
import io.istgt.telemetry.schemas.CommandSet;
import io.istgt.telemetry.schemas.ReplicaCounts;
import io.istgt.telemetry.schemas.Severity;
import io.istgt.telemetry.schemas.TargetInfo;
import io.istgt.telemetry.schemas.VolumeHealth;
import io.istgt.telemetry.schemas.VolumeStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DashboardTest {

    private static final String IQN = "iqn.2016-09.com.openebs.cstor:pvc-1";
    private static final Instant T0 = Instant.parse("2026-11-23T20:00:00Z");

    private final Dashboard dashboard = new Dashboard();

    @Test
    void shouldShowEachReplicasModeFromTheVolumeRecordAlone() {
        dashboard.onVolume(volume(VolumeHealth.Healthy, List.of("6161", "6162"), List.of("6162"), List.of("6163"), T0));

        Dashboard.VolumeRow row = dashboard.snapshot(0).volumes().getFirst();

        assertThat(row.name()).isEqualTo("pvc-1");
        assertThat(row.replicaModes()).containsExactly(java.util.Map.entry("6161", "Healthy"),
                java.util.Map.entry("6162", "Degraded"), java.util.Map.entry("6163", "offline"));
    }

    @Test
    void shouldRecordAStatusChangeBetweenTwoRecordsOfAVolume() {
        dashboard.onVolume(volume(VolumeHealth.Healthy, List.of("6161"), List.of(), List.of(), T0));
        dashboard.onVolume(volume(VolumeHealth.Offline, List.of(), List.of(), List.of(), T0.plusSeconds(1)));

        assertThat(dashboard.snapshot(0).statusChanges()).singleElement()
                .satisfies(c -> assertThat(c.from() + "->" + c.to()).isEqualTo("Healthy->Offline"));
    }

    @Test
    void shouldPairAResolvedAlertWithItsFiringOne() {
        dashboard.onAlert(alert(AlertState.FIRING));
        assertThat(dashboard.snapshot(0).active()).hasSize(1);

        dashboard.onAlert(alert(AlertState.RESOLVED));

        Dashboard.Snapshot s = dashboard.snapshot(0);
        assertThat(s.active()).isEmpty();
        assertThat(s.firing()).isEqualTo(1);
        assertThat(s.resolved()).isEqualTo(1);
        assertThat(s.firedAndResolvedKinds()).containsExactly("REPLICA_DISCONNECTED");
    }

    @Test
    void shouldComputeTheRecordsRateOverTheLastSeconds() {
        dashboard.snapshot(0);
        for (int i = 0; i < 20; i++) {
            dashboard.onReplica();
        }

        assertThat(dashboard.snapshot(2_000_000_000L).recordsPerSecond()).isEqualTo(10.0);
    }

    private static VolumeStatus volume(VolumeHealth health, List<String> connected, List<String> degraded,
                                       List<String> offline, Instant at) {
        return VolumeStatus.newBuilder()
                .setMetadata(CollectionMetadata.newBuilder().setCollectedAt(at).setTarget("/tmp/pvc-1.sock")
                        .setCollectorId("test").setCollectorStartedAt(T0).setCommandSet(CommandSet.DEEP_ISTGTSTATUS)
                        .setSequence(1).build())
                .setIqn(IQN)
                .setTarget(TargetInfo.newBuilder().setStatus(health).setUpTimeSeconds(10).setSizeBytes(1)
                        .setSectorSizeBytes(512).setUsedLogicalBlocks(0).setUsedBytes(0).setRevisionCounter(0).build())
                .setReplicaCounts(ReplicaCounts.newBuilder().setHealthy(connected.size() - degraded.size())
                        .setDegraded(degraded.size()).setOffline(offline.size()).setUnknown(0)
                        .setReportedReplicaCounter(connected.size()).setConnectedReplicaIds(connected)
                        .setDegradedReplicaIds(degraded).setOfflineReplicaIds(offline).build())
                .build();
    }

    private static Alert alert(AlertState state) {
        return Alert.newBuilder().setIqn(IQN).setReplicaId("6162").setKind(AlertKind.REPLICA_DISCONNECTED)
                .setState(state).setSeverity(Severity.WARNING).setStartedAt(T0).setEventAt(T0)
                .setSummary("replica 6162 of " + IQN + " disconnected").build();
    }
}
