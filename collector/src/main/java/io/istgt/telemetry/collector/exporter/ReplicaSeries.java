package io.istgt.telemetry.collector.exporter;

import io.istgt.telemetry.client.snapshot.MempoolUsage;
import io.istgt.telemetry.client.snapshot.ReadWriteSync;
import io.istgt.telemetry.client.snapshot.ReplicaErrorCounts;
import io.istgt.telemetry.client.snapshot.ReplicaIoHealth;
import io.istgt.telemetry.client.snapshot.ReplicaIoTimes;
import io.istgt.telemetry.client.snapshot.ReplicaMode;
import io.istgt.telemetry.client.snapshot.ReplicaQueues;
import io.istgt.telemetry.client.snapshot.ReplicaSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import java.util.List;

/** One replica's deep series, labelled as its volume's and {@code replica_id}. */
final class ReplicaSeries {

    static final Family MODE = Family.gauge("istgt_replica_mode",
            "1 for the replica's mode (label mode: healthy, degraded; offline: known from errors[] but gone), 0 for the others");
    static final Family QUORUM = Family.gauge("istgt_replica_quorum", "1 when the replica counts towards the quorum");
    static final Family UPTIME = Family.gauge("istgt_replica_uptime_seconds", "Time since the replica connected");
    static final Family CHECKPOINTED_IO_SEQ = Family.gauge("istgt_replica_checkpointed_io_seq",
            "The replica's checkpointed IO sequence number");
    static final Family INFLIGHT = Family.gauge("istgt_replica_inflight_ios",
            "IOs sent to the replica and not answered yet (label op: read, write, sync)");
    static final Family MEMPOOL = Family.gauge("istgt_replica_mempool_inflight_ios",
            "IOs holding istgt memory for the replica (MEMPOOL; label op: read, write, sync, command)");
    static final Family QUEUE = Family.gauge("istgt_replica_queue_length",
            "IOs queued for the replica (label queue: wait, ready, blocked; ISTGTSTATUS)");
    static final Family REQUEST_TIME = Family.counter("istgt_replica_request_time_seconds_total",
            "Time the replica's IO requests took to send (label op: read, write; IOSTATS ReadReqTime, WriteReqTime)");
    static final Family RESPONSE_TIME = Family.counter("istgt_replica_response_time_seconds_total",
            "Time the replica took to answer IO (label op: read, write; IOSTATS ReadRespTime, WriteRespTime)");
    static final Family CONNECTION_ERRORS = Family.counter("istgt_replica_connection_errors_total",
            "Connection errors with the replica (label connection: mgmt, data; ISTGTSTATUS errors[])");
    static final Family RESTARTS = Family.counter("istgt_replica_restarts_total",
            "How often the replica reconnected (ISTGTSTATUS errors[])");
    static final Family MGMT_REQUESTS = Family.counter("istgt_replica_mgmt_requests_total",
            "Snapshot and rebuild requests to the replica (label op)");
    static final Family MGMT_SUCCESSES = Family.counter("istgt_replica_mgmt_successes_total",
            "Snapshot and rebuild requests to the replica that succeeded (label op)");
    static final Family IO_TIMEOUTS = Family.counter("istgt_replica_io_timeouts_total",
            "IOs to the replica that timed out (label op; extended ISTGTSTATUS only)");
    static final Family IO_FAILURES = Family.counter("istgt_replica_io_failures_total",
            "IOs to the replica that failed (label op; extended ISTGTSTATUS only)");
    static final Family VERSION_MISMATCHES = Family.counter("istgt_replica_io_version_mismatches_total",
            "IOs answered with a version mismatch (label op; extended ISTGTSTATUS only)");
    static final Family IO_TIME = Family.counter("istgt_replica_io_time_seconds_total",
            "Time the replica spent on IO (label op; extended ISTGTSTATUS only)");

    static final List<Family> ALL = List.of(MODE, QUORUM, UPTIME, CHECKPOINTED_IO_SEQ, INFLIGHT, MEMPOOL, QUEUE,
            REQUEST_TIME, RESPONSE_TIME, CONNECTION_ERRORS, RESTARTS, MGMT_REQUESTS, MGMT_SUCCESSES, IO_TIMEOUTS,
            IO_FAILURES, VERSION_MISMATCHES, IO_TIME);

    private ReplicaSeries() {
    }

    static void render(ReplicaSnapshot r, Labels labels, SeriesBuffer out) {
        for (ReplicaMode mode : ReplicaMode.values()) {
            out.add(MODE, labels.add("mode", DeepSeries.lower(mode)), r.mode() == mode ? 1 : 0);
        }
        out.add(QUORUM, labels, r.quorum());
        out.add(UPTIME, labels, r.upTimeSeconds());
        out.add(CHECKPOINTED_IO_SEQ, labels, r.checkpointedIoSeq());
        out.add(INFLIGHT, labels.add("op", "read"), r.inflightRead());
        out.add(INFLIGHT, labels.add("op", "write"), r.inflightWrite());
        out.add(INFLIGHT, labels.add("op", "sync"), r.inflightSync());
        MempoolUsage m = r.mempool();
        if (m != null) {
            out.add(MEMPOOL, labels.add("op", "read"), m.inflightRead());
            out.add(MEMPOOL, labels.add("op", "write"), m.inflightWrite());
            out.add(MEMPOOL, labels.add("op", "sync"), m.inflightSync());
            out.add(MEMPOOL, labels.add("op", "command"), m.inflightCommand());
        }
        ReplicaQueues q = r.queues();
        if (q != null) {
            out.add(QUEUE, labels.add("queue", "wait"), q.waitQ());
            out.add(QUEUE, labels.add("queue", "ready"), q.readyQ());
            out.add(QUEUE, labels.add("queue", "blocked"), q.blockedQ());
        }
        ReplicaIoTimes t = r.ioTimes();
        if (t != null) {
            out.add(REQUEST_TIME, labels.add("op", "read"), t.readReqTimeNs(), DeepSeries.NS);
            out.add(REQUEST_TIME, labels.add("op", "write"), t.writeReqTimeNs(), DeepSeries.NS);
            out.add(RESPONSE_TIME, labels.add("op", "read"), t.readRespTimeNs(), DeepSeries.NS);
            out.add(RESPONSE_TIME, labels.add("op", "write"), t.writeRespTimeNs(), DeepSeries.NS);
        }
        ReplicaErrorCounts e = r.errors();
        if (e != null) {
            out.add(CONNECTION_ERRORS, labels.add("connection", "mgmt"), e.mgmtConnErrors());
            out.add(CONNECTION_ERRORS, labels.add("connection", "data"), e.dataConnErrors());
            out.add(RESTARTS, labels, e.restartCount());
        }
        DeepSeries.mgmt(r.mgmtRequests(), labels, MGMT_REQUESTS, MGMT_SUCCESSES, out);
        ReplicaIoHealth h = r.ioHealth();
        if (h != null) {
            byOp(IO_TIMEOUTS, h.timeouts(), labels, 1, out);
            byOp(IO_FAILURES, h.failures(), labels, 1, out);
            byOp(VERSION_MISMATCHES, h.versionMismatches(), labels, 1, out);
            byOp(IO_TIME, h.ioTimeNs(), labels, DeepSeries.NS, out);
        }
    }

    private static void byOp(Family family, ReadWriteSync values, Labels labels, double divisor, SeriesBuffer out) {
        if (values != null) {
            out.add(family, labels.add("op", "read"), values.read(), divisor);
            out.add(family, labels.add("op", "write"), values.write(), divisor);
            out.add(family, labels.add("op", "sync"), values.sync(), divisor);
        }
    }
}
