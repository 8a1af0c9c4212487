package io.istgt.telemetry.sim.model;

/**
 * istgt's quorum rules for one volume: when it can serve IO and what status it reports.
 *
 * <p>Matched to istgt's replication code: {@code ready = ((H + D >= CF) and H >= 1) or (H + D >= max(RF - CF + 1, CF))};
 * the status is {@code Offline} if not ready, {@code Healthy} if {@code H >= CF}, else {@code Degraded}.
 * Only replicas inside the quorum count.
 */
public record ReplicationRules(int replicationFactor, int consistencyFactor) {

    public ReplicationRules {
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("replication factor (rf) must be at least 1, got " + replicationFactor);
        }
        if (consistencyFactor < 1 || consistencyFactor > replicationFactor) {
            throw new IllegalArgumentException("consistency factor (cf) must be between 1 and rf=" + replicationFactor
                    + ", got " + consistencyFactor);
        }
    }

    /** Whether a volume with this many healthy and degraded quorum replicas serves IO (STATUS REAL). */
    public boolean ready(int healthy, int degraded) {
        int connected = healthy + degraded;
        return (connected >= consistencyFactor && healthy >= 1)
                || connected >= Math.max(replicationFactor - consistencyFactor + 1, consistencyFactor);
    }

    public VolumeStatus status(int healthy, int degraded) {
        if (!ready(healthy, degraded)) {
            return VolumeStatus.OFFLINE;
        }
        return healthy >= consistencyFactor ? VolumeStatus.HEALTHY : VolumeStatus.DEGRADED;
    }

    /** A snapshot needs enough healthy replicas to be consistent: istgt refuses it while {@code H < CF}. */
    public boolean snapshotPossible(int healthy) {
        return healthy >= consistencyFactor;
    }
}
