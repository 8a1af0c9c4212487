package io.istgt.telemetry.sim.model;

import java.util.EnumMap;
import java.util.Map;

/**
 * The counters istgt keeps per volume (its {@code spec}), all cumulative since istgt started and zeroed by a
 * restart. One IO moves several of them together, which is the point: they stay consistent with each other.
 */
public final class VolumeCounters {

    private final Map<ScsiOp, Long> ops = new EnumMap<>(ScsiOp.class);
    private final long[] blocks = new long[3];
    private final long[] totalNs = new long[3];
    private final long[] luNs = new long[3];
    private final long[] replicationNs = new long[3];

    final MgmtRequests mgmt = new MgmtRequests();
    long snapshots;

    void recordIo(ScsiOp op, long count, IoTiming timing) {
        ops.merge(op, count, Long::sum);
        int k = op.kind().ordinal();
        blocks[k] += count * timing.blocks(op.kind());
        long ns = count * timing.totalNs(op.kind());
        totalNs[k] += ns;
        luNs[k] += count * timing.luNs(timing.totalNs(op.kind()));
        replicationNs[k] += count * timing.replicationNs(timing.totalNs(op.kind()));
    }

    public long ops(ScsiOp op) {
        return ops.getOrDefault(op, 0L);
    }

    /** Commands of one kind: IOSTATS ReadIOPS/WriteIOPS are these cumulative counts, not rates. */
    public long ops(ScsiOp.Kind kind) {
        long sum = 0;
        for (Map.Entry<ScsiOp, Long> e : ops.entrySet()) {
            if (e.getKey().kind() == kind) {
                sum += e.getValue();
            }
        }
        return sum;
    }

    public long allOps() {
        return ops.values().stream().mapToLong(Long::longValue).sum();
    }

    public long blocks(ScsiOp.Kind kind) {
        return blocks[kind.ordinal()];
    }

    public long totalTimeNs(ScsiOp.Kind kind) {
        return totalNs[kind.ordinal()];
    }

    public long luTimeNs(ScsiOp.Kind kind) {
        return luNs[kind.ordinal()];
    }

    public long replicationTimeNs(ScsiOp.Kind kind) {
        return replicationNs[kind.ordinal()];
    }

    /** The target's snapshot and rebuild requests. */
    public MgmtRequests mgmt() {
        return mgmt;
    }
}
