package io.istgt.telemetry.sim.model;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
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
    private final ReplicaSet replicas;
    private final IoGenerator io;
    private final LoadGauge gauge;
    private VolumeCounters counters = new VolumeCounters();
    private LoginActivity logins;
    private long revisionBase;
    private boolean connectedSinceStart;
    private boolean snapshotsFail;
    private int restarts;
    private int desiredReplicationFactor;

    Volume(VolumeSpec spec, Instant start, IntSupplier workerIds) {
        this.spec = spec;
        this.timing = IoTiming.derive(spec.seed());
        this.workerIds = workerIds;
        this.replicas = new ReplicaSet(spec, timing, start);
        this.io = new IoGenerator(spec.ioMix(), spec.ioRateIops(), start);
        this.gauge = new LoadGauge(spec.seed(), spec.ioMix(), io);
        this.revisionBase = spec.revisionBase();
        this.logins = new LoginActivity(spec.seed() + 101, workerIds);
        this.desiredReplicationFactor = spec.rules().replicationFactor();
    }

    // ---- time ----------------------------------------------------------------------------------------------

    /** Replays every change due by {@code now}, accruing IO in between. */
    void advanceTo(Instant now) {
        Instant next;
        while ((next = replicas.nextTransition()) != null && !next.isAfter(now)) {
            io.accrueTo(next, this::recordIo);
            replicas.applyTransitionsAt(next, counters);
            noteQuorumConnections();
            io.restartSegment(next, ready());
        }
        io.accrueTo(now, this::recordIo);
    }

    private void recordIo(ScsiOp op, long count) {
        counters.recordIo(op, count, timing);
        for (Replica r : replicas.connected()) {
            r.recordIo(op.kind(), count);
        }
    }

    /** Called after every event: readiness may have changed, so traffic restarts from here. */
    void settle(Instant now) {
        noteQuorumConnections();
        io.restartSegment(now, ready());
    }

    // The IO sequence number comes from the replicas: istgt has one only once a quorum replica connected.
    private void noteQuorumConnections() {
        if (!connectedSinceStart && !replicas.quorum().isEmpty()) {
            connectedSinceStart = true;
        }
    }

    // ---- events ------------------------------------------------------------------------------------------

    public void connect(long guid, Instant now) {
        replicas.connect(guid, now);
    }

    /** A replica drops both its connections: each counts as a connection error in its errors[] entry. */
    public void disconnect(long guid) {
        replicas.disconnect(guid);
    }

    public void addConnectionErrors(long guid, long mgmt, long data) {
        replicas.addConnectionErrors(guid, mgmt, data);
    }

    public void failRebuilds(long guid, int count) {
        replicas.failRebuilds(guid, count);
    }

    public void recordIoErrors(long guid, Replica.IoErrorKind kind, ScsiOp.Kind op, long count) {
        replicas.require(guid).recordIoErrors(kind, op, count);
    }

    public void setIoRate(double iops) {
        io.setRate(iops);
    }

    /** The DRF command: how many replicas the volume should have (istgt.conf's DesiredReplicationFactor). */
    void setDesiredReplicationFactor(int drf) {
        desiredReplicationFactor = drf;
    }

    public void setSnapshotsFail(boolean fail) {
        snapshotsFail = fail;
    }

    /**
     * A snapshot request (SNAPCREATE): istgt asks its healthy replicas to prepare, and only goes on if at
     * least CF of them can take part. Each request also bumps the IO sequence number.
     */
    public boolean snapshot() {
        counters.snapshots++;
        List<Replica> healthy = replicas.quorum().stream().filter(r -> r.mode() == ReplicaMode.HEALTHY).toList();
        boolean ok = !snapshotsFail && spec.rules().snapshotPossible(healthy.size());
        healthy.forEach(r -> r.recordSnapshotPrepare(ok));
        counters.mgmt.snapshot(ok);
        return ok;
    }

    /**
     * istgt restarted: a new process knows nothing (counters, errors[], sessions are gone); the replicas that
     * were connected come back one by one, as at the first start.
     */
    void restart(Instant at) {
        revisionBase = revisionCounter();
        replicas.restart(at);
        counters = new VolumeCounters();
        logins = new LoginActivity(spec.seed() + 101 + (++restarts), workerIds);
        connectedSinceStart = false;
        io.reset(at);
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
        return List.copyOf(replicas.connected());
    }

    /** Connected replicas inside the quorum (IOSTATS, ISTGTSTATUS). */
    public List<Replica> quorumReplicas() {
        return replicas.quorum();
    }

    /** Every replica seen since istgt started, connected or not: ISTGTSTATUS errors[]. */
    public List<KnownReplica> knownReplicas() {
        return replicas.known();
    }

    public int healthy() {
        return replicas.count(ReplicaMode.HEALTHY);
    }

    public int degraded() {
        return replicas.count(ReplicaMode.DEGRADED);
    }

    public boolean ready() {
        return spec.rules().ready(healthy(), degraded());
    }

    public VolumeStatus status() {
        return spec.rules().status(healthy(), degraded());
    }

    /** istgt.conf's DesiredReplicationFactor: RF until a DRF command changes it; a restart keeps it. */
    public int desiredReplicationFactor() {
        return desiredReplicationFactor;
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

    /** IOs of one kind in flight on a replica right now (see {@link LoadGauge}). */
    public long inflight(Replica r, ScsiOp.Kind kind, Instant now) {
        return gauge.inflight(r, kind, now);
    }

    /** A replica queue's length now: 0 wait, 1 ready, 2 blocked (see {@link LoadGauge}). */
    public long queueLength(Replica r, int queue, Instant now) {
        return gauge.queueLength(r, queue, now);
    }

    public double ioRateIops() {
        return io.rateIops();
    }

    static Comparator<Volume> byLun() {
        return Comparator.comparingInt(v -> v.spec.lun());
    }
}
