package io.istgt.telemetry.collector.exporter;

import io.istgt.telemetry.client.snapshot.ErrorKind;
import io.istgt.telemetry.client.snapshot.IoCounters;
import io.istgt.telemetry.client.snapshot.IoTotals;
import io.istgt.telemetry.client.snapshot.IscsiConnections;
import io.istgt.telemetry.client.snapshot.IscsiSession;
import io.istgt.telemetry.client.snapshot.IstgtSnapshot;
import io.istgt.telemetry.client.snapshot.LunState;
import io.istgt.telemetry.client.snapshot.MgmtRequestCounts;
import io.istgt.telemetry.client.snapshot.OpcodeCount;
import io.istgt.telemetry.client.snapshot.PartialFailure;
import io.istgt.telemetry.client.snapshot.QueueLengths;
import io.istgt.telemetry.client.snapshot.ScsiCommandCounts;
import io.istgt.telemetry.client.snapshot.TargetInfo;
import io.istgt.telemetry.client.snapshot.VolumeSnapshot;
import io.istgt.telemetry.client.snapshot.VolumeStatus;
import io.istgt.telemetry.client.snapshot.ReplicaSnapshot;
import io.istgt.telemetry.collector.publish.OpcodeNames;
import io.prometheus.metrics.model.snapshots.Labels;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The deep series of a volume and of the istgt serving it, by Prometheus' naming rules ({@code istgt_} prefix, base
 * units, {@code _total} counters), labelled {@code iqn}, {@code volume} (the IQN after its first ':') and
 * {@code target} (the collector's name for the socket: two istgts serving one IQN stay apart). What istgt
 * reports for the whole process (ISTGTSTATUS and STATS counters, queues) goes on each of its volumes, as in the
 * records; cStor runs one volume per istgt. Only a target whose last poll succeeded has them; the collector's own
 * view of a target ({@code istgt_poll_*}) is there whatever its last poll came to.
 */
final class DeepSeries {

    static final double NS = 1e9;

    static final Family VOLUME_STATUS = Family.gauge("istgt_volume_status",
            "1 for the volume's status as istgt computes it (label status: healthy, degraded, offline), 0 for the others");
    static final Family SIZE = Family.gauge("istgt_volume_size_bytes", "Size of the volume (IOSTATS Size)");
    static final Family SECTOR_SIZE = Family.gauge("istgt_volume_sector_size_bytes", "Sector size (IOSTATS SectorSize)");
    static final Family USED = Family.gauge("istgt_volume_used_bytes",
            "Bytes of the volume written at least once: UsedLogicalBlocks x SectorSize");
    static final Family UPTIME = Family.gauge("istgt_volume_uptime_seconds", "Time since istgt registered the volume");
    static final Family CONNECTED_REPLICAS = Family.gauge("istgt_volume_connected_replicas",
            "Replicas connected now, healthy and degraded (IOSTATS ReplicaCounter)");
    static final Family REPLICAS = Family.gauge("istgt_volume_replicas",
            "The volume's known replicas by mode (healthy, degraded; offline: known from errors[] but gone, deep build only)");
    static final Family REVISION = Family.gauge("istgt_volume_revision_counter", "IOSTATS RevisionCounter");
    static final Family LUN_STATE = Family.gauge("istgt_volume_lun_state",
            "1 for the logical unit's state from STATUS (label state: real serves IO, fake does not), 0 for the other");
    static final Family READ_OPS = Family.counter("istgt_volume_read_ops_total", "Read commands (IOSTATS ReadIOPS)");
    static final Family WRITE_OPS = Family.counter("istgt_volume_write_ops_total", "Write commands (IOSTATS WriteIOPS)");
    static final Family READ_BYTES = Family.counter("istgt_volume_read_bytes_total", "Bytes read (TotalReadBytes)");
    static final Family WRITE_BYTES = Family.counter("istgt_volume_write_bytes_total", "Bytes written (TotalWriteBytes)");
    static final Family READ_BLOCKS = Family.counter("istgt_volume_read_blocks_total", "Blocks read");
    static final Family WRITE_BLOCKS = Family.counter("istgt_volume_write_blocks_total", "Blocks written");
    static final Family READ_TIME = Family.counter("istgt_volume_read_time_seconds_total",
            "Time spent on reads (label part: total, lu, replication; TotalReadTime, LUTotalReadTime, ReplicationTotalReadTime)");
    static final Family WRITE_TIME = Family.counter("istgt_volume_write_time_seconds_total",
            "Time spent on writes (label part: total, lu, replication)");
    static final Family SCSI_COMMANDS = Family.counter("istgt_scsi_commands_total",
            "SCSI read, write and sync commands by CDB size (label command: read6 ... sync16; ISTGTSTATUS)");
    static final Family SCSI_OPCODE_STARTED = Family.counter("istgt_scsi_opcode_started_total",
            "SCSI commands started, by opcode (STATS; at most ten opcodes listed)");
    static final Family SCSI_OPCODE_FINISHED = Family.counter("istgt_scsi_opcode_finished_total",
            "SCSI commands finished, by opcode (STATS)");
    static final Family PDUS_RECEIVED = Family.counter("istgt_iscsi_pdus_received_total",
            "iSCSI PDUs received, by opcode (STATS)");
    static final Family PDUS_SENT = Family.counter("istgt_iscsi_pdus_sent_total", "iSCSI PDUs sent, by opcode (STATS)");
    static final Family OPCODES_COUNTED = Family.gauge("istgt_stats_opcodes_counted",
            "Opcodes STATS has counted, listed or not (label kind: scsi, pdu); above ten, some are not listed");
    static final Family LOGIN_REQUESTS = Family.counter("istgt_iscsi_login_requests_total", "iSCSI login requests");
    static final Family LOGIN_SUCCESSES = Family.counter("istgt_iscsi_login_successes_total", "iSCSI logins that succeeded");
    static final Family LOGOUT_REQUESTS = Family.counter("istgt_iscsi_logout_requests_total", "iSCSI logout requests");
    static final Family LOGOUT_SUCCESSES = Family.counter("istgt_iscsi_logout_successes_total", "iSCSI logouts that succeeded");
    static final Family DISCOVERY_REQUESTS = Family.counter("istgt_iscsi_discovery_requests_total", "iSCSI discovery requests");
    static final Family DISCOVERY_SUCCESSES = Family.counter("istgt_iscsi_discovery_successes_total",
            "iSCSI discoveries that succeeded");
    static final Family SESSIONS = Family.gauge("istgt_iscsi_sessions", "iSCSI sessions logged in to the volume now (INFO)");
    static final Family LU_WORKERS = Family.gauge("istgt_lu_workers", "LU worker threads (ISTGTSTATUS luWorkers)");
    static final Family QUEUE = Family.gauge("istgt_queue_length",
            "istgt's command queues now (label queue: cmd, blocked, maint_cmd, maint_blocked)");
    static final Family MGMT_REQUESTS = Family.counter("istgt_mgmt_requests_total",
            "Snapshot and rebuild requests over the management connection (label op)");
    static final Family MGMT_SUCCESSES = Family.counter("istgt_mgmt_successes_total",
            "Snapshot and rebuild requests that succeeded (label op)");
    static final Family MAX_IO_WAIT = Family.gauge("istgt_max_io_wait_seconds", "istgt's MAXIOWAIT");
    static final Family BUILD = Family.info("istgt_build_info",
            "The istgt that answered: version, git commit and release tag, and the command set the collector read");
    static final Family POLL_UP = Family.gauge("istgt_poll_up", "1 when the target's last poll succeeded, 0 when it failed");
    static final Family LAST_POLL = Family.gauge("istgt_last_poll_timestamp_seconds",
            "When the target's last poll ended, successful or not, seconds since the epoch");
    static final Family LAST_SUCCESS = Family.gauge("istgt_last_success_timestamp_seconds",
            "Collection time of the target's last successful poll, seconds since the epoch");
    static final Family POLL_FAILURES = Family.counter("istgt_poll_failures_total",
            "Failed polls of the target by error kind, since the collector began polling it");
    static final Family PARTIAL_FAILURES = Family.gauge("istgt_poll_partial_failure",
            "1 for each command of the last successful poll that gave nothing or only part (labels command, kind)");

    static final List<Family> ALL = List.of(VOLUME_STATUS, SIZE, SECTOR_SIZE, USED, UPTIME, CONNECTED_REPLICAS, REPLICAS,
            REVISION, LUN_STATE, READ_OPS, WRITE_OPS, READ_BYTES, WRITE_BYTES, READ_BLOCKS, WRITE_BLOCKS, READ_TIME,
            WRITE_TIME, SCSI_COMMANDS, SCSI_OPCODE_STARTED, SCSI_OPCODE_FINISHED, PDUS_RECEIVED, PDUS_SENT,
            OPCODES_COUNTED, LOGIN_REQUESTS, LOGIN_SUCCESSES, LOGOUT_REQUESTS, LOGOUT_SUCCESSES, DISCOVERY_REQUESTS,
            DISCOVERY_SUCCESSES, SESSIONS, LU_WORKERS, QUEUE, MGMT_REQUESTS, MGMT_SUCCESSES, MAX_IO_WAIT, BUILD, POLL_UP,
            LAST_POLL, LAST_SUCCESS, POLL_FAILURES, PARTIAL_FAILURES);

    private DeepSeries() {
    }

    static void render(String target, TargetState state, SeriesBuffer out) {
        IstgtSnapshot s = state.lastSnapshot();
        if (s == null) {
            collectorView(state, null, Labels.of("iqn", "", "target", target, "volume", ""), out);
            return;
        }
        for (VolumeSnapshot v : s.volumes()) {
            String iqn = v.target().iqn();
            Labels labels = Labels.of("iqn", iqn, "target", target, "volume", CompatibleSeries.volumeName(iqn));
            collectorView(state, s, labels, out);
            if (state.readable()) {
                volume(s, v, labels, out);
                process(s, labels, out);
                for (ReplicaSnapshot r : v.replicas()) {
                    ReplicaSeries.render(r, labels.add("replica_id", r.id().value()), out);
                }
            }
        }
    }

    private static void collectorView(TargetState state, IstgtSnapshot s, Labels labels,
                                      SeriesBuffer out) {
        out.add(POLL_UP, labels, state.readable() ? 1 : 0);
        out.add(LAST_POLL, labels, state.lastPollAt().toEpochMilli() / 1e3);
        if (s != null) {
            out.add(LAST_SUCCESS, labels, s.collectedAt().toEpochMilli() / 1e3);
        }
        for (Map.Entry<ErrorKind, Long> e : state.failures().entrySet()) {
            out.add(POLL_FAILURES, labels.add("kind", e.getKey().name().toLowerCase(Locale.ROOT)), e.getValue());
        }
        if (s != null && state.readable()) {
            for (PartialFailure p : s.partialFailures()) {
                out.add(PARTIAL_FAILURES, labels.add("command", p.command()).add("kind",
                        p.kind().name().toLowerCase(Locale.ROOT)), 1);
            }
        }
    }

    private static void volume(IstgtSnapshot s, VolumeSnapshot v, Labels labels, SeriesBuffer out) {
        TargetInfo t = v.target();
        for (VolumeStatus status : VolumeStatus.values()) {
            out.add(VOLUME_STATUS, labels.add("status", lower(status)), t.status() == status ? 1 : 0);
        }
        out.add(SIZE, labels, t.sizeBytes());
        out.add(SECTOR_SIZE, labels, t.sectorSizeBytes());
        if (t.usedLogicalBlocks() != null && t.sectorSizeBytes() != null) {
            out.add(USED, labels, t.usedLogicalBlocks() * (double) t.sectorSizeBytes());
        }
        out.add(UPTIME, labels, t.uptimeSeconds());
        out.add(CONNECTED_REPLICAS, labels, t.replicaCounter());
        out.add(REPLICAS, labels.add("mode", "healthy"), v.replicaCounts().healthy());
        out.add(REPLICAS, labels.add("mode", "degraded"), v.replicaCounts().degraded());
        if (v.replicaCounts().offline() != null) {
            out.add(REPLICAS, labels.add("mode", "offline"), v.replicaCounts().offline());
        }
        out.add(REVISION, labels, t.revisionCounter());
        if (t.lunState() != null) {
            out.add(LUN_STATE, labels.add("state", "real"), t.lunState() == LunState.REAL ? 1 : 0);
            out.add(LUN_STATE, labels.add("state", "fake"), t.lunState() == LunState.FAKE ? 1 : 0);
        }
        IoTotals io = t.io();
        if (io != null) {
            out.add(READ_OPS, labels, io.readOps());
            out.add(WRITE_OPS, labels, io.writeOps());
            out.add(READ_BYTES, labels, io.readBytes());
            out.add(WRITE_BYTES, labels, io.writeBytes());
            out.add(READ_BLOCKS, labels, io.readBlocks());
            out.add(WRITE_BLOCKS, labels, io.writeBlocks());
            out.add(READ_TIME, labels.add("part", "total"), io.totalReadTimeNs(), NS);
            out.add(READ_TIME, labels.add("part", "lu"), io.luTotalReadTimeNs(), NS);
            out.add(READ_TIME, labels.add("part", "replication"), io.replicationTotalReadTimeNs(), NS);
            out.add(WRITE_TIME, labels.add("part", "total"), io.totalWriteTimeNs(), NS);
            out.add(WRITE_TIME, labels.add("part", "lu"), io.luTotalWriteTimeNs(), NS);
            out.add(WRITE_TIME, labels.add("part", "replication"), io.replicationTotalWriteTimeNs(), NS);
        }
        if (s.iscsi().sessions() != null) {
            int sessions = 0;
            for (IscsiSession session : s.iscsi().sessions()) {
                if (session.targetIqn().equals(t.iqn())) {
                    sessions++;
                }
            }
            out.add(SESSIONS, labels, sessions);
        }
    }

    /** What istgt counts for the whole process, on each of its volumes. */
    private static void process(IstgtSnapshot s, Labels labels, SeriesBuffer out) {
        Labels build = labels.add("command_set", lower(s.commandSet())).add("version", s.istgtVersion());
        if (s.build() != null) {
            build = build.add("git_commit", nonNull(s.build().gitCommitHash()))
                    .add("release_tag", nonNull(s.build().releaseTag()));
        }
        out.add(BUILD, build, 1);
        out.add(MAX_IO_WAIT, labels, s.maxIoWaitSeconds());
        IoCounters io = s.io();
        ScsiCommandCounts c = io.commands();
        if (c != null) {
            out.add(SCSI_COMMANDS, labels.add("command", "read6"), c.read6());
            out.add(SCSI_COMMANDS, labels.add("command", "read10"), c.read10());
            out.add(SCSI_COMMANDS, labels.add("command", "read12"), c.read12());
            out.add(SCSI_COMMANDS, labels.add("command", "read16"), c.read16());
            out.add(SCSI_COMMANDS, labels.add("command", "write6"), c.write6());
            out.add(SCSI_COMMANDS, labels.add("command", "write10"), c.write10());
            out.add(SCSI_COMMANDS, labels.add("command", "write12"), c.write12());
            out.add(SCSI_COMMANDS, labels.add("command", "write16"), c.write16());
            out.add(SCSI_COMMANDS, labels.add("command", "sync10"), c.sync10());
            out.add(SCSI_COMMANDS, labels.add("command", "sync16"), c.sync16());
        }
        opcodes(io.scsiOpcodes(), labels, SCSI_OPCODE_STARTED, SCSI_OPCODE_FINISHED, true, out);
        opcodes(io.pdus(), labels, PDUS_RECEIVED, PDUS_SENT, false, out);
        if (io.scsiOpcodesCounted() != null) {
            out.add(OPCODES_COUNTED, labels.add("kind", "scsi"), io.scsiOpcodesCounted());
        }
        if (io.pdusCounted() != null) {
            out.add(OPCODES_COUNTED, labels.add("kind", "pdu"), io.pdusCounted());
        }
        IscsiConnections iscsi = s.iscsi();
        out.add(LOGIN_REQUESTS, labels, iscsi.loginRequests());
        out.add(LOGIN_SUCCESSES, labels, iscsi.loginSuccesses());
        out.add(LOGOUT_REQUESTS, labels, iscsi.logoutRequests());
        out.add(LOGOUT_SUCCESSES, labels, iscsi.logoutSuccesses());
        out.add(DISCOVERY_REQUESTS, labels, iscsi.discoveryRequests());
        out.add(DISCOVERY_SUCCESSES, labels, iscsi.discoverySuccesses());
        out.add(LU_WORKERS, labels, iscsi.luWorkers());
        QueueLengths q = s.queues();
        if (q != null) {
            out.add(QUEUE, labels.add("queue", "cmd"), q.cmdQLen());
            out.add(QUEUE, labels.add("queue", "blocked"), q.blockedQLen());
            out.add(QUEUE, labels.add("queue", "maint_cmd"), q.maintCmdQLen());
            out.add(QUEUE, labels.add("queue", "maint_blocked"), q.maintBlockedQLen());
        }
        mgmt(s.mgmtRequests(), labels, MGMT_REQUESTS, MGMT_SUCCESSES, out);
    }

    /** Management requests and successes by op, for the target or one replica. */
    static void mgmt(MgmtRequestCounts m, Labels labels, Family requests, Family successes, SeriesBuffer out) {
        if (m == null) {
            return;
        }
        out.add(requests, labels.add("op", "snapshot_create"), m.snapshotCreateRequests());
        out.add(successes, labels.add("op", "snapshot_create"), m.snapshotCreateSuccesses());
        out.add(requests, labels.add("op", "snapshot_prepare"), m.snapshotPrepareRequests());
        out.add(successes, labels.add("op", "snapshot_prepare"), m.snapshotPrepareSuccesses());
        out.add(requests, labels.add("op", "start_rebuild"), m.startRebuildRequests());
        out.add(successes, labels.add("op", "start_rebuild"), m.startRebuildSuccesses());
        out.add(requests, labels.add("op", "prepare_rebuild"), m.prepareRebuildRequests());
        out.add(successes, labels.add("op", "prepare_rebuild"), m.prepareRebuildSuccesses());
    }

    private static void opcodes(List<OpcodeCount> counts, Labels labels, Family started, Family finished, boolean scsi,
                                SeriesBuffer out) {
        if (counts == null) {
            return;
        }
        // An opcode twice in one list would be two series with one label set, which fails the whole scrape.
        BitSet seen = new BitSet(256);
        for (OpcodeCount o : counts) {
            if (seen.get(o.opcode())) {
                continue;
            }
            seen.set(o.opcode());
            String name = scsi ? OpcodeNames.scsi(o.opcode()) : OpcodeNames.pdu(o.opcode());
            Labels l = labels.add("opcode", o.hex()).add("name", name == null ? o.hex() : name);
            out.add(started, l, o.started());
            out.add(finished, l, o.finished());
        }
    }

    static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
