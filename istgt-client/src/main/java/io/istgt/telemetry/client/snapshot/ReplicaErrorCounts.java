package io.istgt.telemetry.client.snapshot;

import static io.istgt.telemetry.client.snapshot.Checks.nonNegative;

/**
 * A replica's connection errors from ISTGTSTATUS {@code errors[]} (matched by {@code poolGuid}).
 *
 * @param restartCount how often the replica reconnected; null in builds without it
 */
public record ReplicaErrorCounts(Long mgmtConnErrors, Long dataConnErrors, Long restartCount) {

    public ReplicaErrorCounts {
        nonNegative(mgmtConnErrors, "mgmtConnErrors");
        nonNegative(dataConnErrors, "dataConnErrors");
        nonNegative(restartCount, "restartCount");
    }
}
