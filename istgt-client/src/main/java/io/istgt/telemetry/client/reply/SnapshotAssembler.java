package io.istgt.telemetry.client.reply;

import io.istgt.telemetry.client.snapshot.CommandSet;
import io.istgt.telemetry.client.snapshot.ErrorKind;
import io.istgt.telemetry.client.snapshot.IoCounters;
import io.istgt.telemetry.client.snapshot.IscsiConnections;
import io.istgt.telemetry.client.snapshot.IscsiSession;
import io.istgt.telemetry.client.snapshot.IstgtSnapshot;
import io.istgt.telemetry.client.snapshot.PartialFailure;
import io.istgt.telemetry.client.snapshot.ReplicaCounts;
import io.istgt.telemetry.client.snapshot.ReplicaErrorCounts;
import io.istgt.telemetry.client.snapshot.ReplicaId;
import io.istgt.telemetry.client.snapshot.ReplicaMode;
import io.istgt.telemetry.client.snapshot.ReplicaSnapshot;
import io.istgt.telemetry.client.snapshot.TargetInfo;
import io.istgt.telemetry.client.snapshot.VolumeSnapshot;
import io.istgt.telemetry.protocol.ControlCommand;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges one poll's replies into an {@link IstgtSnapshot}. Volumes come from IOSTATS (one line each);
 * replicas are merged by id from ISTGTSTATUS, IOSTATS and REPLICA, in that order of precedence for fields
 * more than one gives; REPLICA adds the replicas outside the quorum that IOSTATS omits.
 *
 * <p>ISTGTSTATUS, MEMPOOL and {@code errors[]} name no volume: their replicas go to the volume whose IOSTATS
 * or REPLICA lists the id, or to the only volume when there is one; otherwise they are left out with a warning.
 */
final class SnapshotAssembler {

    private SnapshotAssembler() {
    }

    /**
     * @param warnings        what the session noticed while polling (kept first in the snapshot's warnings)
     * @param partialFailures the commands of this poll that gave nothing
     */
    public static IstgtSnapshot assemble(String socketPath, Instant collectedAt, Replies r, List<String> warnings,
                                         List<PartialFailure> partialFailures) {
        List<String> notes = new ArrayList<>(warnings);
        IstgtStatusReply deep = r.istgtStatus();
        // Loops, not streams, on this per-poll path: a stream pipeline over a few volumes or replicas cost more
        // than the work it carried (about 8 % of a snapshot's CPU in all, JFR).
        List<VolumeBuilder> volumes = new ArrayList<>(r.iostats().size());
        for (IostatsVolume iostats : r.iostats()) {
            volumes.add(new VolumeBuilder(iostats));
        }
        if (r.replica() != null) {
            for (ReplicaVolume rv : r.replica()) {
                VolumeBuilder v = byName(volumes, rv.name());
                if (v == null) {
                    notes.add("REPLICA lists volume '" + rv.name() + "', which IOSTATS does not: left out");
                    continue;
                }
                v.name = rv.name();
                rv.replicas().forEach(v::addLowPrecedence);
            }
        }
        if (deep != null) {
            for (ReplicaSnapshot replica : deep.replicas()) {
                VolumeBuilder v = owner(volumes, replica.id());
                if (v == null) {
                    notes.add("ISTGTSTATUS replica " + replica.id() + " belongs to no single volume: left out");
                } else {
                    v.addHighPrecedence(replica);
                }
            }
            deep.errors().forEach((id, errors) -> attachErrors(volumes, id, errors, notes));
            if (deep.errorEntriesWithoutGuid() > 0) {
                notes.add(deep.errorEntriesWithoutGuid() + " ISTGTSTATUS errors[] entries have poolGuid 0 and name no "
                        + "replica: not counted");
            }
        }
        if (r.mempool() != null) {
            r.mempool().forEach((id, usage) -> {
                VolumeBuilder v = owner(volumes, id);
                if (v == null || !v.replicas.containsKey(id)) {
                    notes.add("MEMPOOL lists replica " + id + ", which no volume has: left out");
                } else {
                    v.replicas.computeIfPresent(id, (k, s) -> ReplicaMerge.withMempool(s, usage));
                }
            });
        }
        List<VolumeSnapshot> built = new ArrayList<>(volumes.size());
        for (VolumeBuilder v : volumes) {
            built.add(v.build(r, deep != null));
        }
        IscsiConnections iscsi = deep == null
                ? new IscsiConnections(null, null, null, null, null, null, null, null, r.info())
                : ReplicaMerge.withSessions(deep.iscsi(), r.info());
        StatsReply stats = r.stats();
        IoCounters io = stats == null ? new IoCounters(deep == null ? null : deep.commands(), null, null, null, null)
                : new IoCounters(deep == null ? null : deep.commands(), stats.scsiOpcodes(), stats.pdus(),
                        stats.scsiOpcodesCounted(), stats.pdusCounted());
        List<PartialFailure> failures = partialFailures;
        if (stats != null && (stats.scsiOpcodes().size() < stats.scsiOpcodesCounted()
                || stats.pdus().size() < stats.pdusCounted())) {
            failures = new ArrayList<>(partialFailures);
            failures.add(statsCut(socketPath, stats, notes));
        }
        return new IstgtSnapshot(socketPath, collectedAt, deep == null ? CommandSet.STOCK : CommandSet.DEEP,
                r.istgtVersion(), deep == null ? null : deep.build(), r.status() == null ? null : r.status().state(),
                r.maxIoWait(), iscsi, io, deep == null ? null : deep.queues(),
                deep == null ? null : deep.mgmtRequests(), built, notes, failures);
    }

    /**
     * STATS listed fewer opcodes than it counted (istgt lists ten at most): the others' counts are unknown. A partial
     * failure, and its line in the warnings.
     */
    private static PartialFailure statsCut(String socketPath, StatsReply stats, List<String> notes) {
        List<String> cuts = new ArrayList<>(2);
        if (stats.scsiOpcodes().size() < stats.scsiOpcodesCounted()) {
            cuts.add("listed " + stats.scsiOpcodes().size() + " of " + stats.scsiOpcodesCounted() + " SCSI opcodes");
        }
        if (stats.pdus().size() < stats.pdusCounted()) {
            cuts.add("listed " + stats.pdus().size() + " of " + stats.pdusCounted() + " iSCSI PDU opcodes");
        }
        String message = "STATS " + String.join(" and ", cuts) + "; the others are unknown";
        notes.add(message);
        return new PartialFailure(ControlCommand.STATS.word(), ErrorKind.INCOMPLETE_REPLY,
                message + " (socket " + socketPath + ", command " + ControlCommand.STATS.word() + ")", null);
    }

    private static void attachErrors(List<VolumeBuilder> volumes, ReplicaId id, ReplicaErrorCounts errors,
                                     List<String> notes) {
        VolumeBuilder v = owner(volumes, id);
        if (v == null) {
            notes.add("ISTGTSTATUS errors[] names replica " + id + ", which belongs to no single volume: left out");
        } else if (v.replicas.containsKey(id)) {
            v.replicas.computeIfPresent(id, (k, s) -> ReplicaMerge.withErrors(s, errors));
        } else {
            // In errors[] but not connected: istgt keeps the entry of a replica that went away.
            v.replicas.put(id, ReplicaSnapshot.offline(id, errors));
        }
    }

    private static VolumeBuilder byName(List<VolumeBuilder> volumes, String name) {
        for (VolumeBuilder v : volumes) {
            if (v.iostats.target().iqn().equals(name) || v.iostats.target().iqn().endsWith(":" + name)) {
                return v;
            }
        }
        return volumes.size() == 1 ? volumes.get(0) : null;
    }

    /** The volume that lists replica {@code id}, or the only volume. */
    private static VolumeBuilder owner(List<VolumeBuilder> volumes, ReplicaId id) {
        for (VolumeBuilder v : volumes) {
            if (v.replicas.containsKey(id)) {
                return v;
            }
        }
        return volumes.size() == 1 ? volumes.get(0) : null;
    }

    private static final class VolumeBuilder {
        final IostatsVolume iostats;
        final Map<ReplicaId, ReplicaSnapshot> replicas = new LinkedHashMap<>();
        String name;

        VolumeBuilder(IostatsVolume iostats) {
            this.iostats = iostats;
            iostats.replicas().forEach(this::addLowPrecedence);
        }

        void addLowPrecedence(ReplicaSnapshot replica) {
            replicas.merge(replica.id(), replica, ReplicaMerge::merge);
        }

        void addHighPrecedence(ReplicaSnapshot replica) {
            replicas.merge(replica.id(), replica, (old, preferred) -> ReplicaMerge.merge(preferred, old));
        }

        VolumeSnapshot build(Replies r, boolean deep) {
            TargetInfo t = iostats.target();
            List<String> portals = r.info() == null ? null : r.info().stream()
                    .filter(s -> s.targetIqn().equals(t.iqn()) && s.portal() != null)
                    .map(IscsiSession::portal).distinct().toList();
            TargetInfo target = new TargetInfo(t.iqn(), name, t.status(),
                    r.status() == null ? null : r.status().lunStates().get(t.iqn()), portals,
                    t.sizeBytes(), t.sectorSizeBytes(), t.usedLogicalBlocks(), t.uptimeSeconds(), t.replicaCounter(),
                    t.revisionCounter(), t.io());
            ReplicaId[] ids = replicas.keySet().toArray(new ReplicaId[0]);
            Arrays.sort(ids);
            List<ReplicaSnapshot> ordered = new ArrayList<>(ids.length);
            for (ReplicaId id : ids) {
                ordered.add(replicas.get(id));
            }
            int healthy = count(ordered, ReplicaMode.HEALTHY);
            int degraded = count(ordered, ReplicaMode.DEGRADED);
            ReplicaCounts counts = new ReplicaCounts(healthy, degraded,
                    deep ? count(ordered, ReplicaMode.OFFLINE) : null, null);
            return new VolumeSnapshot(target, counts, ordered);
        }

        private static int count(List<ReplicaSnapshot> replicas, ReplicaMode mode) {
            int n = 0;
            for (ReplicaSnapshot s : replicas) {
                if (s.mode() == mode) {
                    n++;
                }
            }
            return n;
        }
    }
}
