package io.istgt.telemetry.client.snapshot;

import static io.istgt.telemetry.client.snapshot.Checks.nonNegative;

import java.util.Objects;

/**
 * One replica of a volume, merged by id from every command that mentions it. A replica that is
 * {@link ReplicaMode#OFFLINE} carries only its id, mode and error counts.
 *
 * @param port         the replica's data connection port (ISTGTSTATUS, and IOSTATS of deep builds)
 * @param quorum       whether the replica counts towards the quorum ({@code quorum} "1"/"0")
 * @param queues       ISTGTSTATUS only
 * @param mgmtRequests ISTGTSTATUS only
 * @param ioTimes      IOSTATS only (IOSTATS omits replicas outside the quorum)
 * @param mempool      MEMPOOL only
 * @param errors       ISTGTSTATUS {@code errors[]} only
 * @param ioHealth     extended ISTGTSTATUS only
 */
public record ReplicaSnapshot(
        ReplicaId id,
        ReplicaMode mode,
        String address,
        Integer port,
        Boolean quorum,
        Long checkpointedIoSeq,
        Long inflightRead,
        Long inflightWrite,
        Long inflightSync,
        Long upTimeSeconds,
        ReplicaQueues queues,
        MgmtRequestCounts mgmtRequests,
        ReplicaIoTimes ioTimes,
        MempoolUsage mempool,
        ReplicaErrorCounts errors,
        ReplicaIoHealth ioHealth) {

    public ReplicaSnapshot {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(mode, "mode");
        if (port != null && (port < 0 || port > 65535)) {
            throw new IllegalArgumentException("port of replica " + id + " must be 0..65535, got " + port);
        }
        nonNegative(checkpointedIoSeq, "checkpointedIoSeq");
        nonNegative(inflightRead, "inflightRead");
        nonNegative(inflightWrite, "inflightWrite");
        nonNegative(inflightSync, "inflightSync");
        nonNegative(upTimeSeconds, "upTimeSeconds");
    }

    /** A replica known only from ISTGTSTATUS {@code errors[]}: it was connected and is gone. */
    public static ReplicaSnapshot offline(ReplicaId id, ReplicaErrorCounts errors) {
        return new ReplicaSnapshot(id, ReplicaMode.OFFLINE, null, null, null, null, null, null, null, null, null,
                null, null, null, errors, null);
    }
}
