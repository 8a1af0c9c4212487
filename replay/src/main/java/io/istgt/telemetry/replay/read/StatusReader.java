package io.istgt.telemetry.replay.read;

import io.istgt.telemetry.history.HistoryKind;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a status stream's window from its two topics: the stretch before the live topic's retention start
 * from the history topic's blocks, the rest from the live topic. Each key's records are delivered once and in
 * collection-time order ({@link DeliveredOnce}); memory is one instant per key and one block at a time.
 */
final class StatusReader {

    private static final Logger log = LoggerFactory.getLogger(StatusReader.class);

    private final Consumer<byte[], byte[]> consumer;
    private final KeyedTopicReader reader;
    private final Progress progress;
    private final Duration blockLateness;
    private final Set<String> missingHistories = new HashSet<>();

    /**
     * @param blockLateness how long after a block's first record the history writer may write it at the
     *                      latest (its block span plus its idle time)
     */
    StatusReader(Consumer<byte[], byte[]> consumer, KeyedTopicReader reader, Progress progress,
                 Duration blockLateness) {
        this.consumer = consumer;
        this.reader = reader;
        this.progress = progress;
        this.blockLateness = blockLateness;
    }

    /** @return records delivered */
    <K extends SpecificRecord, V extends SpecificRecord, B extends SpecificRecord> long read(
            HistoryKind<K, V, B> topics, List<K> keys, Predicate<K> matches, Instant from, Instant to,
            java.util.function.Consumer<V> sink) {
        DeliveredOnce<K, V> delivery = new DeliveredOnce<>(topics.collectedAt(), sink);
        Optional<Set<Integer>> live = reader.partitions(topics.liveTopic(), keys);
        // Empty: the live topic holds nothing (or does not exist), so the whole window is the history's.
        Optional<Instant> liveStart = live.flatMap(p -> RetentionStart.latest(consumer, topics.liveTopic(), p));
        Instant liveFrom = from;
        if (liveStart.map(from::isBefore).orElse(true)
                && readHistory(topics, keys, matches, from, to, liveStart, delivery)) {
            liveFrom = liveStart.orElse(from);
        }
        if (live.isEmpty()) {
            log.warn("topic {} does not exist (or is not visible to this client): nothing read from it", topics.liveTopic());
        } else if (!liveFrom.isAfter(to)) {
            reader.read(topics.liveTopic(), live.get(), topics.keyType(), topics.valueType(), matches, liveFrom, to,
                    delivery::offer);
        }
        return delivery.delivered();
    }

    /**
     * Delivers the history's records of [from, to] collected before {@code liveStart}.
     *
     * @return false when the history topic does not exist (nothing was read)
     */
    private <K extends SpecificRecord, V extends SpecificRecord, B extends SpecificRecord> boolean readHistory(
            HistoryKind<K, V, B> topics, List<K> keys, Predicate<K> matches, Instant from, Instant to,
            Optional<Instant> liveStart, DeliveredOnce<K, V> delivery) {
        Optional<Set<Integer>> partitions = reader.partitions(topics.historyTopic(), keys);
        if (partitions.isEmpty()) {
            if (missingHistories.add(topics.historyTopic())) {
                log.warn("history topic {} does not exist (or is not visible to this client): reading {} only",
                        topics.historyTopic(), topics.liveTopic());
            }
            return false;
        }
        progress.note("  " + topics.liveTopic() + liveStart.map(s -> " holds records from " + s + ": before that, ")
                .orElse(" holds no record in these partitions: ") + "reading " + topics.historyTopic());
        Instant end = liveStart.filter(to::isAfter).orElse(to);
        // A block's timestamp is its last record's time, so the seek by `from` lands on the first block ending at
        // or after `from`. A partition holds the blocks of many keys in the order they were written, so the first
        // block starting past the end does not end the partition's part: another key's block holding records of
        // the window may follow it. That block started by the end and was written within blockLateness of its
        // start, so before any block ending later than end + blockLateness: there the partition stops.
        reader.read(topics.historyTopic(), partitions.get(), topics.keyType(), topics.blockType(), matches, from,
                end.plus(blockLateness), (key, block) -> {
                    for (V record : topics.records().apply(block)) {
                        Instant at = topics.collectedAt().apply(record);
                        if (!at.isBefore(from) && !at.isAfter(to) && liveStart.map(at::isBefore).orElse(true)) {
                            delivery.offer(key, record);
                        }
                    }
                    return true;
                });
        return true;
    }
}
