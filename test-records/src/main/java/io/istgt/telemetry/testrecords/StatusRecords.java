package io.istgt.telemetry.testrecords;

import io.istgt.telemetry.schemas.CollectionMetadata;
import io.istgt.telemetry.schemas.CommandSet;
import io.istgt.telemetry.schemas.FailureKeySource;
import io.istgt.telemetry.schemas.MgmtOpCounts;
import io.istgt.telemetry.schemas.PollFailure;
import io.istgt.telemetry.schemas.PollFailureKind;
import io.istgt.telemetry.schemas.ReplicaCounts;
import io.istgt.telemetry.schemas.ReplicaErrors;
import io.istgt.telemetry.schemas.ReplicaMode;
import io.istgt.telemetry.schemas.ReplicaOpStats;
import io.istgt.telemetry.schemas.ReplicaStatus;
import io.istgt.telemetry.schemas.TargetInfo;
import io.istgt.telemetry.schemas.VolumeHealth;
import io.istgt.telemetry.schemas.VolumeStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Status records as the collector publishes them, reduced to what each spec is about. */
public final class StatusRecords {

    public static final String IQN = "iqn.2016-09.com.openebs.cstor:vol1";
    public static final String TARGET = "/var/run/istgt_ctl_sock";

    private StatusRecords() {
    }

    public static CollectionMetadata metadata(Instant at, String collectorId, long sequence) {
        return CollectionMetadata.newBuilder().setCollectedAt(at).setTarget(TARGET).setCollectorId(collectorId)
                .setCollectorStartedAt(Instant.EPOCH).setCommandSet(CommandSet.DEEP_ISTGTSTATUS).setSequence(sequence)
                .build();
    }

    /** A volume record: replica id → "Healthy" or "Degraded"; the volume status as istgt would compute it. */
    public static VolumeStatus volume(Instant at, String status, Map<String, String> replicas, long uptimeSeconds) {
        return volume(at, status, replicas, uptimeSeconds, 0, 0, "collector-a", at.getEpochSecond());
    }

    public static VolumeStatus volume(Instant at, String status, Map<String, String> replicas, long uptimeSeconds,
                                      long snapshotRequests, long snapshotSuccesses, String collectorId, long sequence) {
        List<String> connected = new ArrayList<>(replicas.keySet());
        List<String> degraded = replicas.entrySet().stream().filter(e -> e.getValue().equals("Degraded"))
                .map(Map.Entry::getKey).toList();
        return VolumeStatus.newBuilder()
                .setMetadata(metadata(at, collectorId, sequence))
                .setIqn(IQN)
                .setTarget(TargetInfo.newBuilder().setStatus(VolumeHealth.valueOf(status)).setUpTimeSeconds(uptimeSeconds)
                        .setSizeBytes(1L << 30).setSectorSizeBytes(512).setUsedLogicalBlocks(0).setUsedBytes(0)
                        .setRevisionCounter(0).build())
                .setReplicaCounts(ReplicaCounts.newBuilder().setHealthy(connected.size() - degraded.size())
                        .setDegraded(degraded.size()).setOffline(0).setUnknown(0).setReportedReplicaCounter(connected.size())
                        .setConnectedReplicaIds(connected).setDegradedReplicaIds(degraded).build())
                .setMgmtOps(MgmtOpCounts.newBuilder().setSnapshotCreateRequests(snapshotRequests)
                        .setSnapshotCreateSuccesses(snapshotSuccesses).setSnapshotPrepareRequests(0)
                        .setSnapshotPrepareSuccesses(0).setStartRebuildRequests(0).setStartRebuildSuccesses(0)
                        .setPrepareRebuildRequests(0).setPrepareRebuildSuccesses(0).build())
                .build();
    }

    public static VolumeStatus unreachable(Instant at) {
        return VolumeStatus.newBuilder()
                .setMetadata(metadata(at, "collector-a", at.getEpochSecond()))
                .setIqn(IQN)
                .setFailure(PollFailure.newBuilder().setKind(PollFailureKind.UNREACHABLE)
                        .setMessage("connect to " + TARGET + ": connection refused")
                        .setKeySource(FailureKeySource.LAST_KNOWN_IQN).setConsecutiveFailures(1).build())
                .build();
    }

    /** A connected replica's record with its connection error counters and IO in flight. */
    public static ReplicaStatus replica(Instant at, String replicaId, long mgmtConnErrors, long dataConnErrors,
                                        long uptimeSeconds, long inflightWrites, long checkpointedIoSeq) {
        return replica(at, replicaId, mgmtConnErrors, dataConnErrors, uptimeSeconds, inflightWrites, checkpointedIoSeq,
                null);
    }

    /** As above, with the replica's cumulative write response time (null when the source lacks it). */
    public static ReplicaStatus replica(Instant at, String replicaId, long mgmtConnErrors, long dataConnErrors,
                                        long uptimeSeconds, long inflightWrites, long checkpointedIoSeq,
                                        Long writeResponseNs) {
        return ReplicaStatus.newBuilder()
                .setMetadata(metadata(at, "collector-a", at.getEpochSecond()))
                .setIqn(IQN).setReplicaId(replicaId).setConnected(true).setMode(ReplicaMode.Healthy)
                .setCheckpointedIoSeq(checkpointedIoSeq).setUpTimeSeconds(uptimeSeconds)
                .setRead(ReplicaOpStats.newBuilder().setInflight(0).build())
                .setWrite(ReplicaOpStats.newBuilder().setInflight(inflightWrites).setResponseTimeNs(writeResponseNs).build())
                .setSync(ReplicaOpStats.newBuilder().setInflight(0).build())
                .setErrors(ReplicaErrors.newBuilder().setMgmtConnErrors(mgmtConnErrors).setDataConnErrors(dataConnErrors)
                        .setRestarts(0L).build())
                .build();
    }
}
