package io.istgt.telemetry.analytics.rules;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What the replica rules need from one replica record (see {@link VolumeObservation} for why a view).
 *
 * @param inflight          read + write + sync IOs in flight on the replica; null when absent
 * @param checkpointedIOSeq the replica's checkpointed IO sequence; null when absent
 * @param completedIo       a cumulative measure of IO the replica answered (its response times, and its done
 *                          counts where the build gives them): while it moves, IO drains; null when absent
 * @param errorCounters     replica-level error counters by family (cumulative), absent ones left out
 * @param source            the collector that made the record (its clock stamped {@code at}); null if unknown
 */
public record ReplicaObservation(String iqn, String replicaId, Instant at, Long uptimeSeconds, Long inflight,
                                 Long checkpointedIOSeq, Long completedIo, Map<ErrorFamily, Long> errorCounters,
                                 String source) {

    public ReplicaObservation {
        Objects.requireNonNull(iqn, "iqn");
        Objects.requireNonNull(replicaId, "replicaId");
        Objects.requireNonNull(at, "at");
        errorCounters = Map.copyOf(errorCounters);
    }
}
