package io.istgt.telemetry.client.reply;

import io.istgt.telemetry.client.snapshot.MgmtRequestCounts;
import io.istgt.telemetry.client.snapshot.ReplicaIoHealth;
import io.istgt.telemetry.client.snapshot.ReplicaIoTimes;
import io.istgt.telemetry.client.snapshot.ReplicaMode;
import io.istgt.telemetry.client.snapshot.ReplicaQueues;
import io.istgt.telemetry.client.snapshot.ReplicaSnapshot;
import io.istgt.telemetry.client.snapshot.VolumeStatus;

/** Field groups that IOSTATS, REPLICA and ISTGTSTATUS share, read the same way wherever they appear. */
final class ReplicaFields {

    /** What every command gives of a replica, in istgt's order (REPLICA leaves out {@code Port}). */
    static final ObjectShape REPLICA = ObjectShape.of("replicaId", "Address", "Port", "Mode", "checkpointedIOSeq",
            "inflightRead", "inflightWrite", "inflightSync", "quorum", "upTime");

    /** The snapshot and rebuild request counters of {@link #mgmtRequests}, in istgt's order. */
    static final String[] MGMT_REQUESTS = {"snapshotCreateReqCnt", "snapshotPrepareReqCnt",
        "snapshotCreateReqSuccessCnt", "snapshotPrepareReqSuccessCnt", "startRebuildReqCnt",
        "startRebuildReqSuccessCnt", "prepareRebuildReqCnt", "prepareRebuildReqSuccessCnt"};

    /** The extended per-replica IO error counters of {@link #ioHealth}, in istgt's order. */
    static final String[] IO_HEALTH = {"readTimeoutCnt", "writeTimeoutCnt", "syncTimeoutCnt", "readFailCnt",
        "writeFailCnt", "syncFailCnt", "readVersionMismatchCnt", "writeVersionMismatchCnt", "syncVersionMismatchCnt",
        "readIOTimeNs", "writeIOTimeNs", "syncIOTimeNs"};

    private ReplicaFields() {
    }

    /** The replica fields every command gives, plus the groups only some give (null where not). */
    static ReplicaSnapshot replica(Fields f, ReplicaQueues queues, MgmtRequestCounts mgmt, ReplicaIoTimes ioTimes,
                                   ReplicaIoHealth ioHealth) throws MalformedReplyException {
        return new ReplicaSnapshot(
                f.replicaId("replicaId"),
                mode(f),
                f.text("Address"),
                f.port("Port"),
                f.flag("quorum"),
                f.counter("checkpointedIOSeq"),
                f.counter("inflightRead"),
                f.counter("inflightWrite"),
                f.counter("inflightSync"),
                f.counter("upTime"),
                queues, mgmt, ioTimes, null, null, ioHealth);
    }

    private static ReplicaMode mode(Fields f) throws MalformedReplyException {
        String text = f.requiredText("Mode");
        return ReplicaMode.fromWire(text).filter(m -> m != ReplicaMode.OFFLINE).orElseThrow(() ->
                MalformedReplyException.malformed(f.where() + ": field 'Mode' must be Healthy or Degraded, got '"
                        + text + "'"));
    }

    static VolumeStatus status(Fields f, String field) throws MalformedReplyException {
        String text = f.requiredText(field);
        return VolumeStatus.fromWire(text).orElseThrow(() -> MalformedReplyException.malformed(
                f.where() + ": field '" + field + "' must be Healthy, Degraded or Offline, got '" + text + "'"));
    }

    /** Snapshot and rebuild request counts; null when none is given. */
    static MgmtRequestCounts mgmtRequests(Fields f) throws MalformedReplyException {
        MgmtRequestCounts counts = new MgmtRequestCounts(
                f.counter("snapshotCreateReqCnt"),
                f.counter("snapshotCreateReqSuccessCnt"),
                f.counter("snapshotPrepareReqCnt"),
                f.counter("snapshotPrepareReqSuccessCnt"),
                f.counter("startRebuildReqCnt"),
                f.counter("startRebuildReqSuccessCnt"),
                f.counter("prepareRebuildReqCnt"),
                f.counter("prepareRebuildReqSuccessCnt"));
        return counts.equals(new MgmtRequestCounts(null, null, null, null, null, null, null, null)) ? null : counts;
    }

    /** The extended per-replica IO error counters; null when none is given. */
    static ReplicaIoHealth ioHealth(Fields f) throws MalformedReplyException {
        ReplicaIoHealth health = new ReplicaIoHealth(
                f.readWriteSync("readTimeoutCnt", "writeTimeoutCnt", "syncTimeoutCnt"),
                f.readWriteSync("readFailCnt", "writeFailCnt", "syncFailCnt"),
                f.readWriteSync("readVersionMismatchCnt", "writeVersionMismatchCnt", "syncVersionMismatchCnt"),
                f.readWriteSync("readIOTimeNs", "writeIOTimeNs", "syncIOTimeNs"));
        return health.equals(new ReplicaIoHealth(null, null, null, null)) ? null : health;
    }
}
