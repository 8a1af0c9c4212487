package io.istgt.telemetry.client.snapshot;

import static io.istgt.telemetry.client.snapshot.Checks.nonNegative;

/**
 * How many replicas of a volume are in each state.
 *
 * @param offline replicas istgt lists in ISTGTSTATUS {@code errors[]} but not in {@code replicas[]} (they were
 *                connected and went away); null with the stock command set, which cannot tell
 * @param unknown no istgt build reports it: always null, kept so the design doc's field has a place
 */
public record ReplicaCounts(int healthy, int degraded, Integer offline, Integer unknown) {

    public ReplicaCounts {
        if (healthy < 0 || degraded < 0) {
            throw new IllegalArgumentException("replica counts must not be negative, got healthy=" + healthy
                    + " degraded=" + degraded);
        }
        nonNegative(offline, "offline");
        nonNegative(unknown, "unknown");
    }
}
