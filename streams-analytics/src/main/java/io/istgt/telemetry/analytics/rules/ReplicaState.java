package io.istgt.telemetry.analytics.rules;

import java.time.Instant;
import java.util.Map;

/**
 * What the replica rules remember of one (volume, replica) between its records.
 *
 * @param inflightSince start of the current run of snapshots with IO in flight, null when none is in flight
 * @param seq           the last checkpointed IO sequence, and since when it has not moved
 * @param completedIo   the last completed-IO measure, and since when it has not moved
 * @param source        the collector whose record set {@code counters} (null in state written before it was kept)
 */
public record ReplicaState(Instant newestAt, Long uptimeSeconds, Map<ErrorFamily, Long> counters,
                           Map<ErrorFamily, SpikeWindow> spikes, Map<String, AlertEpisode> episodes,
                           Instant inflightSince, Long seq, Instant seqSince, Long completedIo,
                           Instant completedIoSince, String source) {

    public static final ReplicaState NEW = new ReplicaState(null, null, Map.of(), Map.of(), Map.of(), null, null, null,
            null, null, null);

    public ReplicaState {
        counters = ErrorFamily.copyOf(counters);
        spikes = ErrorFamily.copyOf(spikes);
        episodes = Map.copyOf(episodes);
    }
}
