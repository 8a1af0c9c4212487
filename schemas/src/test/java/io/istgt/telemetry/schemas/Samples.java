package io.istgt.telemetry.schemas;

import java.time.Instant;
import java.util.List;

/**
 * Records as the collector would build them from the real captures in test-support (pr263-03 ISTGTSTATUS and
 * IOSTATS after IO; 05-after-io STATS and INFO): one of each shape a consumer meets.
 */
public final class Samples {

    public static final String IQN = "iqn.2016-09.com.openebs.cstor:vol1";
    public static final String TARGET = "/var/run/istgt_ctl_sock";
    public static final Instant COLLECTED_AT = Instant.parse("2026-11-23T20:39:03.123Z");
    public static final Instant STARTED_AT = Instant.parse("2026-11-23T20:30:00Z");
    /** A production-style GUID above Long.MAX_VALUE. */
    public static final String BIG_REPLICA_ID = "16178149552629799470";

    private Samples() {
    }

    public static CollectionMetadata metadata(CommandSet commandSet, long sequence) {
        return CollectionMetadata.newBuilder()
                .setCollectedAt(COLLECTED_AT)
                .setTarget(TARGET)
                .setCollectorId("collector-0")
                .setCollectorStartedAt(STARTED_AT)
                .setCommandSet(commandSet)
                .setSequence(sequence)
                .setPollDurationMs(12L)
                .build();
    }

    public static VolumeKey volumeKey() {
        return VolumeKey.newBuilder().setIqn(IQN).build();
    }

    public static ReplicaKey replicaKey(String replicaId) {
        return ReplicaKey.newBuilder().setIqn(IQN).setReplicaId(replicaId).build();
    }

    /** A successful deep poll: every group set. */
    public static VolumeStatus healthyDeepVolume() {
        return VolumeStatus.newBuilder()
                .setMetadata(metadata(CommandSet.DEEP_ISTGTSTATUS, 42))
                .setIqn(IQN)
                .setTarget(TargetInfo.newBuilder()
                        .setStatus(VolumeHealth.Healthy)
                        .setLunState(LunState.REAL)
                        .setOperatingMode("Running:NORMAL MODE OF OPERATION")
                        .setPortalAddress("127.0.0.1")
                        .setPortalPort(3260)
                        .setIstgtVersion("istgt:0.5.20121028:20:38:48:Nov 23 2026")
                        .setGitCommitHash("35d6e81affcfa53fb6d2f9d30a155d9f78a5987f")
                        .setReleaseTag("1.1.0-RC1-13-g35d6e81")
                        .setUpTimeSeconds(75)
                        .setSizeBytes(1_073_741_824L)
                        .setSectorSizeBytes(512)
                        .setUsedLogicalBlocks(19)
                        .setUsedBytes(19 * 512)
                        .setRevisionCounter(1_060_070)
                        .setMaxIoWaitSeconds(120L)
                        .build())
                .setReplicaCounts(ReplicaCounts.newBuilder()
                        .setHealthy(2).setDegraded(1).setOffline(0).setUnknown(0).setReportedReplicaCounter(3)
                        .setConnectedReplicaIds(List.of("6161", "6162", "6163"))
                        .build())
                .setIscsiConnections(IscsiConnections.newBuilder()
                        .setLoginRequests(5L).setLoginSuccesses(5L).setLogoutRequests(5L).setLogoutSuccesses(5L)
                        .setDiscoveryRequests(0L).setDiscoverySuccesses(0L).setLuWorkers(6).setActiveSessions(1)
                        .setSessions(List.of(IscsiSession.newBuilder()
                                .setInitiatorName("iqn.2007-10.com.github:sahlberg:libiscsi:iscsi-test")
                                .setInitiatorAddress("127.0.0.1").setWorkerId(4).setLun("LU1").setLuOnline(true)
                                .setPortal("127.0.0.1:3260,1").setIsid("800de8630000").setTsih(4).setCid(0)
                                .setHeaderDigest("off").setDataDigest("off").setMaxConnections(1)
                                .setFirstBurstLengthBytes(262_144L).setMaxBurstLengthBytes(262_144L)
                                .setMaxRecvDataSegmentLengthBytes(262_144L).setInitialR2T(true)
                                .setImmediateData(true).setPendingPdus(0).setState(2)
                                .build()))
                        .setLoginDurationHistogram(DurationHistogram.newBuilder()
                                .setBoundsMs(List.of(1.0, 5.0, 25.0)).setCounts(List.of(3L, 1L, 1L, 0L))
                                .setCount(5).setSumMs(14.5).build())
                        .build())
                .setIoCounters(IoCounters.newBuilder()
                        .setRead6(0L).setRead10(512L).setRead12(0L).setRead16(9213L)
                        .setWrite6(0L).setWrite10(768L).setWrite12(0L).setWrite16(0L).setSync10(0L).setSync16(0L)
                        .setScsiOpcodes(List.of(
                                OpcodeCount.newBuilder().setOpcode(0x28).setName("READ(10)").setStarted(512).setFinished(512).build(),
                                OpcodeCount.newBuilder().setOpcode(0x2a).setName("WRITE(10)").setStarted(768).setFinished(768).build()))
                        .setIscsiPdus(List.of(
                                OpcodeCount.newBuilder().setOpcode(0x01).setStarted(1313).setFinished(0).build()))
                        .build())
                .setIoTotals(IoTotals.newBuilder()
                        .setReadCommands(9725).setWriteCommands(768)
                        .setReadBytes(71_421_952).setWriteBytes(50_528_256)
                        .setReadBlocks(139_496).setWriteBlocks(98_688)
                        .setReadTimeNs(11_774_598_975L).setLuReadTimeNs(11_485_760_138L)
                        .setReplicationReadTimeNs(11_461_143_977L)
                        .setWriteTimeNs(2_315_247_926L).setLuWriteTimeNs(2_296_233_769L)
                        .setReplicationWriteTimeNs(2_295_530_077L)
                        .build())
                .setQueues(VolumeQueues.newBuilder()
                        .setCommandQueueLength(0).setBlockedQueueLength(0)
                        .setMaintenanceCommandQueueLength(0).setMaintenanceBlockedQueueLength(0).build())
                .setMgmtOps(mgmtOps(1, 0))
                .setErrors(VolumeErrors.newBuilder()
                        .setMgmtConnErrors(0L).setDataConnErrors(0L).setReplicaRestarts(0L).build())
                .build();
    }

    /** A failed poll of a target whose iqn is known from an earlier poll. */
    public static VolumeStatus unreachableVolume() {
        return VolumeStatus.newBuilder()
                .setMetadata(metadata(CommandSet.DEEP_ISTGTSTATUS, 43))
                .setIqn(IQN)
                .setFailure(PollFailure.newBuilder()
                        .setKind(PollFailureKind.UNREACHABLE)
                        .setMessage("connect to " + TARGET + ": connection refused")
                        .setKeySource(FailureKeySource.LAST_KNOWN_IQN)
                        .setConsecutiveFailures(1)
                        .setLastSuccessAt(COLLECTED_AT.minusSeconds(10))
                        .build())
                .build();
    }

    public static ReplicaStatus connectedReplica(String replicaId) {
        return ReplicaStatus.newBuilder()
                .setMetadata(metadata(CommandSet.DEEP_ISTGTSTATUS, 42))
                .setIqn(IQN)
                .setReplicaId(replicaId)
                .setConnected(true)
                .setAddress("127.0.0.1")
                .setPort(41100)
                .setMode(ReplicaMode.Degraded)
                .setInQuorum(true)
                .setCheckpointedIoSeq(1000L)
                .setUpTimeSeconds(75L)
                .setRead(ReplicaOpStats.newBuilder().setInflight(0).setRequestTimeNs(969_190_784L)
                        .setResponseTimeNs(2_433_469_597L).build())
                .setWrite(ReplicaOpStats.newBuilder().setInflight(0).setRequestTimeNs(23_395L)
                        .setResponseTimeNs(98_576_079L).build())
                .setSync(ReplicaOpStats.newBuilder().setInflight(0).build())
                .setQueues(ReplicaQueues.newBuilder().setWaitQueueLength(0).setReadyQueueLength(0)
                        .setBlockedQueueLength(0).build())
                .setMgmtOps(mgmtOps(0, 0))
                .setMempool(MempoolUsage.newBuilder().setInflightRead(0).setInflightWrite(0).setInflightSync(0)
                        .setInflightCommand(0).build())
                .setErrors(ReplicaErrors.newBuilder().setMgmtConnErrors(0).setDataConnErrors(0).setRestarts(0L).build())
                .build();
    }

    /** A replica istgt still lists in errors[] after it disconnected. */
    public static ReplicaStatus disconnectedReplica() {
        return ReplicaStatus.newBuilder()
                .setMetadata(metadata(CommandSet.DEEP_ISTGTSTATUS, 42))
                .setIqn(IQN)
                .setReplicaId(BIG_REPLICA_ID)
                .setConnected(false)
                .setErrors(ReplicaErrors.newBuilder().setMgmtConnErrors(1).setDataConnErrors(3).setRestarts(2L).build())
                .build();
    }

    private static MgmtOpCounts mgmtOps(long snapshotCreateRequests, long snapshotCreateSuccesses) {
        return MgmtOpCounts.newBuilder()
                .setSnapshotCreateRequests(snapshotCreateRequests).setSnapshotCreateSuccesses(snapshotCreateSuccesses)
                .setSnapshotPrepareRequests(1).setSnapshotPrepareSuccesses(0)
                .setStartRebuildRequests(3).setStartRebuildSuccesses(3)
                .setPrepareRebuildRequests(3).setPrepareRebuildSuccesses(3)
                .build();
    }
}
