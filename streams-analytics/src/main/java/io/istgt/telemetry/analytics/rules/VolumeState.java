package io.istgt.telemetry.analytics.rules;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What the volume rules remember of one volume between its records (kept in a state store with a changelog,
 * so it survives a restart of the analytics and a restart of the collector).
 *
 * @param newestAt    collection time of the newest record evaluated, answered or failed; older ones are stale
 * @param status      last status, null before the first record (or while the records do not say)
 * @param statusSince when that status began
 * @param counters    last cumulative value of each error family
 * @param episodes    open alert episodes by name
 * @param lastArrivalMillis wall-clock time the last record was processed, for the silence rule
 * @param silent      whether TARGET_SILENT is firing
 * @param source      the collector whose record set {@code counters} (null in state written before it was kept)
 * @param failedPolls the failed polls since the last answered one, null when the last poll answered
 * @param answeredAt  collection time of the last answered poll, which the counters, uptime and replicas are
 *                    from; null in state written before it was kept ({@code newestAt} stands for it then)
 */
public record VolumeState(Instant newestAt, VolumeCondition status, Instant statusSince, String target,
                          ReplicaModes replicas, Long uptimeSeconds, Map<ErrorFamily, Long> counters,
                          Map<ErrorFamily, SpikeWindow> spikes, Map<String, AlertEpisode> episodes,
                          long lastArrivalMillis, boolean silent, String source, FailedPolls failedPolls,
                          Instant answeredAt) {

    public static final VolumeState NEW = new VolumeState(null, null, null, null, ReplicaModes.NONE, null,
            Map.of(), Map.of(), Map.of(), 0L, false, null, null, null);

    /**
     * A run of failed polls of the volume's target.
     *
     * @param count how many in a row, at least 1
     * @param since collection time of the first
     */
    public record FailedPolls(int count, Instant since) {

        public FailedPolls {
            Objects.requireNonNull(since, "since");
            if (count < 1) {
                throw new IllegalArgumentException("a run of failed polls has at least one, got " + count);
            }
        }

        /** The run with one more failed poll. */
        public FailedPolls next() {
            return new FailedPolls(count + 1, since);
        }
    }

    public VolumeState {
        counters = ErrorFamily.copyOf(counters);
        spikes = ErrorFamily.copyOf(spikes);
        episodes = Map.copyOf(episodes);
    }

    /** When the counters were read: the last answered poll (or, in state from before it was kept, the newest). */
    public Instant countersAt() {
        return answeredAt != null ? answeredAt : newestAt;
    }
}
