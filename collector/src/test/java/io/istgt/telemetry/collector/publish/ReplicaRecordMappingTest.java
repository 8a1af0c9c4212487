package io.istgt.telemetry.collector.publish;

import static io.istgt.telemetry.collector.publish.SnapshotFixtures.IQN;
import static io.istgt.telemetry.collector.publish.SnapshotFixtures.SOCKET;
import static org.assertj.core.api.Assertions.assertThat;

import io.istgt.telemetry.client.snapshot.ReplicaErrorCounts;
import io.istgt.telemetry.client.snapshot.ReplicaId;
import io.istgt.telemetry.client.snapshot.ReplicaSnapshot;
import io.istgt.telemetry.client.snapshot.VolumeSnapshot;
import io.istgt.telemetry.schemas.MempoolUsage;
import io.istgt.telemetry.schemas.MgmtOpCounts;
import io.istgt.telemetry.schemas.ReplicaErrors;
import io.istgt.telemetry.schemas.ReplicaKey;
import io.istgt.telemetry.schemas.ReplicaMode;
import io.istgt.telemetry.schemas.ReplicaOpStats;
import io.istgt.telemetry.schemas.ReplicaQueues;
import io.istgt.telemetry.schemas.ReplicaStatus;
import io.istgt.telemetry.schemas.VolumeStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplicaRecordMappingTest {

    private static final CollectorIdentity IDENTITY = new CollectorIdentity("node-a", Instant.parse("2026-11-23T20:00:00Z"));
    private static final String BIG_GUID = "16178149552629799470";

    private static TargetRecorder recorder() {
        return new TargetRecorder(SOCKET, IDENTITY);
    }

    @Test
    void shouldPublishOneRecordPerReplicaKeyedByIqnAndIdWithThePollsMetadata() {
        PollRecords records = recorder().success(SnapshotFixtures.deep(), Duration.ofMillis(3));

        assertThat(records.replicas()).extracting(OutboundRecord.Replica::key).containsExactly(
                new ReplicaKey(IQN, "6161"), new ReplicaKey(IQN, "6162"), new ReplicaKey(IQN, "6163"));
        assertThat(records.replicas()).allSatisfy(r -> {
            assertThat(r.value().getIqn()).isEqualTo(IQN);
            assertThat(r.value().getReplicaId()).isEqualTo(r.key().getReplicaId());
            assertThat(r.value().getMetadata()).isEqualTo(records.volumes().get(0).value().getMetadata());
        });
    }

    @Test
    void shouldMapEveryFieldOfAConnectedReplica() {
        ReplicaStatus r = recorder().success(SnapshotFixtures.deep(), Duration.ZERO).replicas().get(0).value();

        assertThat(r.getReplicaId()).isEqualTo("6161");
        assertThat(r.getConnected()).isTrue();
        assertThat(r.getAddress()).isEqualTo("127.0.0.1");
        assertThat(r.getPort()).isEqualTo(41100);
        assertThat(r.getMode()).isEqualTo(ReplicaMode.Degraded);
        assertThat(r.getInQuorum()).isTrue();
        assertThat(r.getCheckpointedIoSeq()).isEqualTo(1000L);
        assertThat(r.getUpTimeSeconds()).isEqualTo(75L);
        assertThat(r.getRead()).isEqualTo(new ReplicaOpStats(0L, 969190784L, 2433469597L, null, null, null, null, null, null));
        assertThat(r.getWrite()).isEqualTo(new ReplicaOpStats(0L, 23395L, 98576079L, null, null, null, null, null, null));
        assertThat(r.getSync()).isEqualTo(new ReplicaOpStats(0L, null, null, null, null, null, null, null, null));
        assertThat(r.getQueues()).isEqualTo(new ReplicaQueues(0L, 0L, 0L, null, null));
        assertThat(r.getMgmtOps()).isEqualTo(new MgmtOpCounts(0L, 0L, 0L, 0L, 1L, 1L, 1L, 1L, null, null, null, null));
        assertThat(r.getMempool()).isEqualTo(new MempoolUsage(0L, 0L, 0L, 0L));
        assertThat(r.getErrors()).isEqualTo(new ReplicaErrors(0L, 0L, 0L));
        assertThat(r.getCapacity()).as("extended: no control command reports it").isNull();
    }

    @Test
    void shouldLeaveIstgtstatusOnlyGroupsNullWithTheStockSet() {
        ReplicaStatus r = recorder().success(SnapshotFixtures.stock(), Duration.ZERO).replicas().get(2).value();

        assertThat(r.getReplicaId()).isEqualTo("6163");
        assertThat(r.getMode()).isEqualTo(ReplicaMode.Degraded);
        assertThat(r.getPort()).isNull();
        assertThat(r.getUpTimeSeconds()).isEqualTo(7L);
        assertThat(r.getRead()).isEqualTo(new ReplicaOpStats(0L, 16969L, 63526135L, null, null, null, null, null, null));
        assertThat(r.getQueues()).isNull();
        assertThat(r.getMgmtOps()).isNull();
        assertThat(r.getErrors()).isNull();
        assertThat(r.getMempool()).isEqualTo(new MempoolUsage(0L, 0L, 0L, 0L));
    }

    @Test
    void shouldKeepAGuidAboveLongMaxValueAsItsDecimalText() {
        var snapshot = SnapshotFixtures.deep(text -> text.replace("\"6161\"", "\"" + BIG_GUID + "\""));

        PollRecords records = recorder().success(snapshot, Duration.ZERO);

        assertThat(new java.math.BigInteger(BIG_GUID)).isGreaterThan(java.math.BigInteger.valueOf(Long.MAX_VALUE));
        assertThat(records.replicas()).extracting(r -> r.key().getReplicaId())
                .containsExactly("6162", "6163", BIG_GUID);
        ReplicaStatus big = records.replicas().get(2).value();
        assertThat(big.getReplicaId()).isEqualTo(BIG_GUID);
        assertThat(big.getMode()).isEqualTo(ReplicaMode.Degraded);
        assertThat(big.getErrors()).isEqualTo(new ReplicaErrors(0L, 0L, 0L));
        assertThat(records.volumes().get(0).value().getReplicaCounts().getDegradedReplicaIds()).containsExactly(BIG_GUID);
    }

    @Test
    void shouldReportAReplicaListedOnlyInErrorsAsNotConnectedWithItsErrorCounts() {
        var deep = SnapshotFixtures.deep();
        VolumeSnapshot v = deep.volumes().get(0);
        ReplicaSnapshot gone = ReplicaSnapshot.offline(ReplicaId.of("6163"), new ReplicaErrorCounts(2L, 5L, 1L));
        VolumeSnapshot withOffline = new VolumeSnapshot(v.target(),
                new io.istgt.telemetry.client.snapshot.ReplicaCounts(1, 1, 1, null),
                List.of(v.replicas().get(0), v.replicas().get(1), gone));

        PollRecords records = recorder().success(SnapshotFixtures.withVolume(deep, withOffline), Duration.ZERO);

        ReplicaStatus r = records.replicas().get(2).value();
        assertThat(r.getReplicaId()).isEqualTo("6163");
        assertThat(r.getConnected()).isFalse();
        assertThat(r.getMode()).isNull();
        assertThat(r.getAddress()).isNull();
        assertThat(r.getRead()).isNull();
        assertThat(r.getQueues()).isNull();
        assertThat(r.getErrors()).isEqualTo(new ReplicaErrors(2L, 5L, 1L));
        VolumeStatus volume = records.volumes().get(0).value();
        assertThat(volume.getReplicaCounts().getOffline()).isEqualTo(1);
        assertThat(volume.getReplicaCounts().getOfflineReplicaIds()).containsExactly("6163");
        assertThat(volume.getReplicaCounts().getConnectedReplicaIds()).containsExactly("6161", "6162");
        assertThat(volume.getErrors().getDataConnErrors()).as("errors[] of gone replicas count too").isEqualTo(5L);
    }

    @Test
    void shouldReportAReplicaSeenEarlierInThisRunAndAbsentNowAsNotConnected() {
        TargetRecorder recorder = recorder();
        var deep = SnapshotFixtures.deep();
        VolumeSnapshot v = deep.volumes().get(0);
        VolumeSnapshot without6162 = new VolumeSnapshot(v.target(), new io.istgt.telemetry.client.snapshot.ReplicaCounts(
                1, 1, 0, null), v.replicas().stream().filter(r -> !r.id().value().equals("6162")).toList());
        recorder.success(deep, Duration.ZERO);

        PollRecords second = recorder.success(SnapshotFixtures.withVolume(deep, without6162), Duration.ZERO);

        assertThat(second.replicas()).extracting(r -> r.key().getReplicaId()).containsExactly("6161", "6163", "6162");
        ReplicaStatus gone = second.replicas().get(2).value();
        assertThat(gone).isEqualTo(ReplicaStatus.newBuilder()
                .setMetadata(second.volumes().get(0).value().getMetadata())
                .setIqn(IQN)
                .setReplicaId("6162")
                .setConnected(false)
                .build());
        var counts = second.volumes().get(0).value().getReplicaCounts();
        assertThat(counts.getOffline()).isEqualTo(1);
        assertThat(counts.getOfflineReplicaIds()).containsExactly("6162");
        assertThat(counts.getConnectedReplicaIds()).containsExactly("6161", "6163");
        assertThat(deep.volumes().get(0).replicas()).extracting(ReplicaSnapshot::mode)
                .contains(io.istgt.telemetry.client.snapshot.ReplicaMode.HEALTHY);
    }

    @Test
    void shouldListVanishedAndOfflineReplicasTogetherInNumericOrderEachOnce() {
        TargetRecorder recorder = recorder();
        var deep = SnapshotFixtures.deep();
        VolumeSnapshot v = deep.volumes().get(0);
        ReplicaSnapshot big = ReplicaSnapshot.offline(ReplicaId.of(BIG_GUID), new ReplicaErrorCounts(0L, 0L, 0L));
        recorder.success(SnapshotFixtures.withVolume(deep, new VolumeSnapshot(v.target(), v.replicaCounts(),
                List.of(v.replicas().get(0), v.replicas().get(1), v.replicas().get(2), big))), Duration.ZERO);
        // 6161 and 6163 vanish; the big id and 6162 are listed in mode Offline, 6162 twice.
        ReplicaSnapshot offline6162 = ReplicaSnapshot.offline(ReplicaId.of("6162"), new ReplicaErrorCounts(0L, 0L, 0L));

        PollRecords second = recorder.success(SnapshotFixtures.withVolume(deep, new VolumeSnapshot(v.target(),
                v.replicaCounts(), List.of(big, offline6162, offline6162))), Duration.ZERO);

        assertThat(second.volumes().get(0).value().getReplicaCounts().getOfflineReplicaIds())
                .containsExactly("6161", "6162", "6163", BIG_GUID);
        assertThat(second.replicas()).extracting(r -> r.key().getReplicaId())
                .containsExactly(BIG_GUID, "6162", "6162", "6161", "6163");
    }
}
