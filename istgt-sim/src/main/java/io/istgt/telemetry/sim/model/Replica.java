package io.istgt.telemetry.sim.model;

import java.time.Duration;
import java.time.Instant;

/**
 * One connected replica of a volume, as istgt's {@code replica_t}: a fresh object on every (re)connection, so its
 * counters start at zero each time. Mutated only under the owning target's lock.
 */
public final class Replica {

    /** Per-opcode error counters only the design doc names (see docs/emulator.md, "Extended metrics"). */
    public enum IoErrorKind { TIMEOUT, FAIL, VERSION_MISMATCH }

    private final long guid;
    private final String address;
    private final int port;
    private final boolean quorum;
    private final Instant connectedAt;
    private final ReplicaTiming timing;

    private ReplicaMode mode = ReplicaMode.DEGRADED;
    private Instant rebuildStartAt;
    private Instant healthyAt;
    private boolean rebuildStarted;
    private boolean handshakeWaitedOut;

    private final long[] ios = new long[3];
    private final long[] reqNs = new long[3];
    private final long[] respNs = new long[3];
    private final long[][] ioErrors = new long[IoErrorKind.values().length][3];

    private final MgmtRequests mgmt = new MgmtRequests();

    Replica(long guid, String address, int port, boolean quorum, Instant connectedAt, Duration rebuildTime,
            ReplicaTiming timing) {
        this.guid = guid;
        this.address = address;
        this.port = port;
        this.quorum = quorum;
        this.connectedAt = connectedAt;
        this.timing = timing;
        scheduleRebuild(connectedAt, rebuildTime);
    }

    // A rebuild is requested a little after the handshake (istgt first learns the replica's state), then takes
    // the rest of the rebuild time: with the default 60 s the counters move at about 10 s, Healthy at 60 s.
    void scheduleRebuild(Instant from, Duration rebuildTime) {
        Duration startDelay = rebuildTime.dividedBy(2).compareTo(Duration.ofSeconds(10)) < 0
                ? rebuildTime.dividedBy(2) : Duration.ofSeconds(10);
        rebuildStartAt = from.plus(startDelay);
        healthyAt = from.plus(rebuildTime);
        rebuildStarted = false;
    }

    /** The next moment this replica changes by itself, or null. */
    Instant nextTransition() {
        if (mode == ReplicaMode.HEALTHY) {
            return null;
        }
        return rebuildStarted ? healthyAt : rebuildStartAt;
    }

    /** Counts a rebuild request; returns whether it succeeded. */
    void startRebuild(boolean succeeds) {
        mgmt.rebuild(succeeds);
        if (succeeds) {
            rebuildStarted = true;
        }
    }

    void becomeHealthy() {
        mode = ReplicaMode.HEALTHY;
    }

    void recordIo(ScsiOp.Kind kind, long count) {
        int k = kind.ordinal();
        ios[k] += count;
        reqNs[k] += count * timing.requestNs();
        respNs[k] += count * timing.responseNs(kind);
    }

    void recordIoErrors(IoErrorKind kind, ScsiOp.Kind op, long count) {
        ioErrors[kind.ordinal()][op.ordinal()] += count;
    }

    void recordSnapshotPrepare(boolean ok) {
        mgmt.snapshotPrepare(ok);
    }

    public long guid() {
        return guid;
    }

    /** The id as istgt prints it: an unsigned 64-bit number. */
    public String id() {
        return Long.toUnsignedString(guid);
    }

    public String address() {
        return address;
    }

    public int port() {
        return port;
    }

    /** Replicas outside the quorum are listed by REPLICA and MEMPOOL but not counted or shown by IOSTATS. */
    public boolean quorum() {
        return quorum;
    }

    public ReplicaMode mode() {
        return mode;
    }

    public Instant connectedAt() {
        return connectedAt;
    }

    public long upTimeSeconds(Instant now) {
        return Math.max(0, Duration.between(connectedAt, now).toSeconds());
    }

    public long ios(ScsiOp.Kind kind) {
        return ios[kind.ordinal()];
    }

    public long requestTimeNs(ScsiOp.Kind kind) {
        return reqNs[kind.ordinal()];
    }

    public long responseTimeNs(ScsiOp.Kind kind) {
        return respNs[kind.ordinal()];
    }

    public long ioErrors(IoErrorKind kind, ScsiOp.Kind op) {
        return ioErrors[kind.ordinal()][op.ordinal()];
    }

    public long responseNsPerIo(ScsiOp.Kind kind) {
        return timing.responseNs(kind);
    }

    /** This replica's snapshot and rebuild requests (from 0 at each connection). */
    public MgmtRequests mgmt() {
        return mgmt;
    }

    /** Whether a control request already waited out this replica's handshake (see Target.handshakeRemaining). */
    boolean handshakeWaitedOut() {
        return handshakeWaitedOut;
    }

    void endHandshake() {
        handshakeWaitedOut = true;
    }

    boolean rebuildStarted() {
        return rebuildStarted;
    }

    Instant rebuildStartAt() {
        return rebuildStartAt;
    }

    Instant healthyAt() {
        return healthyAt;
    }
}
