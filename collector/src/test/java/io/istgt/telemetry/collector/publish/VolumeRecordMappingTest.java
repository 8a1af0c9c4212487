package io.istgt.telemetry.collector.publish;

import static io.istgt.telemetry.collector.publish.SnapshotFixtures.IQN;
import static io.istgt.telemetry.collector.publish.SnapshotFixtures.SOCKET;
import static io.istgt.telemetry.collector.publish.SnapshotFixtures.VERSION;
import static org.assertj.core.api.Assertions.assertThat;

import io.istgt.telemetry.client.snapshot.ErrorKind;
import io.istgt.telemetry.client.snapshot.PartialFailure;
import io.istgt.telemetry.schemas.CollectionMetadata;
import io.istgt.telemetry.schemas.CommandFailure;
import io.istgt.telemetry.schemas.CommandSet;
import io.istgt.telemetry.schemas.IoCounters;
import io.istgt.telemetry.schemas.IoTotals;
import io.istgt.telemetry.schemas.IscsiConnections;
import io.istgt.telemetry.schemas.IscsiSession;
import io.istgt.telemetry.schemas.LunState;
import io.istgt.telemetry.schemas.MgmtOpCounts;
import io.istgt.telemetry.schemas.OpcodeCount;
import io.istgt.telemetry.schemas.PollFailureKind;
import io.istgt.telemetry.schemas.ReplicaCounts;
import io.istgt.telemetry.schemas.TargetInfo;
import io.istgt.telemetry.schemas.VolumeErrors;
import io.istgt.telemetry.schemas.VolumeHealth;
import io.istgt.telemetry.schemas.VolumeKey;
import io.istgt.telemetry.schemas.VolumeQueues;
import io.istgt.telemetry.schemas.VolumeStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class VolumeRecordMappingTest {

    private static final CollectorIdentity IDENTITY =
            new CollectorIdentity("node-a", Instant.parse("2026-11-23T20:00:00.000987Z"));

    private static PollRecords deep() {
        return new TargetRecorder(SOCKET, IDENTITY).success(SnapshotFixtures.deep(), Duration.ofMillis(42));
    }

    @Test
    void shouldCarryTheVolumesReplicationSettingsFromIstgtConfAndNoneWithoutThem() {
        java.nio.file.Path conf = java.nio.file.Path.of("/usr/local/etc/istgt/istgt.conf");
        VolumeStatus withConf = new TargetRecorder(SOCKET, IDENTITY).success(SnapshotFixtures.deep(), Duration.ZERO,
                iqn -> iqn.equals(IQN) ? java.util.Optional.of(
                        new io.istgt.telemetry.collector.conf.IstgtConf.ReplicationSettings(5, 3, null, conf))
                        : java.util.Optional.empty()).volumes().get(0).value();

        assertThat(withConf.getReplicationSettings()).isEqualTo(new io.istgt.telemetry.schemas.ReplicationSettings(
                5, 3, null, conf.toString()));
        assertThat(deep().volumes().get(0).value().getReplicationSettings()).isNull();
    }

    @Test
    void shouldKeyOneVolumeRecordByItsIqn() {
        PollRecords records = deep();

        assertThat(records.volumes()).singleElement().satisfies(v -> {
            assertThat(v.key()).isEqualTo(new VolumeKey(IQN));
            assertThat(v.value().getIqn()).isEqualTo(IQN);
            assertThat(v.value().getFailure()).isNull();
            assertThat(v.value().getPartialFailures()).isEmpty();
        });
    }

    @Test
    void shouldFillTheMetadataOfThePoll() {
        CollectionMetadata m = deep().volumes().get(0).value().getMetadata();

        assertThat(m).isEqualTo(CollectionMetadata.newBuilder()
                .setCollectedAt(Instant.parse("2026-11-23T20:40:00.123Z"))
                .setTarget(SOCKET)
                .setCollectorId("node-a")
                .setCollectorStartedAt(Instant.parse("2026-11-23T20:00:00Z"))
                .setCommandSet(CommandSet.DEEP_ISTGTSTATUS)
                .setSequence(1)
                .setPollDurationMs(42L)
                .build());
    }

    @Test
    void shouldMapTheTargetFromIostatsStatusInfoIstgtstatusAndMaxiowait() {
        TargetInfo t = deep().volumes().get(0).value().getTarget();

        assertThat(t).isEqualTo(TargetInfo.newBuilder()
                .setStatus(VolumeHealth.Healthy)
                .setLunState(LunState.REAL)
                .setOperatingMode("Running:NORMAL MODE OF OPERATION")
                .setPortalAddress("127.0.0.1")
                .setPortalPort(3260)
                .setIstgtVersion(VERSION)
                .setGitCommitHash("35d6e81affcfa53fb6d2f9d30a155d9f78a5987f")
                .setReleaseTag("1.1.0-RC1-13-g35d6e81")
                .setUpTimeSeconds(75L)
                .setSizeBytes(1073741824L)
                .setSectorSizeBytes(512)
                .setUsedLogicalBlocks(19L)
                .setUsedBytes(19L * 512)
                .setRevisionCounter(1060070L)
                .setMaxIoWaitSeconds(120L)
                .build());
    }

    @Test
    void shouldCountReplicasAndListTheirIdsByMode() {
        ReplicaCounts c = deep().volumes().get(0).value().getReplicaCounts();

        assertThat(c).isEqualTo(ReplicaCounts.newBuilder()
                .setHealthy(2)
                .setDegraded(1)
                .setOffline(0)
                .setUnknown(0)
                .setReportedReplicaCounter(3)
                .setConnectedReplicaIds(List.of("6161", "6162", "6163"))
                .setOfflineReplicaIds(List.of())
                .setDegradedReplicaIds(List.of("6161"))
                .build());
    }

    @Test
    void shouldMapLoginsWorkersAndTheInfoSessionsOfThisVolume() {
        IscsiConnections c = deep().volumes().get(0).value().getIscsiConnections();

        assertThat(c.getLoginRequests()).isEqualTo(5L);
        assertThat(c.getLoginSuccesses()).isEqualTo(5L);
        assertThat(c.getLogoutRequests()).isEqualTo(5L);
        assertThat(c.getLogoutSuccesses()).isEqualTo(5L);
        assertThat(c.getDiscoveryRequests()).isZero();
        assertThat(c.getDiscoverySuccesses()).isZero();
        assertThat(c.getLuWorkers()).isEqualTo(6);
        assertThat(c.getActiveSessions()).isEqualTo(7);
        assertThat(c.getLoginDurationHistogram()).as("extended: no istgt build sends it").isNull();
        assertThat(c.getSessions()).hasSize(7);
        assertThat(c.getSessions().get(0)).isEqualTo(IscsiSession.newBuilder()
                .setInitiatorName("iqn.2007-10.com.github:sahlberg:libiscsi:iscsi-ls")
                .setInitiatorAddress("127.0.0.1")
                .setWorkerId(1)
                .setLun("LU1")
                .setLuOnline(true)
                .setPortal("127.0.0.1:3260,1")
                .setIsid("80dfcdae0000")
                .setTsih(1)
                .setCid(0)
                .setHeaderDigest("off")
                .setDataDigest("off")
                .setMaxConnections(1)
                .setFirstBurstLengthBytes(262144L)
                .setMaxBurstLengthBytes(262144L)
                .setMaxRecvDataSegmentLengthBytes(262144L)
                .setInitialR2T(true)
                .setImmediateData(true)
                .setPendingPdus(0)
                .setState(2)
                .build());
    }

    @Test
    void shouldTakeCommandCountsFromIstgtstatusAndOpcodesFromStats() {
        IoCounters io = deep().volumes().get(0).value().getIoCounters();

        assertThat(List.of(io.getRead6(), io.getRead10(), io.getRead12(), io.getRead16(), io.getWrite6(),
                io.getWrite10(), io.getWrite12(), io.getWrite16(), io.getSync10(), io.getSync16()))
                .containsExactly(0L, 512L, 0L, 9213L, 0L, 768L, 0L, 0L, 0L, 0L);
        assertThat(io.getScsiOpcodes()).hasSize(10).contains(
                new OpcodeCount(0x28, "READ(10)", 512L, 512L),
                new OpcodeCount(0x2a, "WRITE(10)", 768L, 768L),
                new OpcodeCount(0x12, "INQUIRY", 11L, 11L));
        // PDU:9: nine entries, then a 0:0 0 pad, which is no NOP-Out
        assertThat(io.getIscsiPdus()).hasSize(9).contains(
                new OpcodeCount(0x01, "SCSI Command", 1313L, 0L),
                new OpcodeCount(0x21, "SCSI Response", 0L, 781L))
                .extracting(OpcodeCount::getOpcode).doesNotContain(0x00);
    }

    @Test
    void shouldMapEveryIostatsTotal() {
        IoTotals io = deep().volumes().get(0).value().getIoTotals();

        assertThat(io).isEqualTo(new IoTotals(9725L, 768L, 71421952L, 50528256L, 139496L, 98688L,
                11774598975L, 11485760138L, 11461143977L, 2315247926L, 2296233769L, 2295530077L));
    }

    @Test
    void shouldMapQueuesManagementOpsAndErrorSums() {
        VolumeStatus v = deep().volumes().get(0).value();

        assertThat(v.getQueues()).isEqualTo(new VolumeQueues(0L, 0L, 0L, 0L));
        assertThat(v.getMgmtOps()).isEqualTo(new MgmtOpCounts(1L, 0L, 1L, 0L, 3L, 3L, 3L, 3L, null, null, null, null));
        assertThat(v.getErrors()).isEqualTo(new VolumeErrors(0L, 0L, 0L, null, null, null));
    }

    @Test
    void shouldLeaveWhatOnlyIstgtstatusGivesNullWithTheStockSet() {
        VolumeStatus v = new TargetRecorder(SOCKET, IDENTITY).success(SnapshotFixtures.stock(), Duration.ofMillis(7))
                .volumes().get(0).value();

        assertThat(v.getMetadata().getCommandSet()).isEqualTo(CommandSet.STOCK);
        assertThat(v.getTarget().getGitCommitHash()).isNull();
        assertThat(v.getTarget().getReleaseTag()).isNull();
        assertThat(v.getTarget().getStatus()).isEqualTo(VolumeHealth.Degraded);
        assertThat(v.getQueues()).isNull();
        assertThat(v.getMgmtOps()).isNull();
        assertThat(v.getErrors()).isEqualTo(new VolumeErrors(null, null, null, null, null, null));
        IscsiConnections c = v.getIscsiConnections();
        assertThat(c.getLoginRequests()).isNull();
        assertThat(c.getLuWorkers()).isNull();
        assertThat(c.getActiveSessions()).isEqualTo(7);
        assertThat(v.getReplicaCounts().getDegradedReplicaIds()).containsExactly("6161", "6162", "6163");
        assertThat(v.getReplicaCounts().getOffline()).isZero();
        IoCounters io = v.getIoCounters();
        assertThat(List.of(io.getRead6(), io.getRead10(), io.getRead12(), io.getRead16(), io.getWrite6(),
                io.getWrite10(), io.getWrite12(), io.getWrite16(), io.getSync10(), io.getSync16()))
                .as("derived from STATS: an opcode STATS does not list was never seen")
                .containsExactly(0L, 512L, 0L, 0L, 0L, 768L, 0L, 0L, 0L, 0L);
    }

    @Test
    void shouldLeaveTheCountsOfTheOpcodesStatsCutUnknownAndSaySo() {
        VolumeStatus v = new TargetRecorder(SOCKET, IDENTITY)
                .success(SnapshotFixtures.stock(SnapshotFixtures.STATS_MORE_THAN_TEN), Duration.ofMillis(7))
                .volumes().get(0).value();

        IoCounters io = v.getIoCounters();
        assertThat(Arrays.asList(io.getRead6(), io.getRead10(), io.getRead12(), io.getRead16(), io.getWrite6(),
                io.getWrite10(), io.getWrite12(), io.getWrite16(), io.getSync10(), io.getSync16()))
                .as("listed: their counts; not listed while STATS cut its list: unknown, not 0")
                .containsExactly(510L, 512L, null, 512L, null, 768L, null, 512L, null, null);
        assertThat(io.getScsiOpcodes()).hasSize(10).contains(
                new OpcodeCount(0x00, "TEST UNIT READY", 15L, 15L),
                new OpcodeCount(0x8a, "WRITE(16)", 512L, 512L));
        assertThat(io.getIscsiPdus()).hasSize(9).extracting(OpcodeCount::getOpcode).doesNotContain(0x00);
        assertThat(v.getFailure()).isNull();
        assertThat(v.getPartialFailures()).containsExactly(new CommandFailure("STATS", PollFailureKind.TRUNCATED,
                "STATS listed 10 of 14 SCSI opcodes; the others are unknown (socket " + SOCKET + ", command STATS)",
                null));
    }

    @Test
    void shouldListThePartialFailuresOfASuccessfulPoll() {
        var snapshot = SnapshotFixtures.withPartialFailures(SnapshotFixtures.deep(), List.of(
                new PartialFailure("STATS", ErrorKind.ERR_REPLY, "istgt answered 'ERR busy' (socket s, command STATS)",
                        "busy"),
                new PartialFailure("ISTGTSTATUS", ErrorKind.JSON_TRUNCATED, "cut", null),
                new PartialFailure("MEMPOOL", ErrorKind.UNSUPPORTED_COMMAND, "unknown", "unknown command")));

        VolumeStatus v = new TargetRecorder(SOCKET, IDENTITY).success(snapshot, Duration.ZERO).volumes().get(0).value();

        assertThat(v.getFailure()).isNull();
        assertThat(v.getPartialFailures()).containsExactly(
                new CommandFailure("STATS", PollFailureKind.ERROR_REPLY,
                        "istgt answered 'ERR busy' (socket s, command STATS)", "busy"),
                new CommandFailure("ISTGTSTATUS", PollFailureKind.TRUNCATED, "cut", null),
                new CommandFailure("MEMPOOL", PollFailureKind.ERROR_REPLY, "unknown", "unknown command"));
    }

    @Test
    void shouldReadPortalsWithIpv6AddressesAndWithoutPorts() {
        assertThat(VolumeRecordMapper.Portal.parse("[fd00::1]:3260,1"))
                .isEqualTo(new VolumeRecordMapper.Portal("fd00::1", 3260));
        assertThat(VolumeRecordMapper.Portal.parse("10.0.0.7:3260,1"))
                .isEqualTo(new VolumeRecordMapper.Portal("10.0.0.7", 3260));
        assertThat(VolumeRecordMapper.Portal.parse("10.0.0.7")).isEqualTo(new VolumeRecordMapper.Portal("10.0.0.7", null));
        assertThat(VolumeRecordMapper.Portal.first(List.of())).isNull();
    }
}
