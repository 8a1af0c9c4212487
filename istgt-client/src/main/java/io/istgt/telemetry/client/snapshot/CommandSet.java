package io.istgt.telemetry.client.snapshot;

/** Which set of control commands produced a snapshot. */
public enum CommandSet {
    /** ISTGTSTATUS (istgt builds with the deep-visibility change) plus the stock commands it lacks. */
    DEEP,
    /** Only commands every released istgt has: IOSTATS, REPLICA, STATUS, STATS, INFO, MEMPOOL, MAXIOWAIT. */
    STOCK
}
