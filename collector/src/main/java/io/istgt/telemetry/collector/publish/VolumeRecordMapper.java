package io.istgt.telemetry.collector.publish;

import io.istgt.telemetry.collector.snapshot.IstgtSnapshot;
import io.istgt.telemetry.collector.snapshot.ReplicaId;
import io.istgt.telemetry.collector.snapshot.ReplicaMode;
import io.istgt.telemetry.collector.snapshot.ReplicaSnapshot;
import io.istgt.telemetry.collector.snapshot.VolumeSnapshot;
import io.istgt.telemetry.schemas.CollectionMetadata;
import io.istgt.telemetry.schemas.CommandFailure;
import io.istgt.telemetry.schemas.IoTotals;
import io.istgt.telemetry.schemas.LunState;
import io.istgt.telemetry.schemas.ReplicaCounts;
import io.istgt.telemetry.schemas.TargetInfo;
import io.istgt.telemetry.schemas.VolumeErrors;
import io.istgt.telemetry.schemas.VolumeHealth;
import io.istgt.telemetry.schemas.VolumeQueues;
import io.istgt.telemetry.schemas.VolumeStatus;
import java.util.List;
import java.util.Objects;
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
                               List<ReplicaId> offlineIds, List<CommandFailure> partialFailures)
            throws UnpublishableSnapshotException {
        return VolumeStatus.newBuilder()
                .setMetadata(metadata)
                .setIqn(v.target().iqn())
                .setFailure(null)
                .setPartialFailures(partialFailures)
                .setTarget(target(s, v))
                .setReplicaCounts(replicaCounts(v, offlineIds))
                .setIscsiConnections(ProcessGroups.iscsi(s.iscsi(), v.target().iqn()))
                .setIoCounters(ProcessGroups.ioCounters(s.io()))
                .setIoTotals(ioTotals(v))
                .setQueues(queues(s))
                .setMgmtOps(ProcessGroups.mgmtOps(s.mgmtRequests()))
                .setErrors(errors(v.replicas()))
                .build();
    }

    private static TargetInfo target(IstgtSnapshot s, VolumeSnapshot v) throws UnpublishableSnapshotException {
        var t = v.target();
        long usedBlocks = required(t.usedLogicalBlocks(), "UsedLogicalBlocks", t.iqn());
        long sectorSize = required(t.sectorSizeBytes(), "SectorSize", t.iqn());
        Portal portal = Portal.first(t.portals());
        return TargetInfo.newBuilder()
                .setStatus(switch (t.status()) {
                    case HEALTHY -> VolumeHealth.Healthy;
                    case DEGRADED -> VolumeHealth.Degraded;
                    case OFFLINE -> VolumeHealth.Offline;
                })
                .setLunState(t.lunState() == null ? null : switch (t.lunState()) {
                    case REAL -> LunState.REAL;
                    case FAKE -> LunState.FAKE;
                })
                .setOperatingMode(s.operatingMode())
                .setPortalAddress(portal == null ? null : portal.address())
                .setPortalPort(portal == null ? null : portal.port())
                .setIstgtVersion(s.istgtVersion())
                .setGitCommitHash(s.build() == null ? null : s.build().gitCommitHash())
                .setReleaseTag(s.build() == null ? null : s.build().releaseTag())
                .setUpTimeSeconds(required(t.uptimeSeconds(), "UpTime", t.iqn()))
                .setSizeBytes(required(t.sizeBytes(), "Size", t.iqn()))
                .setSectorSizeBytes(Math.toIntExact(sectorSize))
                .setUsedLogicalBlocks(usedBlocks)
                .setUsedBytes(Math.multiplyExact(usedBlocks, sectorSize))
                .setRevisionCounter(required(t.revisionCounter(), "RevisionCounter", t.iqn()))
                .setMaxIoWaitSeconds(s.maxIoWaitSeconds())
                .build();
    }

    private static ReplicaCounts replicaCounts(VolumeSnapshot v, List<ReplicaId> offlineIds)
            throws UnpublishableSnapshotException {
        List<String> connected = ids(v.replicas(), r -> r.mode() != ReplicaMode.OFFLINE);
        List<String> degraded = ids(v.replicas(), r -> r.mode() == ReplicaMode.DEGRADED);
        return ReplicaCounts.newBuilder()
                .setHealthy(v.replicaCounts().healthy())
                .setDegraded(v.replicaCounts().degraded())
                .setOffline(offlineIds.size())
                // The parsers accept only Healthy and Degraded for a connected replica: no other mode gets here.
                .setUnknown(0)
                .setReportedReplicaCounter(Math.toIntExact(
                        required(v.target().replicaCounter(), "ReplicaCounter", v.target().iqn())))
                .setConnectedReplicaIds(connected)
                .setOfflineReplicaIds(offlineIds.stream().map(ReplicaId::value).toList())
                .setDegradedReplicaIds(degraded)
                .build();
    }

    private static List<String> ids(List<ReplicaSnapshot> replicas, java.util.function.Predicate<ReplicaSnapshot> which) {
        return replicas.stream().filter(which).map(r -> r.id().value()).toList();
    }

    private static IoTotals ioTotals(VolumeSnapshot v) throws UnpublishableSnapshotException {
        var io = v.target().io();
        String iqn = v.target().iqn();
        if (io == null) {
            throw new UnpublishableSnapshotException("IOSTATS", "IOSTATS of " + iqn + " has no IO totals");
        }
        return IoTotals.newBuilder()
                .setReadCommands(required(io.readOps(), "ReadIOPS", iqn))
                .setWriteCommands(required(io.writeOps(), "WriteIOPS", iqn))
                .setReadBytes(required(io.readBytes(), "TotalReadBytes", iqn))
                .setWriteBytes(required(io.writeBytes(), "TotalWriteBytes", iqn))
                .setReadBlocks(required(io.readBlocks(), "TotalReadBlockCount", iqn))
                .setWriteBlocks(required(io.writeBlocks(), "TotalWriteBlockCount", iqn))
                .setReadTimeNs(required(io.totalReadTimeNs(), "TotalReadTime", iqn))
                .setLuReadTimeNs(required(io.luTotalReadTimeNs(), "LUTotalReadTime", iqn))
                .setReplicationReadTimeNs(required(io.replicationTotalReadTimeNs(), "ReplicationTotalReadTime", iqn))
                .setWriteTimeNs(required(io.totalWriteTimeNs(), "TotalWriteTime", iqn))
                .setLuWriteTimeNs(required(io.luTotalWriteTimeNs(), "LUTotalWriteTime", iqn))
                .setReplicationWriteTimeNs(
                        required(io.replicationTotalWriteTimeNs(), "ReplicationTotalWriteTime", iqn))
                .build();
    }

    /** The LU queues, or null unless ISTGTSTATUS gave all four (a record cannot hold some). */
    private static VolumeQueues queues(IstgtSnapshot s) {
        var q = s.queues();
        if (q == null || !Nulls.allPresent(q.cmdQLen(), q.blockedQLen(), q.maintCmdQLen(), q.maintBlockedQLen())) {
            return null;
        }
        return VolumeQueues.newBuilder()
                .setCommandQueueLength(q.cmdQLen())
                .setBlockedQueueLength(q.blockedQLen())
                .setMaintenanceCommandQueueLength(q.maintCmdQLen())
                .setMaintenanceBlockedQueueLength(q.maintBlockedQLen())
                .build();
    }

    /** Sums over every replica istgt keeps counters for, connected or not; a sum with no term stays null. */
    private static VolumeErrors errors(List<ReplicaSnapshot> replicas) {
        return VolumeErrors.newBuilder()
                .setMgmtConnErrors(sum(replicas, r -> r.errors() == null ? null : r.errors().mgmtConnErrors()))
                .setDataConnErrors(sum(replicas, r -> r.errors() == null ? null : r.errors().dataConnErrors()))
                .setReplicaRestarts(sum(replicas, r -> r.errors() == null ? null : r.errors().restartCount()))
                .setIoTimeouts(sum(replicas, r -> r.ioHealth() == null ? null : Nulls.sum(r.ioHealth().timeouts())))
                .setIoFailures(sum(replicas, r -> r.ioHealth() == null ? null : Nulls.sum(r.ioHealth().failures())))
                .setVersionMismatches(sum(replicas,
                        r -> r.ioHealth() == null ? null : Nulls.sum(r.ioHealth().versionMismatches())))
                .build();
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
