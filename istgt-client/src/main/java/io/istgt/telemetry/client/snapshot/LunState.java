package io.istgt.telemetry.client.snapshot;

/** What {@code STATUS} says of a target's logical unit. */
public enum LunState {
    /** The LU serves IO. */
    REAL,
    /** The LU answers but does not serve IO: it is busy, or the volume is not ready (too few replicas). */
    FAKE
}
