package io.istgt.telemetry.collector.publish;

import io.istgt.telemetry.client.snapshot.CommandSet;
import io.istgt.telemetry.client.snapshot.IstgtSnapshot;
import io.istgt.telemetry.client.snapshot.PartialFailure;
import io.istgt.telemetry.client.snapshot.ReplicaId;
import io.istgt.telemetry.client.snapshot.ReplicaMode;
import io.istgt.telemetry.client.snapshot.ReplicaSnapshot;
import io.istgt.telemetry.client.snapshot.VolumeSnapshot;
import io.istgt.telemetry.collector.conf.IstgtConf;
import io.istgt.telemetry.schemas.CollectionMetadata;
import io.istgt.telemetry.schemas.CommandFailure;
import io.istgt.telemetry.schemas.ReplicaKey;
import io.istgt.telemetry.schemas.VolumeKey;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Turns each poll of one target into its records, and remembers what the records of later polls need: the
 * per-target {@code sequence} (1 for the first poll of this collector run, +1 for every poll, failed ones too;
 * all records of a poll share it), the volumes of the last successful poll (the keys of failure records), the
 * replicas seen in this run (so one that vanishes is still reported, {@code connected = false}), failures in a
 * row and the time of the last success.
 *
 * <pre>{@code
 * TargetRecorder recorder = new TargetRecorder("/var/run/istgt_ctl_sock", identity);
 * PollRecords records = recorder.success(session.poll(), pollDuration);
 * }</pre>
 *
 * <p>Not thread-safe: used by the one poll of its target in flight.
 */
public final class TargetRecorder {

    private final String target;
    private final CollectorIdentity identity;
    private long sequence;
    private int consecutiveFailures;
    private Instant lastSuccessAt;
    private List<String> lastKnownIqns = List.of();
    private final Map<String, Set<ReplicaId>> knownReplicas = new HashMap<>();

    public TargetRecorder(String target, CollectorIdentity identity) {
        this.target = Objects.requireNonNull(target, "target");
        this.identity = Objects.requireNonNull(identity, "identity");
    }

    /** The records of a successful poll, with no istgt.conf to read replication settings from. */
    public PollRecords success(IstgtSnapshot s, Duration pollDuration) {
        return success(s, pollDuration, iqn -> Optional.empty());
    }

    /**
     * The records of a successful poll; a snapshot the records cannot hold becomes a failed poll's records.
     *
     * @param replication each volume's replication settings from istgt.conf, by iqn (see {@code IstgtConfWatch})
     */
    public PollRecords success(IstgtSnapshot s, Duration pollDuration,
                               Function<String, Optional<IstgtConf.ReplicationSettings>> replication) {
        long seq = ++sequence;
        CollectionMetadata metadata = metadata(s.collectedAt(), s.commandSet(), seq, pollDuration);
        // Loops, not streams, on this per-poll path: over a few replicas a pipeline cost more than its work.
        List<CommandFailure> partial = new ArrayList<>(s.partialFailures().size());
        for (PartialFailure p : s.partialFailures()) {
            partial.add(FailureRecords.partial(p));
        }
        List<OutboundRecord.Volume> volumes = new ArrayList<>();
        List<OutboundRecord.Replica> replicas = new ArrayList<>();
        Map<String, List<ReplicaId>> seenNow = new HashMap<>();
        try {
            for (VolumeSnapshot v : s.volumes()) {
                String iqn = v.target().iqn();
                List<ReplicaId> listed = new ArrayList<>(v.replicas().size());
                for (ReplicaSnapshot r : v.replicas()) {
                    listed.add(r.id());
                }
                List<ReplicaId> vanished = vanished(knownReplicas.getOrDefault(iqn, Set.of()), listed);
                volumes.add(new OutboundRecord.Volume(new VolumeKey(iqn),
                        VolumeRecordMapper.volume(s, v, metadata, offline(vanished, v.replicas()), partial,
                                replication.apply(iqn))));
                for (ReplicaSnapshot r : v.replicas()) {
                    replicas.add(new OutboundRecord.Replica(new ReplicaKey(iqn, r.id().value()),
                            ReplicaRecordMapper.replica(iqn, r, metadata)));
                }
                for (ReplicaId id : vanished) {
                    replicas.add(new OutboundRecord.Replica(new ReplicaKey(iqn, id.value()),
                            ReplicaRecordMapper.vanished(iqn, id, metadata)));
                }
                seenNow.put(iqn, listed);
            }
        } catch (UnpublishableSnapshotException e) {
            return failed(PollError.of(e, target), metadata);
        }
        seenNow.forEach((iqn, ids) -> knownReplicas.computeIfAbsent(iqn, k -> new TreeSet<>()).addAll(ids));
        String[] iqns = seenNow.keySet().toArray(new String[0]);
        Arrays.sort(iqns);
        lastKnownIqns = List.of(iqns);
        lastSuccessAt = metadata.getCollectedAt();
        consecutiveFailures = 0;
        return new PollRecords(volumes, replicas);
    }

    /** The replicas seen before that this poll does not list, in id order (as {@code known} is sorted). */
    private static List<ReplicaId> vanished(Set<ReplicaId> known, List<ReplicaId> listed) {
        List<ReplicaId> vanished = new ArrayList<>();
        for (ReplicaId id : known) {
            if (!listed.contains(id)) {
                vanished.add(id);
            }
        }
        return vanished;
    }

    /**
     * The ids the volume record lists as offline: the vanished ones and those istgt reports in mode Offline, in
     * id order, each once. Lists, not sorted sets, on this per-poll path: a volume has a handful of replicas.
     */
    private static List<ReplicaId> offline(List<ReplicaId> vanished, List<ReplicaSnapshot> replicas) {
        List<ReplicaId> offline = new ArrayList<>(vanished);
        for (ReplicaSnapshot r : replicas) {
            if (r.mode() == ReplicaMode.OFFLINE && !offline.contains(r.id())) {
                offline.add(r.id());
            }
        }
        offline.sort(null);
        return List.copyOf(offline);
    }

    /**
     * The records of a failed poll.
     *
     * @param startedAt when the poll started
     * @param attempted the command set the poll tried (the one learnt on a kept connection, else the deep one,
     *                  which a new connection tries first)
     */
    public PollRecords failure(PollError error, Instant startedAt, CommandSet attempted, Duration pollDuration) {
        long seq = ++sequence;
        return failed(error, metadata(startedAt, attempted, seq, pollDuration));
    }

    private PollRecords failed(PollError error, CollectionMetadata metadata) {
        consecutiveFailures++;
        return new PollRecords(
                FailureRecords.failures(error, metadata, lastKnownIqns, consecutiveFailures, lastSuccessAt), List.of());
    }

    private CollectionMetadata metadata(Instant collectedAt, CommandSet commandSet, long seq, Duration pollDuration) {
        // The all-arguments constructor (every field in schema order; droppedPolls its default, a new empty list)
        // rather than the builder, which validates each value and deep-copies the default: once per poll.
        return new CollectionMetadata(
                collectedAt.truncatedTo(ChronoUnit.MILLIS),
                target,
                identity.collectorId(),
                identity.startedAt().truncatedTo(ChronoUnit.MILLIS),
                switch (commandSet) {
                    case DEEP -> io.istgt.telemetry.schemas.CommandSet.DEEP_ISTGTSTATUS;
                    case STOCK -> io.istgt.telemetry.schemas.CommandSet.STOCK;
                },
                seq,
                pollDuration == null ? null : pollDuration.toMillis(),
                new ArrayList<>(0));
    }

    public String target() {
        return target;
    }

    /** The sequence number of the last poll recorded; 0 before the first. */
    public long lastSequence() {
        return sequence;
    }

    public int consecutiveFailures() {
        return consecutiveFailures;
    }

    public Optional<Instant> lastSuccessAt() {
        return Optional.ofNullable(lastSuccessAt);
    }
}
