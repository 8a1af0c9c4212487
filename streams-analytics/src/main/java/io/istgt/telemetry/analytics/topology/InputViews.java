package io.istgt.telemetry.analytics.topology;

import io.istgt.telemetry.analytics.rules.ErrorFamily;
import io.istgt.telemetry.analytics.rules.Quorum;
import io.istgt.telemetry.analytics.rules.RecordOrigin;
import io.istgt.telemetry.analytics.rules.ReplicaObservation;
import io.istgt.telemetry.analytics.rules.VolumeObservation;
import io.istgt.telemetry.schemas.CollectionMetadata;
import io.istgt.telemetry.schemas.IscsiConnections;
import io.istgt.telemetry.schemas.MgmtOpCounts;
import io.istgt.telemetry.schemas.ReplicaCounts;
import io.istgt.telemetry.schemas.ReplicaErrors;
import io.istgt.telemetry.schemas.ReplicaMode;
import io.istgt.telemetry.schemas.ReplicaOpStats;
import io.istgt.telemetry.schemas.ReplicaStatus;
import io.istgt.telemetry.schemas.ReplicationSettings;
import io.istgt.telemetry.schemas.VolumeHealth;
import io.istgt.telemetry.schemas.VolumeStatus;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The one place where the status records' Avro shape meets the rules: each record becomes the rules' own
 * view of it. Error families are split so that one event pages once: snapshot, rebuild and login failures
 * are judged on the volume (istgt counts them for the target), connection errors, restarts and IO errors
 * on each replica.
 */
final class InputViews {

    private InputViews() {
    }

    static VolumeObservation volume(VolumeStatus v) {
        RecordOrigin origin = origin(v.getIqn(), v.getMetadata());
        if (v.getFailure() != null) {
            String failure = v.getFailure().getKind() + ": " + v.getFailure().getMessage();
            return new VolumeObservation(origin, new VolumeObservation.Unreachable(failure));
        }
        Map<String, ReplicaMode> modes = new LinkedHashMap<>();
        ReplicaCounts counts = v.getReplicaCounts();
        if (counts != null) {
            Set<String> degraded = new HashSet<>(counts.getDegradedReplicaIds());
            for (String id : counts.getConnectedReplicaIds()) {
                modes.put(id, degraded.contains(id) ? ReplicaMode.Degraded : ReplicaMode.Healthy);
            }
        }
        VolumeHealth status = v.getTarget() == null ? null : v.getTarget().getStatus();
        Long uptime = v.getTarget() == null ? null : v.getTarget().getUpTimeSeconds();

        Map<ErrorFamily, Long> errors = new EnumMap<>(ErrorFamily.class);
        MgmtOpCounts ops = v.getMgmtOps();
        if (ops != null) {
            errors.put(ErrorFamily.SNAPSHOT_FAILURES, failed(ops.getSnapshotCreateRequests(), ops.getSnapshotCreateSuccesses())
                    + failed(ops.getSnapshotPrepareRequests(), ops.getSnapshotPrepareSuccesses()));
            errors.put(ErrorFamily.REBUILD_FAILURES, failed(ops.getStartRebuildRequests(), ops.getStartRebuildSuccesses())
                    + failed(ops.getPrepareRebuildRequests(), ops.getPrepareRebuildSuccesses()));
        }
        IscsiConnections iscsi = v.getIscsiConnections();
        if (iscsi != null && iscsi.getLoginRequests() != null && iscsi.getLoginSuccesses() != null) {
            errors.put(ErrorFamily.LOGIN_FAILURES, failed(iscsi.getLoginRequests(), iscsi.getLoginSuccesses()));
        }
        ReplicationSettings replication = v.getReplicationSettings();
        Quorum.Reported reported = replication == null ? Quorum.Reported.NOTHING
                : new Quorum.Reported(replication.getReplicationFactor(), replication.getConsistencyFactor(),
                        replication.getDesiredReplicationFactor());
        return new VolumeObservation(origin, new VolumeObservation.Answered(status, modes, uptime, errors, reported));
    }

    static ReplicaObservation replica(ReplicaStatus r) {
        Map<ErrorFamily, Long> errors = new EnumMap<>(ErrorFamily.class);
        ReplicaErrors e = r.getErrors();
        if (e != null) {
            errors.put(ErrorFamily.CONNECTION_ERRORS, e.getMgmtConnErrors() + e.getDataConnErrors());
            if (e.getRestarts() != null) {
                errors.put(ErrorFamily.REPLICA_RESTARTS, e.getRestarts());
            }
        }
        Long ioErrors = sum(ioErrors(r.getRead()), ioErrors(r.getWrite()), ioErrors(r.getSync()));
        if (ioErrors != null) {
            errors.put(ErrorFamily.IO_ERRORS, ioErrors);
        }
        Long inflight = r.getConnected() ? sum(inflight(r.getRead()), inflight(r.getWrite()), inflight(r.getSync())) : null;
        Long completed = sum(completed(r.getRead()), completed(r.getWrite()), completed(r.getSync()));
        var io = new ReplicaObservation.IoProgress(inflight, r.getCheckpointedIoSeq(), completed);
        return new ReplicaObservation(origin(r.getIqn(), r.getMetadata()), r.getReplicaId(), r.getUpTimeSeconds(), io,
                errors);
    }

    private static RecordOrigin origin(String iqn, CollectionMetadata metadata) {
        return new RecordOrigin(iqn, metadata.getCollectedAt(), metadata.getTarget(), metadata.getCollectorId());
    }

    /** Requests that did not succeed; never negative (a success counted before its request is not a failure). */
    private static long failed(long requests, long successes) {
        return Math.max(0, requests - successes);
    }

    private static Long inflight(ReplicaOpStats s) {
        return s == null ? null : s.getInflight();
    }

    /** Response times and done counts only grow as the replica answers IO: their sum moves while IO drains. */
    private static Long completed(ReplicaOpStats s) {
        return s == null ? null : sum(s.getResponseTimeNs(), s.getDone());
    }

    private static Long ioErrors(ReplicaOpStats s) {
        return s == null ? null : sum(s.getTimeoutCount(), s.getFailCount(), s.getVersionMismatchCount());
    }

    /** The sum of what is known; null when nothing is (absent is not zero). */
    private static Long sum(Long... values) {
        Long total = null;
        for (Long v : values) {
            if (v != null) {
                total = (total == null ? 0 : total) + v;
            }
        }
        return total;
    }
}
