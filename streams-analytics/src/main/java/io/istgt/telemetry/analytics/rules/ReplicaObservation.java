package io.istgt.telemetry.analytics.rules;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What the replica rules need from one replica record (see {@link VolumeObservation} for why a view).
 *
 * @param uptimeSeconds the replica's uptime, to tell restarts; null when absent
 * @param io            how the replica's IO moves, for the stuck-IO rule
 * @param errorCounters replica-level error counters by family (cumulative), absent ones left out
 */
public record ReplicaObservation(RecordOrigin origin, String replicaId, Long uptimeSeconds, IoProgress io,
                                 Map<ErrorFamily, Long> errorCounters) {

    /**
     * Each null when absent.
     *
     * @param inflight          read + write + sync IOs in flight on the replica
     * @param checkpointedIoSeq the replica's checkpointed IO sequence
     * @param completedIo       a cumulative measure of IO the replica answered (its response times, and its done
     *                          counts where the build gives them): while it moves, IO drains
     */
    public record IoProgress(Long inflight, Long checkpointedIoSeq, Long completedIo) {
    }

    public ReplicaObservation {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(replicaId, "replicaId");
        Objects.requireNonNull(io, "io");
        errorCounters = Map.copyOf(errorCounters);
    }

    public String iqn() {
        return origin.iqn();
    }

    public Instant at() {
        return origin.at();
    }

    public String source() {
        return origin.source();
    }
}
