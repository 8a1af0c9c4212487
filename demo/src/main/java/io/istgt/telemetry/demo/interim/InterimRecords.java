package io.istgt.telemetry.demo.interim;

import io.istgt.telemetry.collector.client.ErrorKind;
import io.istgt.telemetry.collector.client.IstgtControlException;
import io.istgt.telemetry.collector.snapshot.IstgtSnapshot;
import io.istgt.telemetry.collector.snapshot.ReplicaSnapshot;
import io.istgt.telemetry.collector.snapshot.VolumeSnapshot;
import io.istgt.telemetry.schemas.CollectionMetadata;
import io.istgt.telemetry.schemas.CommandSet;
import io.istgt.telemetry.schemas.FailureKeySource;
import io.istgt.telemetry.schemas.PollFailure;
import io.istgt.telemetry.schemas.PollFailureKind;
import io.istgt.telemetry.schemas.ReplicaCounts;
import io.istgt.telemetry.schemas.ReplicaErrors;
import io.istgt.telemetry.schemas.ReplicaMode;
import io.istgt.telemetry.schemas.ReplicaStatus;
import io.istgt.telemetry.schemas.TargetInfo;
import io.istgt.telemetry.schemas.VolumeHealth;
import io.istgt.telemetry.schemas.VolumeStatus;
import java.time.Instant;
import java.util.List;

/**
 * The fields of the status records the demo's view and the analytics' rules read (identity, status, replica
 * modes and ids, uptime, replica connection errors), mapped from a collector snapshot. A stand-in for the
 * collector's full record mapping, which lands with its {@code run} command; everything else stays null.
 */
final class InterimRecords {

    private InterimRecords() {
    }

    static VolumeStatus volume(VolumeSnapshot v, CollectionMetadata metadata) {
        var t = v.target();
        List<String> connected = ids(v, io.istgt.telemetry.collector.snapshot.ReplicaMode.HEALTHY, io.istgt.telemetry.collector.snapshot.ReplicaMode.DEGRADED);
        List<String> degraded = ids(v, io.istgt.telemetry.collector.snapshot.ReplicaMode.DEGRADED);
        List<String> offline = ids(v, io.istgt.telemetry.collector.snapshot.ReplicaMode.OFFLINE);
        long sector = orZero(t.sectorSizeBytes());
        TargetInfo target = TargetInfo.newBuilder()
                .setStatus(switch (t.status()) {
                    case HEALTHY -> VolumeHealth.Healthy;
                    case DEGRADED -> VolumeHealth.Degraded;
                    case OFFLINE -> VolumeHealth.Offline;
                })
                .setUpTimeSeconds(orZero(t.uptimeSeconds()))
                .setSizeBytes(orZero(t.sizeBytes()))
                .setSectorSizeBytes((int) sector)
                .setUsedLogicalBlocks(orZero(t.usedLogicalBlocks()))
                .setUsedBytes(orZero(t.usedLogicalBlocks()) * sector)
                .setRevisionCounter(orZero(t.revisionCounter()))
                .build();
        ReplicaCounts counts = ReplicaCounts.newBuilder()
                .setHealthy(v.replicaCounts().healthy())
                .setDegraded(v.replicaCounts().degraded())
                .setOffline(offline.size())
                .setUnknown(0)
                .setReportedReplicaCounter((int) orZero(t.replicaCounter()))
                .setConnectedReplicaIds(connected)
                .setDegradedReplicaIds(degraded)
                .setOfflineReplicaIds(offline)
                .build();
        return VolumeStatus.newBuilder().setMetadata(metadata).setIqn(t.iqn()).setTarget(target)
                .setReplicaCounts(counts).build();
    }

    static ReplicaStatus replica(String iqn, ReplicaSnapshot r, CollectionMetadata metadata) {
        if (r.mode() == io.istgt.telemetry.collector.snapshot.ReplicaMode.OFFLINE) {
            // Known (istgt still lists its errors[] entry) but gone: only identity and errors.
            ReplicaStatus.Builder gone = ReplicaStatus.newBuilder().setMetadata(metadata).setIqn(iqn)
                    .setReplicaId(r.id().value()).setConnected(false);
            if (r.errors() != null) {
                gone.setErrors(errors(r));
            }
            return gone.build();
        }
        ReplicaStatus.Builder b = ReplicaStatus.newBuilder().setMetadata(metadata).setIqn(iqn)
                .setReplicaId(r.id().value()).setConnected(true).setAddress(r.address()).setPort(r.port())
                .setMode(switch (r.mode()) {
                    case HEALTHY -> ReplicaMode.Healthy;
                    case DEGRADED -> ReplicaMode.Degraded;
                    default -> ReplicaMode.Unknown;
                })
                .setInQuorum(r.quorum()).setCheckpointedIoSeq(r.checkpointedIoSeq()).setUpTimeSeconds(r.upTimeSeconds());
        if (r.errors() != null) {
            b.setErrors(errors(r));
        }
        return b.build();
    }

    static VolumeStatus failure(String iqn, boolean knownIqn, IstgtControlException e, CollectionMetadata metadata,
                                int consecutive, Instant lastSuccess) {
        PollFailure failure = PollFailure.newBuilder()
                .setKind(kind(e.kind()))
                .setMessage(e.getMessage())
                .setCommand(e.command().orElse(null))
                .setKeySource(knownIqn ? FailureKeySource.LAST_KNOWN_IQN : FailureKeySource.TARGET_NAME)
                .setConsecutiveFailures(consecutive)
                .setLastSuccessAt(lastSuccess)
                .build();
        return VolumeStatus.newBuilder().setMetadata(metadata).setIqn(iqn).setFailure(failure).build();
    }

    static CollectionMetadata metadata(String target, Instant collectedAt, IstgtSnapshot s, long sequence,
                                       Instant collectorStartedAt, long pollMillis) {
        boolean deep = s == null || s.commandSet() == io.istgt.telemetry.collector.snapshot.CommandSet.DEEP;
        return CollectionMetadata.newBuilder().setCollectedAt(collectedAt).setTarget(target)
                .setCollectorId("istgt-demo").setCollectorStartedAt(collectorStartedAt)
                .setCommandSet(deep ? CommandSet.DEEP_ISTGTSTATUS : CommandSet.STOCK)
                .setSequence(sequence).setPollDurationMs(pollMillis).build();
    }

    private static ReplicaErrors errors(ReplicaSnapshot r) {
        return ReplicaErrors.newBuilder().setMgmtConnErrors(orZero(r.errors().mgmtConnErrors()))
                .setDataConnErrors(orZero(r.errors().dataConnErrors())).setRestarts(r.errors().restartCount()).build();
    }

    private static List<String> ids(VolumeSnapshot v, io.istgt.telemetry.collector.snapshot.ReplicaMode... modes) {
        List<io.istgt.telemetry.collector.snapshot.ReplicaMode> wanted = List.of(modes);
        return v.replicas().stream().filter(r -> wanted.contains(r.mode())).map(r -> r.id().value()).toList();
    }

    private static PollFailureKind kind(ErrorKind kind) {
        return switch (kind) {
            case NO_SOCKET, CONNECTION_REFUSED, PERMISSION_DENIED -> PollFailureKind.UNREACHABLE;
            case TIMEOUT -> PollFailureKind.TIMEOUT;
            case CONNECTION_CLOSED, IO_ERROR -> PollFailureKind.DISCONNECTED;
            case ERR_REPLY, UNSUPPORTED_COMMAND -> PollFailureKind.ERROR_REPLY;
            case JSON_TRUNCATED, LINE_TOO_LONG -> PollFailureKind.TRUNCATED;
            case JSON_MALFORMED, PROTOCOL_ERROR, NOT_ISTGT -> PollFailureKind.MALFORMED;
        };
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }
}
