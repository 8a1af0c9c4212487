package io.istgt.telemetry.analytics.rules;

import java.time.Instant;
import java.util.Map;

/**
 * What the volume rules remember of one volume between its records (kept in a state store with a changelog,
 * so it survives a restart of the analytics and a restart of the collector).
 *
 * @param newestAt    collection time of the newest record evaluated; older ones are stale
 * @param status      last status, null before the first record (or while the records do not say)
 * @param statusSince when that status was first seen
 * @param counters    last cumulative value of each error family
 * @param episodes    open alert episodes by name
 * @param lastArrivalMillis wall-clock time the last record was processed, for the silence rule
 * @param silent      whether TARGET_SILENT is firing
 * @param source      the collector whose record set {@code counters} (null in state written before it was kept)
 */
public record VolumeState(Instant newestAt, VolumeCondition status, Instant statusSince, String target,
                          ReplicaModes replicas, Long uptimeSeconds, Map<ErrorFamily, Long> counters,
                          Map<ErrorFamily, SpikeWindow> spikes, Map<String, AlertEpisode> episodes,
                          long lastArrivalMillis, boolean silent, String source) {

    public static final VolumeState NEW = new VolumeState(null, null, null, null, ReplicaModes.NONE, null,
            Map.of(), Map.of(), Map.of(), 0L, false, null);

    public VolumeState {
        counters = ErrorFamily.copyOf(counters);
        spikes = ErrorFamily.copyOf(spikes);
        episodes = Map.copyOf(episodes);
    }
}
