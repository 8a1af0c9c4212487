package io.istgt.telemetry.replay.timeline;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A volume's history over a window: its status lane, one lane per replica, the events in time order, and
 * the chart data in a bounded number of buckets.
 *
 * @param pollInterval the collector's poll interval as observed, if enough snapshots were seen
 */
public record Timeline(String iqn, Instant from, Instant to, List<Interval> volume,
                       Map<String, List<Interval>> replicas, List<TimelineEvent> events, ChartBuckets charts,
                       Optional<Duration> pollInterval, Counts counts) {

    public Timeline {
        volume = List.copyOf(volume);
        replicas = Map.copyOf(replicas);
        events = List.copyOf(events);
    }

    /** How many records of each kind the timeline was built from. */
    public record Counts(long volumeRecords, long replicaRecords, long transitions, long alerts, long staleRecords) {
    }

    /** Replica ids in a stable order (numeric ids by value, then the rest as text). */
    public List<String> replicaIds() {
        return replicas.keySet().stream().sorted(ReplicaOrder.COMPARATOR).toList();
    }
}
