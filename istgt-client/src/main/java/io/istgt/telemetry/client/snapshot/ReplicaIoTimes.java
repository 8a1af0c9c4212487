package io.istgt.telemetry.client.snapshot;

import static io.istgt.telemetry.client.snapshot.Checks.nonNegative;

/** Cumulative time one replica spent on IO, from IOSTATS {@code ReadReqTime} ... {@code WriteRespTime}. */
public record ReplicaIoTimes(Long readReqTimeNs, Long readRespTimeNs, Long writeReqTimeNs, Long writeRespTimeNs) {

    public ReplicaIoTimes {
        nonNegative(readReqTimeNs, "readReqTimeNs");
        nonNegative(readRespTimeNs, "readRespTimeNs");
        nonNegative(writeReqTimeNs, "writeReqTimeNs");
        nonNegative(writeRespTimeNs, "writeRespTimeNs");
    }
}
