package io.istgt.telemetry.replay;

import io.istgt.telemetry.schemas.CollectionMetadata;
import io.istgt.telemetry.schemas.CommandSet;
import io.istgt.telemetry.schemas.FailureKeySource;
import io.istgt.telemetry.schemas.IoTotals;
import io.istgt.telemetry.schemas.MgmtOpCounts;
import io.istgt.telemetry.schemas.PollFailure;
import io.istgt.telemetry.schemas.PollFailureKind;
import io.istgt.telemetry.schemas.ReplicaCounts;
import io.istgt.telemetry.schemas.ReplicaErrors;
import io.istgt.telemetry.schemas.ReplicaMode;
import io.istgt.telemetry.schemas.ReplicaOpStats;
import io.istgt.telemetry.schemas.ReplicaQueues;
import io.istgt.telemetry.schemas.ReplicaStatus;
import io.istgt.telemetry.schemas.TargetInfo;
import io.istgt.telemetry.schemas.VolumeErrors;
import io.istgt.telemetry.schemas.VolumeHealth;
import io.istgt.telemetry.schemas.VolumeStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Status records in the shapes the collector publishes (the schemas module's samples, from real captures),
 * with the values a scenario moves: time, sequence, status, replica modes, counters.
 */
public final class StatusShapes {

    public static final String IQN = "iqn.2016-09.com.openebs.cstor:vol1";
    public static final String TARGET = "/var/run/istgt_ctl_sock";
    public static final Instant STARTED = Instant.parse("2026-11-25T01:00:00Z");

    private StatusShapes() {
    }

    public static CollectionMetadata metadata(Instant at, long sequence, Instant collectorStartedAt) {
        return CollectionMetadata.newBuilder().setCollectedAt(at).setTarget(TARGET).setCollectorId("collector-0")
                .setCollectorStartedAt(collectorStartedAt).setCommandSet(CommandSet.DEEP_ISTGTSTATUS)
                .setSequence(sequence).setPollDurationMs(12L).build();
    }

    /** The IO counters of a volume that has done {@code commands} reads and as many writes, 1 ms and 2 ms each. */
    public static IoTotals io(long commands) {
        return IoTotals.newBuilder().setReadCommands(commands).setWriteCommands(commands)
                .setReadBytes(commands * 4096).setWriteBytes(commands * 4096).setReadBlocks(commands * 8)
                .setWriteBlocks(commands * 8).setReadTimeNs(commands * 1_000_000L).setLuReadTimeNs(commands * 900_000L)
                .setReplicationReadTimeNs(commands * 800_000L).setWriteTimeNs(commands * 2_000_000L)
                .setLuWriteTimeNs(commands * 1_900_000L).setReplicationWriteTimeNs(commands * 1_800_000L).build();
    }

    /**
     * A successful poll.
     *
     * @param modes replica id → Healthy or Degraded for connected replicas
     * @param offline ids known but not connected
     */
    public static VolumeStatus volume(Instant at, long sequence, String status, Map<String, String> modes,
                                      List<String> offline, long uptimeSeconds, long commands, long dataConnErrors) {
        List<String> connected = new ArrayList<>(modes.keySet());
        List<String> degraded = modes.entrySet().stream().filter(e -> e.getValue().equals("Degraded"))
                .map(Map.Entry::getKey).toList();
        return VolumeStatus.newBuilder()
                .setMetadata(metadata(at, sequence, STARTED))
                .setIqn(IQN)
                .setTarget(TargetInfo.newBuilder().setStatus(VolumeHealth.valueOf(status)).setUpTimeSeconds(uptimeSeconds)
                        .setSizeBytes(1_073_741_824L).setSectorSizeBytes(512).setUsedLogicalBlocks(19)
                        .setUsedBytes(19 * 512).setRevisionCounter(1_060_070).build())
                .setReplicaCounts(ReplicaCounts.newBuilder().setHealthy(connected.size() - degraded.size())
                        .setDegraded(degraded.size()).setOffline(offline.size()).setUnknown(0)
                        .setReportedReplicaCounter(connected.size()).setConnectedReplicaIds(connected)
                        .setOfflineReplicaIds(offline).setDegradedReplicaIds(degraded).build())
                .setIoTotals(io(commands))
                .setMgmtOps(MgmtOpCounts.newBuilder().setSnapshotCreateRequests(0).setSnapshotCreateSuccesses(0)
                        .setSnapshotPrepareRequests(0).setSnapshotPrepareSuccesses(0).setStartRebuildRequests(3)
                        .setStartRebuildSuccesses(3).setPrepareRebuildRequests(3).setPrepareRebuildSuccesses(3).build())
                .setErrors(VolumeErrors.newBuilder().setMgmtConnErrors(0L).setDataConnErrors(dataConnErrors)
                        .setReplicaRestarts(0L).build())
                .build();
    }

    public static VolumeStatus unreachable(Instant at, long sequence, int consecutive) {
        return VolumeStatus.newBuilder()
                .setMetadata(metadata(at, sequence, STARTED))
                .setIqn(IQN)
                .setFailure(PollFailure.newBuilder().setKind(PollFailureKind.UNREACHABLE)
                        .setMessage("connect to " + TARGET + ": connection refused")
                        .setKeySource(FailureKeySource.LAST_KNOWN_IQN).setConsecutiveFailures(consecutive).build())
                .build();
    }

    public static ReplicaStatus replica(Instant at, long sequence, String replicaId, String mode, long dataConnErrors,
                                        long inflightWrites) {
        boolean connected = mode != null;
        ReplicaStatus.Builder b = ReplicaStatus.newBuilder()
                .setMetadata(metadata(at, sequence, STARTED))
                .setIqn(IQN).setReplicaId(replicaId).setConnected(connected)
                .setErrors(ReplicaErrors.newBuilder().setMgmtConnErrors(0).setDataConnErrors(dataConnErrors)
                        .setRestarts(0L).build());
        if (connected) {
            b.setAddress("127.0.0.1").setPort(41100).setMode(ReplicaMode.valueOf(mode)).setInQuorum(true)
                    .setCheckpointedIoSeq(1000L + at.getEpochSecond() % 100_000).setUpTimeSeconds(75L)
                    .setRead(ReplicaOpStats.newBuilder().setInflight(0).build())
                    .setWrite(ReplicaOpStats.newBuilder().setInflight(inflightWrites).build())
                    .setSync(ReplicaOpStats.newBuilder().setInflight(0).build())
                    .setQueues(ReplicaQueues.newBuilder().setWaitQueueLength(0).setReadyQueueLength(0)
                            .setBlockedQueueLength(0).build());
        }
        return b.build();
    }

    /** Replica modes in the order given: "6161", "Healthy", "6162", "Degraded", ... */
    public static Map<String, String> modes(String... idModePairs) {
        Map<String, String> modes = new java.util.LinkedHashMap<>();
        for (int i = 0; i < idModePairs.length; i += 2) {
            modes.put(idModePairs[i], idModePairs[i + 1]);
        }
        return modes;
    }
}
