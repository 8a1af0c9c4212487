package io.istgt.telemetry.replay.read;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads the records of a window [from, to] from some partitions of a topic: seeks each partition to the first
 * record at or after {@code from} by timestamp (never scanning from the start), and stops each at its first
 * record past {@code to} or at its end offset (with read_committed, the last stable offset). Partitions are
 * assigned by hand, so no consumer group is joined and nothing is committed.
 */
final class TopicWindowReader {

    /** Receives each record of the window; returns whether it was one the caller wanted (for the counts). */
    @FunctionalInterface
    interface Sink {
        boolean accept(ConsumerRecord<byte[], byte[]> record);
    }

    private final Consumer<byte[], byte[]> consumer;
    private final Progress progress;
    private final Clock clock;
    private final Duration stallTimeout;

    TopicWindowReader(Consumer<byte[], byte[]> consumer, Progress progress, Clock clock, Duration stallTimeout) {
        this.consumer = consumer;
        this.progress = progress;
        this.clock = clock;
        this.stallTimeout = stallTimeout;
    }

    /** @return records of the window that the sink wanted */
    long read(String topic, Collection<Integer> partitions, Instant from, Instant to, Sink sink) {
        Map<TopicPartition, Long> query = new HashMap<>();
        for (int p : partitions) {
            query.put(new TopicPartition(topic, p), from.toEpochMilli());
        }
        Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(query);
        Map<TopicPartition, Long> ends = consumer.endOffsets(query.keySet());
        Map<TopicPartition, Long> active = new HashMap<>();
        long toRead = 0;
        for (TopicPartition tp : query.keySet()) {
            OffsetAndTimestamp start = starts.get(tp);
            long end = ends.getOrDefault(tp, 0L);
            // null: no record at or after `from` in this partition.
            if (start != null && start.offset() < end) {
                active.put(tp, end);
                toRead += end - start.offset();
            }
        }
        progress.started(topic, partitions.size(), toRead);
        if (active.isEmpty()) {
            progress.finished(topic, 0, 0);
            return 0;
        }
        consumer.assign(active.keySet());
        active.keySet().forEach(tp -> consumer.seek(tp, starts.get(tp).offset()));
        Map<TopicPartition, Long> lastTimestamp = new HashMap<>();
        Map<TopicPartition, Long> lastPosition = new HashMap<>();
        Instant lastMove = clock.instant();
        long read = 0;
        long matching = 0;
        long span = Math.max(1, to.toEpochMilli() - from.toEpochMilli());
        try {
            while (!active.isEmpty()) {
                ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(500));
                Set<TopicPartition> past = new HashSet<>();
                for (ConsumerRecord<byte[], byte[]> record : batch) {
                    TopicPartition tp = new TopicPartition(record.topic(), record.partition());
                    if (!active.containsKey(tp) || past.contains(tp)) {
                        continue;
                    }
                    if (record.timestamp() > to.toEpochMilli()) {
                        past.add(tp);
                        continue;
                    }
                    if (record.timestamp() < from.toEpochMilli()) {
                        // Timestamps are not monotonic in a partition: e.g. records a transaction wrote again after
                        // an aborted attempt follow the aborted copies that the seek by timestamp landed in.
                        continue;
                    }
                    read++;
                    lastTimestamp.put(tp, record.timestamp());
                    if (sink.accept(record)) {
                        matching++;
                    }
                }
                List<TopicPartition> done = new ArrayList<>(past);
                for (Map.Entry<TopicPartition, Long> e : active.entrySet()) {
                    long position = consumer.position(e.getKey());
                    if (position >= e.getValue()) {
                        done.add(e.getKey());
                    }
                    if (!Long.valueOf(position).equals(lastPosition.put(e.getKey(), position))) {
                        lastMove = clock.instant();
                    }
                }
                done.forEach(active::remove);
                // Paused rather than unassigned: the other partitions keep their positions and fetched data.
                consumer.pause(done);
                if (!active.isEmpty() && Duration.between(lastMove, clock.instant()).compareTo(stallTimeout) > 0) {
                    TopicPartition stuck = active.keySet().iterator().next();
                    throw new IllegalStateException("no progress reading " + stuck + " at offset "
                            + lastPosition.get(stuck) + " (window ends before offset " + active.get(stuck) + ") for "
                            + stallTimeout.toSeconds() + " s: is the broker reachable?");
                }
                long slowest = active.keySet().stream().mapToLong(tp -> lastTimestamp.getOrDefault(tp, from.toEpochMilli()))
                        .min().orElse(to.toEpochMilli());
                progress.update(topic, read, matching, (slowest - from.toEpochMilli()) / (double) span);
            }
        } finally {
            consumer.assign(List.of());
        }
        progress.finished(topic, read, matching);
        return matching;
    }
}
