package io.istgt.telemetry.client.snapshot;

import java.util.Optional;

/** A replica's state. istgt itself only says Healthy or Degraded; OFFLINE is derived. */
public enum ReplicaMode {
    HEALTHY,
    DEGRADED,
    /**
     * Not on the wire: a replica istgt still lists in ISTGTSTATUS {@code errors[]} but no longer in
     * {@code replicas[]}, i.e. one that was connected and went away.
     */
    OFFLINE;

    /** istgt's {@code Mode} text, {@code Healthy} or {@code Degraded}, in any case. */
    public static Optional<ReplicaMode> fromWire(String text) {
        // equalsIgnoreCase rather than a switch on toLowerCase: no String made for every replica of every poll.
        if (text.equalsIgnoreCase("Healthy")) {
            return Optional.of(HEALTHY);
        }
        if (text.equalsIgnoreCase("Degraded")) {
            return Optional.of(DEGRADED);
        }
        return Optional.empty();
    }
}
