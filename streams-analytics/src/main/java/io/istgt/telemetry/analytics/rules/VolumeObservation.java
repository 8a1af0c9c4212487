package io.istgt.telemetry.analytics.rules;

import io.istgt.telemetry.schemas.ReplicaMode;
import io.istgt.telemetry.schemas.VolumeHealth;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What the volume rules need from one volume record: the analytics' own view of it, so the rules do not depend on
 * the shape of the Avro record (the mapping lives in one place, the topology's {@code InputViews}). A poll either
 * reached the target ({@link Answered}) or did not ({@link Unreachable}); the two share nothing but their origin.
 */
public record VolumeObservation(RecordOrigin origin, Poll poll) {

    public VolumeObservation {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(poll, "poll");
    }

    /** What the collector's poll of the volume gave. */
    public sealed interface Poll permits Answered, Unreachable {
    }

    /**
     * The poll failed: nothing is known of the volume but why.
     *
     * @param failure the collector's failure kind and message
     */
    public record Unreachable(String failure) implements Poll {
    }

    /**
     * The poll succeeded.
     *
     * @param status        istgt's status of the volume; null if the source did not say
     * @param replicaModes  replica id → mode for the replicas present in this snapshot
     * @param uptimeSeconds istgt's uptime, to tell restarts; null when absent
     * @param errorCounters volume-level error counters by family (cumulative), absent ones left out
     * @param reported      the volume's RF, CF and DRF as its record reports them (from istgt.conf), each null
     *                      when it does not say; the rules fall back to the configured ones
     *                      ({@link RuleSettings#quorum})
     */
    public record Answered(VolumeHealth status, Map<String, ReplicaMode> replicaModes, Long uptimeSeconds,
                           Map<ErrorFamily, Long> errorCounters, Quorum.Reported reported) implements Poll {

        public Answered {
            replicaModes = Map.copyOf(replicaModes);
            errorCounters = Map.copyOf(errorCounters);
            reported = reported == null ? Quorum.Reported.NOTHING : reported;
        }

        /** How many of the replicas present are in {@code mode}. */
        public int count(ReplicaMode mode) {
            int n = 0;
            for (ReplicaMode m : replicaModes.values()) {
                if (m == mode) {
                    n++;
                }
            }
            return n;
        }
    }

    public String iqn() {
        return origin.iqn();
    }

    public Instant at() {
        return origin.at();
    }
}
