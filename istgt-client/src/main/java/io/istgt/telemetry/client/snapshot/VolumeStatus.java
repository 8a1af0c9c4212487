package io.istgt.telemetry.client.snapshot;

import java.util.Locale;
import java.util.Optional;

/** A volume's status as istgt computes it from its replicas (see the protocol doc for the rule). */
public enum VolumeStatus {
    HEALTHY,
    DEGRADED,
    OFFLINE;

    /** istgt's {@code Status}/{@code status} text, {@code Healthy}, {@code Degraded} or {@code Offline}. */
    public static Optional<VolumeStatus> fromWire(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "healthy" -> Optional.of(HEALTHY);
            case "degraded" -> Optional.of(DEGRADED);
            case "offline" -> Optional.of(OFFLINE);
            default -> Optional.empty();
        };
    }
}
