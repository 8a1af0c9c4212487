package io.istgt.telemetry.replay.read;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Where a topic's retained records start in time: the timestamp of the first record each partition still
 * holds, the latest over the partitions asked about. Retention deletes a partition's oldest segments whole, so
 * from that record on the partition holds everything written to it.
 */
final class RetentionStart {

    private RetentionStart() {
    }

    /** @return empty when none of the partitions holds a record (an empty partition says nothing about time) */
    static Optional<Instant> latest(Consumer<?, ?> consumer, String topic, Collection<Integer> partitions) {
        // offsetsForTimes(0) answers with the first record at or after the log start offset, with its timestamp:
        // one ListOffsets request per leader and no fetch (beginningOffsets would need a fetch for the time).
        Map<TopicPartition, Long> atTheStart = partitions.stream()
                .collect(Collectors.toMap(p -> new TopicPartition(topic, p), p -> 0L));
        return consumer.offsetsForTimes(atTheStart).values().stream()
                .filter(Objects::nonNull)
                .map(first -> Instant.ofEpochMilli(first.timestamp()))
                .max(Comparator.naturalOrder());
    }
}
