package io.istgt.telemetry.analytics.rules;

/**
 * One volume's replication factor (RF), consistency factor (CF) and desired replica count, with istgt's rules over
 * them. A volume is judged by its own values when its status record carries them (istgt.conf, read by the
 * collector), else by the analytics' configured pair ({@link RuleSettings#quorum}).
 *
 * @param desiredReplicas how many connected replicas the volume should have (istgt.conf's
 *                        DesiredReplicationFactor, else RF)
 * @param own             whether the values are the volume's own (from its record) rather than the configured ones
 */
public record Quorum(int replicationFactor, int consistencyFactor, int desiredReplicas, boolean own) {

    public Quorum {
        if (replicationFactor < 1 || consistencyFactor < 1 || consistencyFactor > replicationFactor) {
            throw new IllegalArgumentException("a volume needs 1 <= CF <= RF, got RF " + replicationFactor + ", CF "
                    + consistencyFactor);
        }
        if (desiredReplicas < 1) {
            throw new IllegalArgumentException("a volume wants at least one replica, got " + desiredReplicas);
        }
    }

    /** What a volume's record reports of its factors; each null when the record does not say. */
    public record Reported(Integer replicationFactor, Integer consistencyFactor, Integer desiredReplicationFactor) {
        public static final Reported NOTHING = new Reported(null, null, null);
    }

    /**
     * istgt's own readiness rule (replication.c): with H healthy and D degraded replicas the volume serves IO
     * when {@code ((H + D >= CF) and H >= 1) or (H + D >= max(RF - CF + 1, CF))}.
     */
    public boolean ready(int healthy, int degraded) {
        int connected = healthy + degraded;
        return (connected >= consistencyFactor && healthy >= 1)
                || connected >= Math.max(replicationFactor - consistencyFactor + 1, consistencyFactor);
    }

    /** Ready now, but losing any one more replica would take the volume offline. */
    public boolean atRisk(int healthy, int degraded) {
        if (!ready(healthy, degraded)) {
            return false;
        }
        boolean survivesHealthyLoss = healthy == 0 || ready(healthy - 1, degraded);
        boolean survivesDegradedLoss = degraded == 0 || ready(healthy, degraded - 1);
        return !survivesHealthyLoss || !survivesDegradedLoss;
    }

    /** As the alert summaries say it, e.g. "RF 5, CF 3" or "RF 3, CF 2 as configured". */
    public String describe() {
        return "RF " + replicationFactor + ", CF " + consistencyFactor + (own ? "" : " as configured");
    }
}
