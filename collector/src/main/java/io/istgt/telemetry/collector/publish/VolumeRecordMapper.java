package io.istgt.telemetry.collector.publish;

import io.istgt.telemetry.client.snapshot.IstgtSnapshot;
import io.istgt.telemetry.client.snapshot.ReplicaId;
import io.istgt.telemetry.client.snapshot.ReplicaMode;
import io.istgt.telemetry.client.snapshot.ReplicaSnapshot;
import io.istgt.telemetry.client.snapshot.VolumeSnapshot;
import io.istgt.telemetry.collector.conf.IstgtConf;
import io.istgt.telemetry.schemas.CollectionMetadata;
import io.istgt.telemetry.schemas.CommandFailure;
import io.istgt.telemetry.schemas.IoTotals;
import io.istgt.telemetry.schemas.LunState;
import io.istgt.telemetry.schemas.ReplicaCounts;
import io.istgt.telemetry.schemas.ReplicationSettings;
import io.istgt.telemetry.schemas.TargetInfo;
import io.istgt.telemetry.schemas.VolumeErrors;
import io.istgt.telemetry.schemas.VolumeHealth;
import io.istgt.telemetry.schemas.VolumeQueues;
import io.istgt.telemetry.schemas.VolumeStatus;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * One volume of a successful poll as a {@code VolumeStatus}, field by field as docs/metrics.md maps it.
 * What istgt reports for the whole process (ISTGTSTATUS counters, STATS, INFO, queues) goes on every volume of
 * that istgt; cStor runs one volume per istgt. Counters that the snapshot lacks stay null.
 */
final class VolumeRecordMapper {

    private VolumeRecordMapper() {
    }

    /**
     * @param offlineIds the volume's known replicas that are not connected now, ordered (ISTGTSTATUS
     *                   {@code errors[]} only, or seen earlier in this collector run)
     * @throws UnpublishableSnapshotException when IOSTATS lacks a value the record requires
     */
    static VolumeStatus volume(IstgtSnapshot s, VolumeSnapshot v, CollectionMetadata metadata,
                               List<ReplicaId> offlineIds, List<CommandFailure> partialFailures,
                               Optional<IstgtConf.ReplicationSettings> replication)
            throws UnpublishableSnapshotException {
        // The all-arguments constructors (every field given, in schema order) rather than the builders, which
        // validate each value and copy the defaults of the fields left unset: this runs for every poll. The
        // records' bytes are pinned by the benchmarks' SnapshotPathBytesTest.
        return new VolumeStatus(
                metadata,
                v.target().iqn(),
                null,
                partialFailures,
                target(s, v),
                replicaCounts(v, offlineIds),
                ProcessGroups.iscsi(s.iscsi(), v.target().iqn()),
                ProcessGroups.ioCounters(s.io()),
                ioTotals(v),
                queues(s),
                ProcessGroups.mgmtOps(s.mgmtRequests()),
                errors(v.replicas()),
                replication.map(VolumeRecordMapper::replicationSettings).orElse(null));
    }

    private static ReplicationSettings replicationSettings(IstgtConf.ReplicationSettings r) {
        return new ReplicationSettings(r.replicationFactor(), r.consistencyFactor(), r.desiredReplicationFactor(),
                r.source().toString());
    }

    private static TargetInfo target(IstgtSnapshot s, VolumeSnapshot v) throws UnpublishableSnapshotException {
        var t = v.target();
        long usedBlocks = required(t.usedLogicalBlocks(), "UsedLogicalBlocks", t.iqn());
        long sectorSize = required(t.sectorSizeBytes(), "SectorSize", t.iqn());
        Portal portal = Portal.first(t.portals());
        return new TargetInfo(
                switch (t.status()) {
                    case HEALTHY -> VolumeHealth.Healthy;
                    case DEGRADED -> VolumeHealth.Degraded;
                    case OFFLINE -> VolumeHealth.Offline;
                },
                t.lunState() == null ? null : switch (t.lunState()) {
                    case REAL -> LunState.REAL;
                    case FAKE -> LunState.FAKE;
                },
                s.operatingMode(),
                portal == null ? null : portal.address(),
                portal == null ? null : portal.port(),
                s.istgtVersion(),
                s.build() == null ? null : s.build().gitCommitHash(),
                s.build() == null ? null : s.build().releaseTag(),
                required(t.uptimeSeconds(), "UpTime", t.iqn()),
                required(t.sizeBytes(), "Size", t.iqn()),
                Math.toIntExact(sectorSize),
                usedBlocks,
                Math.multiplyExact(usedBlocks, sectorSize),
                required(t.revisionCounter(), "RevisionCounter", t.iqn()),
                s.maxIoWaitSeconds());
    }

    private static ReplicaCounts replicaCounts(VolumeSnapshot v, List<ReplicaId> offlineIds)
            throws UnpublishableSnapshotException {
        List<String> connected = ids(v.replicas(), r -> r.mode() != ReplicaMode.OFFLINE);
        List<String> degraded = ids(v.replicas(), r -> r.mode() == ReplicaMode.DEGRADED);
        return new ReplicaCounts(
                v.replicaCounts().healthy(),
                v.replicaCounts().degraded(),
                offlineIds.size(),
                // The parsers accept only Healthy and Degraded for a connected replica: no other mode gets here.
                0,
                Math.toIntExact(required(v.target().replicaCounter(), "ReplicaCounter", v.target().iqn())),
                connected,
                values(offlineIds),
                degraded);
    }

    /** A loop, not a stream: over a volume's few replicas the pipeline cost more than the work. */
    private static List<String> ids(List<ReplicaSnapshot> replicas, java.util.function.Predicate<ReplicaSnapshot> which) {
        List<String> ids = new ArrayList<>(replicas.size());
        for (ReplicaSnapshot r : replicas) {
            if (which.test(r)) {
                ids.add(r.id().value());
            }
        }
        return Collections.unmodifiableList(ids);
    }

    private static List<String> values(List<ReplicaId> replicaIds) {
        List<String> values = new ArrayList<>(replicaIds.size());
        for (ReplicaId id : replicaIds) {
            values.add(id.value());
        }
        return Collections.unmodifiableList(values);
    }

    private static IoTotals ioTotals(VolumeSnapshot v) throws UnpublishableSnapshotException {
        var io = v.target().io();
        String iqn = v.target().iqn();
        if (io == null) {
            throw new UnpublishableSnapshotException("IOSTATS", "IOSTATS of " + iqn + " has no IO totals");
        }
        return new IoTotals(
                required(io.readOps(), "ReadIOPS", iqn),
                required(io.writeOps(), "WriteIOPS", iqn),
                required(io.readBytes(), "TotalReadBytes", iqn),
                required(io.writeBytes(), "TotalWriteBytes", iqn),
                required(io.readBlocks(), "TotalReadBlockCount", iqn),
                required(io.writeBlocks(), "TotalWriteBlockCount", iqn),
                required(io.totalReadTimeNs(), "TotalReadTime", iqn),
                required(io.luTotalReadTimeNs(), "LUTotalReadTime", iqn),
                required(io.replicationTotalReadTimeNs(), "ReplicationTotalReadTime", iqn),
                required(io.totalWriteTimeNs(), "TotalWriteTime", iqn),
                required(io.luTotalWriteTimeNs(), "LUTotalWriteTime", iqn),
                required(io.replicationTotalWriteTimeNs(), "ReplicationTotalWriteTime", iqn));
    }

    /** The LU queues, or null unless ISTGTSTATUS gave all four (a record cannot hold some). */
    private static VolumeQueues queues(IstgtSnapshot s) {
        var q = s.queues();
        if (q == null || !Nulls.allPresent(q.cmdQLen(), q.blockedQLen(), q.maintCmdQLen(), q.maintBlockedQLen())) {
            return null;
        }
        return new VolumeQueues(q.cmdQLen(), q.blockedQLen(), q.maintCmdQLen(), q.maintBlockedQLen());
    }

    /** Sums over every replica istgt keeps counters for, connected or not; a sum with no term stays null. */
    private static VolumeErrors errors(List<ReplicaSnapshot> replicas) {
        return new VolumeErrors(
                sum(replicas, r -> r.errors() == null ? null : r.errors().mgmtConnErrors()),
                sum(replicas, r -> r.errors() == null ? null : r.errors().dataConnErrors()),
                sum(replicas, r -> r.errors() == null ? null : r.errors().restartCount()),
                sum(replicas, r -> r.ioHealth() == null ? null : Nulls.sum(r.ioHealth().timeouts())),
                sum(replicas, r -> r.ioHealth() == null ? null : Nulls.sum(r.ioHealth().failures())),
                sum(replicas, r -> r.ioHealth() == null ? null : Nulls.sum(r.ioHealth().versionMismatches())));
    }

    private static Long sum(List<ReplicaSnapshot> replicas, Function<ReplicaSnapshot, Long> term) {
        Long total = null;
        for (ReplicaSnapshot r : replicas) {
            Long value = term.apply(r);
            if (value != null) {
                total = total == null ? value : Math.addExact(total, value);
            }
        }
        return total;
    }

    private static long required(Long value, String iostatsField, String iqn) throws UnpublishableSnapshotException {
        if (value == null) {
            throw new UnpublishableSnapshotException("IOSTATS", "IOSTATS of " + iqn + " lacks " + iostatsField
                    + ", which every VolumeStatus record requires");
        }
        return value;
    }

    /** A portal as INFO prints it, {@code 127.0.0.1:3260,1} or {@code [fd00::1]:3260,1}. */
    record Portal(String address, Integer port) {

        static Portal first(List<String> portals) {
            return portals == null || portals.isEmpty() ? null : parse(portals.getFirst());
        }

        static Portal parse(String text) {
            Objects.requireNonNull(text, "text");
            int comma = text.lastIndexOf(',');
            String hostPort = comma < 0 ? text : text.substring(0, comma);
            int colon = hostPort.lastIndexOf(':');
            String host = colon < 0 ? hostPort : hostPort.substring(0, colon);
            String port = colon < 0 ? "" : hostPort.substring(colon + 1);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            return new Portal(host.isEmpty() ? null : host, Nulls.digits(port, 5) ? Integer.valueOf(port) : null);
        }
    }
}
