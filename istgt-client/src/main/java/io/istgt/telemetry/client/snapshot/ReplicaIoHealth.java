package io.istgt.telemetry.client.snapshot;

/**
 * The design doc's per-replica IO error counters, which only the "extended" ISTGTSTATUS gives
 * ({@code readTimeoutCnt}, {@code readFailCnt}, {@code readVersionMismatchCnt}, {@code readIOTimeNs}, ...).
 * Each group is null when none of its three fields was sent.
 */
public record ReplicaIoHealth(
        ReadWriteSync timeouts,
        ReadWriteSync failures,
        ReadWriteSync versionMismatches,
        ReadWriteSync ioTimeNs) {
}
