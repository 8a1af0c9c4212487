package io.istgt.telemetry.client.snapshot;

import java.util.Optional;

/** A volume's status as istgt computes it from its replicas (see the protocol doc for the rule). */
public enum VolumeStatus {
    HEALTHY,
    DEGRADED,
    OFFLINE;

    /** istgt's {@code Status}/{@code status} text, {@code Healthy}, {@code Degraded} or {@code Offline}. */
    public static Optional<VolumeStatus> fromWire(String text) {
        // equalsIgnoreCase rather than a switch on toLowerCase: no String made for every replica of every poll.
        if (text.equalsIgnoreCase("Healthy")) {
            return Optional.of(HEALTHY);
        }
        if (text.equalsIgnoreCase("Degraded")) {
            return Optional.of(DEGRADED);
        }
        if (text.equalsIgnoreCase("Offline")) {
            return Optional.of(OFFLINE);
        }
        return Optional.empty();
    }
}
