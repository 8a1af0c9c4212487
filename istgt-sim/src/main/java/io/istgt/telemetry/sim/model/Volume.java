package io.istgt.telemetry.sim.model;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntSupplier;

/**
 * One volume (istgt's {@code spec}) as it evolves in time: replicas connect, rebuild and leave, IO flows. State
 * is advanced lazily: {@link #advanceTo} replays every change due by then, in time order, so that each
 * answer is a pure function of the configuration, the events and the clock. Not thread-safe: the owning
 * {@link Target} serialises access.
 */
public final class Volume {

    private final VolumeSpec spec;
    private final IoTiming timing;
    private final IntSupplier workerIds;
    private final SplittableRandom portRandom;
    private final Deque<Integer> firstPorts;
    private final Map<Long, ReplicaPool> pools = new LinkedHashMap<>();
    private final List<Replica> replicas = new ArrayList<>();
    private final Map<Long, KnownReplica> known = new LinkedHashMap<>();
    private final Map<Long, Instant> pendingConnects = new LinkedHashMap<>();
    private final Map<Long, Integer> pendingRebuildFailures = new HashMap<>();
    private final IoGenerator io;
    private VolumeCounters counters = new VolumeCounters();
    private LoginActivity logins;
    private long revisionBase;
    private boolean connectedSinceStart;
    private boolean snapshotsFail;
    private int restarts;

    Volume(VolumeSpec spec, Instant start, IntSupplier workerIds) {
        this.spec = spec;
        this.timing = IoTiming.derive(spec.seed());
        this.workerIds = workerIds;
        this.portRandom = new SplittableRandom(spec.seed() + 17);
        this.firstPorts = new ArrayDeque<>(spec.firstPorts());
        spec.pools().forEach(p -> pools.put(p.guid(), p));
        this.io = new IoGenerator(spec.ioMix(), spec.ioRateIops(), start);
        this.revisionBase = spec.revisionBase();
        this.logins = new LoginActivity(spec.seed() + 101, workerIds);
        scheduleConnects(start, List.copyOf(pools.keySet()));
    }

    // ---- time ----------------------------------------------------------------------------------------------

    /** The next moment this volume changes by itself (a replica connecting, starting or finishing a rebuild). */
    Instant nextTransition() {
        Instant next = null;
        for (Instant at : pendingConnects.values()) {
            next = earliest(next, at);
        }
        for (Replica r : replicas) {
            next = earliest(next, r.nextTransition());
        }
        return next;
    }

    /** Replays every change due by {@code now}, accruing IO in between. */
    void advanceTo(Instant now) {
        Instant next;
        while ((next = nextTransition()) != null && !next.isAfter(now)) {
            io.accrueTo(next, this::recordIo);
            applyTransitionsAt(next);
            io.restartSegment(next, ready());
        }
        io.accrueTo(now, this::recordIo);
    }

    private void applyTransitionsAt(Instant t) {
        List<Long> due = pendingConnects.entrySet().stream().filter(e -> !e.getValue().isAfter(t))
                .sorted(Map.Entry.comparingByValue()).map(Map.Entry::getKey).toList();
        due.forEach(guid -> {
            pendingConnects.remove(guid);
            connect(guid, t);
        });
        for (Replica r : replicas) {
            if (!r.rebuildStarted() && !r.rebuildStartAt().isAfter(t)) {
                startRebuild(r, t);
            }
            if (r.rebuildStarted() && r.mode() == ReplicaMode.DEGRADED && !r.healthyAt().isAfter(t)) {
                r.becomeHealthy();
            }
        }
    }

    private void startRebuild(Replica r, Instant t) {
        int failures = pendingRebuildFailures.getOrDefault(r.guid(), 0);
        boolean ok = failures == 0;
        r.startRebuild(ok);
        counters.prepareRebuildReq++;
        counters.prepareRebuildOk++;
        counters.startRebuildReq++;
        if (ok) {
            counters.startRebuildOk++;
        } else {
            pendingRebuildFailures.put(r.guid(), failures - 1);
            known.get(r.guid()).addMgmtErrors(1);
            // istgt retries the rebuild: start the whole wait over from the failure.
            r.scheduleRebuild(t, spec.rebuildTime());
        }
    }

    private void recordIo(ScsiOp op, long count) {
        counters.recordIo(op, count, timing);
        for (Replica r : replicas) {
            r.recordIo(op.kind(), count);
        }
    }

    /** Called after every event: readiness may have changed, so traffic restarts from here. */
    void settle(Instant now) {
        io.restartSegment(now, ready());
    }

    // ---- events ------------------------------------------------------------------------------------------

    public void connect(long guid, Instant now) {
        if (findReplica(guid) != null) {
            throw new IllegalArgumentException("replica " + Long.toUnsignedString(guid) + " of volume " + name()
                    + " is already connected");
        }
        pendingConnects.remove(guid);
        ReplicaPool pool = pools.computeIfAbsent(guid, g -> new ReplicaPool(g, defaultAddress(), true));
        int port = firstPorts.isEmpty() ? 40000 + portRandom.nextInt(20000) : firstPorts.poll();
        Replica replica = new Replica(guid, pool.address(), port, pool.quorum(), now, spec.rebuildTime(),
                ReplicaTiming.derive(spec.seed(), guid, timing));
        replicas.add(replica);
        KnownReplica entry = known.get(guid);
        if (entry == null) {
            known.put(guid, new KnownReplica(guid));
        } else {
            entry.countRestart();
        }
        if (pool.quorum() && !connectedSinceStart) {
            connectedSinceStart = true;
        }
    }

    /** A replica drops both its connections: each counts as a connection error in its errors[] entry. */
    public void disconnect(long guid) {
        Replica replica = requireReplica(guid);
        replicas.remove(replica);
        known.get(guid).addMgmtErrors(1);
        known.get(guid).addDataErrors(1);
    }

    public void addConnectionErrors(long guid, long mgmt, long data) {
        KnownReplica entry = known.get(guid);
        if (entry == null) {
            throw new IllegalArgumentException("volume " + name() + " has never seen replica "
                    + Long.toUnsignedString(guid) + "; known: " + knownIds());
        }
        entry.addMgmtErrors(mgmt);
        entry.addDataErrors(data);
    }

    public void failRebuilds(long guid, int count) {
        if (!pools.containsKey(guid)) {
            throw new IllegalArgumentException("volume " + name() + " has no replica " + Long.toUnsignedString(guid)
                    + "; replicas: " + pools.values().stream().map(ReplicaPool::id).toList());
        }
        pendingRebuildFailures.merge(guid, count, Integer::sum);
    }

    public void recordIoErrors(long guid, Replica.IoErrorKind kind, ScsiOp.Kind op, long count) {
        requireReplica(guid).recordIoErrors(kind, op, count);
    }

    public void setIoRate(double iops) {
        io.setRate(iops);
    }

    public void setSnapshotsFail(boolean fail) {
        snapshotsFail = fail;
    }

    /**
     * A snapshot request (SNAPCREATE): istgt asks its healthy replicas to prepare, and only goes on if at
     * least CF of them can take part. Each request also bumps the IO sequence number.
     */
    public boolean snapshot() {
        counters.snapshotCreateReq++;
        counters.snapshotPrepareReq++;
        counters.snapshots++;
        List<Replica> healthy = replicas.stream()
                .filter(r -> r.quorum() && r.mode() == ReplicaMode.HEALTHY).toList();
        boolean ok = !snapshotsFail && spec.rules().snapshotPossible(healthy.size());
        healthy.forEach(r -> r.recordSnapshotPrepare(ok));
        if (ok) {
            counters.snapshotPrepareOk++;
            counters.snapshotCreateOk++;
        }
        return ok;
    }

    /**
     * istgt restarted: a new process knows nothing (counters, errors[], sessions are gone); the replicas that
     * were connected come back one by one, as at the first start.
     */
    void restart(Instant at) {
        revisionBase = revisionCounter();
        List<Long> reconnect = new ArrayList<>(replicas.stream().map(Replica::guid).toList());
        reconnect.addAll(pendingConnects.keySet());
        replicas.clear();
        known.clear();
        pendingConnects.clear();
        pendingRebuildFailures.clear();
        counters = new VolumeCounters();
        logins = new LoginActivity(spec.seed() + 101 + (++restarts), workerIds);
        connectedSinceStart = false;
        io.reset(at);
        scheduleConnects(at, reconnect);
    }

    private void scheduleConnects(Instant start, List<Long> guids) {
        for (int i = 0; i < guids.size(); i++) {
            pendingConnects.put(guids.get(i), start.plus(spec.connectStagger().multipliedBy(i + 1)));
        }
    }

    // ---- what istgt reports -------------------------------------------------------------------------------

    public String name() {
        return spec.name();
    }

    public String iqn() {
        return spec.iqn();
    }

    public VolumeSpec spec() {
        return spec;
    }

    /** Connected replicas in connection order, quorum or not (REPLICA, MEMPOOL). */
    public List<Replica> replicas() {
        return List.copyOf(replicas);
    }

    /** Connected replicas inside the quorum (IOSTATS, ISTGTSTATUS). */
    public List<Replica> quorumReplicas() {
        return replicas.stream().filter(Replica::quorum).toList();
    }

    /** Every replica seen since istgt started, connected or not: ISTGTSTATUS errors[]. */
    public List<KnownReplica> knownReplicas() {
        return List.copyOf(known.values());
    }

    public int healthy() {
        return (int) quorumReplicas().stream().filter(r -> r.mode() == ReplicaMode.HEALTHY).count();
    }

    public int degraded() {
        return (int) quorumReplicas().stream().filter(r -> r.mode() == ReplicaMode.DEGRADED).count();
    }

    public boolean ready() {
        return spec.rules().ready(healthy(), degraded());
    }

    public VolumeStatus status() {
        return spec.rules().status(healthy(), degraded());
    }

    public VolumeCounters counters() {
        return counters;
    }

    public LoginActivity loginActivity() {
        return logins;
    }

    /** istgt's io_seq: 0 until a replica connects, then the replicas' sequence plus every IO and snapshot. */
    public long revisionCounter() {
        return connectedSinceStart ? revisionBase + counters.allOps() + counters.snapshots : 0;
    }

    public long usedLogicalBlocks() {
        return Math.min(spec.sizeBytes() / spec.sectorSize(), counters.blocks(ScsiOp.Kind.WRITE) / 4);
    }

    /** The replicas' checkpoint, moved forward every 100000 IOs they served. */
    public long checkpointedIoSeq(Replica r) {
        long served = r.ios(ScsiOp.Kind.READ) + r.ios(ScsiOp.Kind.WRITE) + r.ios(ScsiOp.Kind.SYNC);
        return 1000 + 100_000 * (served / 100_000);
    }

    /**
     * IOs of one kind in flight on a replica right now: Little's law on the current rate and the replica's
     * latency, with a jitter fixed per second so that repeated reads within a second agree.
     */
    public long inflight(Replica r, ScsiOp.Kind kind, Instant now) {
        if (!io.active()) {
            return 0;
        }
        double share = spec.ioMix().weights().entrySet().stream().filter(e -> e.getKey().kind() == kind)
                .mapToInt(Map.Entry::getValue).sum()
                / (double) spec.ioMix().weights().values().stream().mapToInt(Integer::intValue).sum();
        double expected = io.rateIops() * share * r.responseNsPerIo(kind) / 1e9;
        return (long) Math.floor(expected + jitter(r.guid(), kind.ordinal(), now));
    }

    /** A small queue length that follows the load, fixed per second. */
    public long queueLength(Replica r, int queue, Instant now) {
        if (!io.active()) {
            return 0;
        }
        double expected = io.rateIops() / 2000.0;
        return (long) Math.floor(expected + jitter(r.guid(), 10 + queue, now));
    }

    public double ioRateIops() {
        return io.rateIops();
    }

    private double jitter(long guid, int salt, Instant now) {
        long x = spec.seed() ^ guid * 0x9E3779B97F4A7C15L ^ (now.getEpochSecond() * 31 + salt) * 0xBF58476D1CE4E5B9L;
        return new SplittableRandom(x).nextDouble();
    }

    private Replica findReplica(long guid) {
        return replicas.stream().filter(r -> r.guid() == guid).findFirst().orElse(null);
    }

    private Replica requireReplica(long guid) {
        Replica r = findReplica(guid);
        if (r == null) {
            throw new IllegalArgumentException("volume " + name() + " has no connected replica "
                    + Long.toUnsignedString(guid) + "; connected: "
                    + replicas.stream().map(Replica::id).toList());
        }
        return r;
    }

    private List<String> knownIds() {
        return known.values().stream().map(KnownReplica::id).toList();
    }

    private String defaultAddress() {
        return spec.pools().isEmpty() ? "127.0.0.1" : spec.pools().get(0).address();
    }

    private static Instant earliest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.isBefore(b) ? a : b;
    }

    static Comparator<Volume> byLun() {
        return Comparator.comparingInt(v -> v.spec.lun());
    }
}
