package io.istgt.telemetry.collector.exporter;

import io.istgt.telemetry.client.snapshot.IstgtSnapshot;
import io.istgt.telemetry.client.snapshot.ReplicaMode;
import io.istgt.telemetry.client.snapshot.ReplicaSnapshot;
import io.istgt.telemetry.client.snapshot.TargetInfo;
import io.istgt.telemetry.client.snapshot.VolumeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import java.util.List;

/**
 * The series OpenEBS's maya-volume-exporter (m-exporter) exported for a cStor volume, named, valued and (where the
 * client's naming rules allow) typed as it did, so that the dashboards and rules written for it work on ours.
 * Every series has the labels {@code iqn} and {@code target} besides m-exporter's own: one collector may serve
 * several volumes. Where m-exporter was wrong in ways nobody can rely on, these are not (docs/prometheus.md).
 */
final class CompatibleSeries {

    static final double GIB = 1L << 30;
    /** m-exporter's value for a volume whose istgt it could not read. */
    static final int STATUS_UNKNOWN = 4;

    static final Family ACTUAL_USED = Family.gauge("openebs_actual_used",
            "Actual volume size used: UsedLogicalBlocks x SectorSize in GiB (as m-exporter)");
    static final Family LOGICAL_SIZE = Family.gauge("openebs_logical_size",
            "Logical size of volume: never set for cStor, always 0 (as m-exporter)");
    static final Family SIZE_OF_VOLUME = Family.gauge("openebs_size_of_volume",
            "Size of the volume requested, in GiB (istgt's Size / 2^30, as m-exporter)");
    static final Family SECTOR_SIZE = Family.gauge("openebs_sector_size", "sector size of volume, in bytes");
    static final Family READS = Family.gauge("openebs_reads", "Read Input/Outputs on Volume (istgt's ReadIOPS, a count)");
    static final Family WRITES = Family.gauge("openebs_writes", "Write Input/Outputs on Volume (istgt's WriteIOPS, a count)");
    static final Family READ_BYTES = Family.gauge("openebs_total_read_bytes", "Total read bytes");
    static final Family WRITE_BYTES = Family.gauge("openebs_total_write_bytes", "Total write bytes");
    static final Family READ_TIME = Family.gauge("openebs_read_time", "Read time on volume, in nanoseconds");
    static final Family WRITE_TIME = Family.gauge("openebs_write_time", "Write time on volume, in nanoseconds");
    static final Family READ_BLOCKS = Family.gauge("openebs_read_block_count", "Read Block count of volume");
    static final Family WRITE_BLOCKS = Family.gauge("openebs_write_block_count", "Write Block count of volume");
    static final Family STATUS = Family.gauge("openebs_volume_status",
            "Status of volume: (1, 2, 3, 4) = {Offline, Degraded, Healthy, Unknown (istgt cannot be read)}");
    static final Family UPTIME = Family.gauge("openebs_volume_uptime", "Time since volume has registered, in seconds");
    static final Family HEALTHY_REPLICAS = Family.gauge("openebs_healthy_replica_count",
            "Total no of healthy replicas (IOSTATS' Replicas in mode Healthy)");
    static final Family DEGRADED_REPLICAS = Family.gauge("openebs_degraded_replica_count",
            "Total no of degraded/ro replicas (IOSTATS' Replicas in mode Degraded)");
    static final Family TOTAL_REPLICAS = Family.gauge("openebs_total_replica_count",
            "Total no of replicas connected to cas (istgt's ReplicaCounter)");
    static final Family LOGIN_STATUS = Family.gauge("openebs_iscsi_initiator_login_status",
            "iSCSI initiator login status: never set for cStor, always 0 (as m-exporter)");
    // Counters, not gauges as in m-exporter: the Java client refuses a gauge named _total, and a counter keeps the
    // name in the exposition; queries read the same samples.
    static final Family CONNECTION_ERRORS = Family.counter("openebs_connection_error_total",
            "Total no of connection errors: failed polls that did not reach istgt or lost it mid-reply");
    static final Family CONNECTION_RETRIES = Family.counter("openebs_connection_retry_total",
            "Total no of connection retry requests: polls that followed a failed poll");
    static final Family PARSE_ERRORS = Family.counter("openebs_parse_error_total",
            "Total no of parsing errors: failed polls whose reply could not be read or was an error");

    static final List<Family> ALL = List.of(ACTUAL_USED, LOGICAL_SIZE, SIZE_OF_VOLUME, SECTOR_SIZE, READS, WRITES,
            READ_BYTES, WRITE_BYTES, READ_TIME, WRITE_TIME, READ_BLOCKS, WRITE_BLOCKS, STATUS, UPTIME, HEALTHY_REPLICAS,
            DEGRADED_REPLICAS, TOTAL_REPLICAS, LOGIN_STATUS, CONNECTION_ERRORS, CONNECTION_RETRIES, PARSE_ERRORS);

    private CompatibleSeries() {
    }

    /**
     * A target's series: every one per volume when its last poll succeeded; only the status (4, Unknown) and the
     * error counters when it did not, for each volume of its last successful poll (one without {@code iqn} before
     * any): not zeros, which would read as a counter reset.
     */
    static void render(String target, TargetState state, SeriesBuffer out) {
        IstgtSnapshot s = state.lastSnapshot();
        if (s == null) {
            Labels labels = Labels.of("iqn", "", "target", target);
            out.add(STATUS, labels, STATUS_UNKNOWN);
            errors(state, labels, out);
            return;
        }
        for (VolumeSnapshot v : s.volumes()) {
            Labels labels = Labels.of("iqn", v.target().iqn(), "target", target);
            if (state.readable()) {
                volume(target, v, labels, out);
            } else {
                out.add(STATUS, labels, STATUS_UNKNOWN);
            }
            errors(state, labels, out);
        }
    }

    private static void volume(String target, VolumeSnapshot v, Labels labels, SeriesBuffer out) {
        TargetInfo t = v.target();
        if (t.usedLogicalBlocks() != null && t.sectorSizeBytes() != null) {
            out.add(ACTUAL_USED, labels, t.usedLogicalBlocks() * (double) t.sectorSizeBytes() / GIB);
        }
        out.add(LOGICAL_SIZE, labels, 0);
        out.add(SIZE_OF_VOLUME, labels, t.sizeBytes(), GIB);
        out.add(SECTOR_SIZE, labels, t.sectorSizeBytes());
        if (t.io() != null) {
            out.add(READS, labels, t.io().readOps());
            out.add(WRITES, labels, t.io().writeOps());
            out.add(READ_BYTES, labels, t.io().readBytes());
            out.add(WRITE_BYTES, labels, t.io().writeBytes());
            out.add(READ_TIME, labels, t.io().totalReadTimeNs());
            out.add(WRITE_TIME, labels, t.io().totalWriteTimeNs());
            out.add(READ_BLOCKS, labels, t.io().readBlocks());
            out.add(WRITE_BLOCKS, labels, t.io().writeBlocks());
        }
        out.add(STATUS, labels, switch (t.status()) {
            case OFFLINE -> 1;
            case DEGRADED -> 2;
            case HEALTHY -> 3;
        });
        out.add(UPTIME, Labels.of("castype", "cstor", "iqn", t.iqn(), "target", target, "volName",
                volumeName(t.iqn())), t.uptimeSeconds());
        out.add(HEALTHY_REPLICAS, labels, listedByIostats(v.replicas(), ReplicaMode.HEALTHY));
        out.add(DEGRADED_REPLICAS, labels, listedByIostats(v.replicas(), ReplicaMode.DEGRADED));
        out.add(TOTAL_REPLICAS, labels, t.replicaCounter());
        out.add(LOGIN_STATUS, labels, 0);
    }

    private static void errors(TargetState state, Labels labels, SeriesBuffer out) {
        out.add(CONNECTION_ERRORS, labels, state.connectionErrors());
        out.add(CONNECTION_RETRIES, labels, state.retries());
        out.add(PARSE_ERRORS, labels, state.parseErrors());
    }

    /**
     * m-exporter counted the entries of IOSTATS' {@code Replicas} by mode: the replicas in the quorum, which are
     * those with IOSTATS' request and response times (REPLICA adds the others, without them).
     */
    private static int listedByIostats(List<ReplicaSnapshot> replicas, ReplicaMode mode) {
        int n = 0;
        for (ReplicaSnapshot r : replicas) {
            if (r.mode() == mode && r.ioTimes() != null) {
                n++;
            }
        }
        return n;
    }

    /** The IQN after its first ':' (m-exporter's {@code volName}); the whole IQN when it has none. */
    static String volumeName(String iqn) {
        int colon = iqn.indexOf(':');
        return colon < 0 ? iqn : iqn.substring(colon + 1);
    }
}
