package io.istgt.telemetry.client.snapshot;

import java.util.Locale;
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
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "healthy" -> Optional.of(HEALTHY);
            case "degraded" -> Optional.of(DEGRADED);
            default -> Optional.empty();
        };
    }
}
