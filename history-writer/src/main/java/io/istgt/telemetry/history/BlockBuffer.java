package io.istgt.telemetry.history;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import org.apache.kafka.common.TopicPartition;

/**
 * The open blocks of one history, one per key: records gather here until their block is full, spans too long
 * or its key falls silent, then leave as a closed {@link Block}. Pure bookkeeping, no Kafka I/O, so the rules
 * are tested without a broker.
 *
 * @param <K> the key (VolumeKey, ReplicaKey)
 * @param <V> the record (VolumeStatus, ReplicaStatus)
 */
final class BlockBuffer<K, V> {

    /**
     * Consecutive records of one key and where the first came from: nothing before {@code firstOffset} of
     * {@code source} may be committed until the block is written.
     */
    record Block<K, V>(K key, TopicPartition source, long firstOffset, List<V> records) {
    }

    private static final class Open<K, V> {
        final Block<K, V> block;
        final Instant firstCollectedAt;
        long lastArrivalNanos;

        Open(Block<K, V> block, Instant firstCollectedAt, long arrivalNanos) {
            this.block = block;
            this.firstCollectedAt = firstCollectedAt;
            this.lastArrivalNanos = arrivalNanos;
        }
    }

    private final BlockLimits limits;
    private final Map<K, Open<K, V>> open = new LinkedHashMap<>();

    BlockBuffer(BlockLimits limits) {
        this.limits = limits;
    }

    /**
     * Adds a record read at {@code offset} of {@code source}, arrived at {@code nowNanos} (System.nanoTime).
     *
     * @return the blocks this closed, oldest first: the key's open block if the record falls past its span (or
     *         comes from another partition), and the record's own block if it is now full
     */
    List<Block<K, V>> add(K key, V record, Instant collectedAt, TopicPartition source, long offset, long nowNanos) {
        List<Block<K, V>> closed = new ArrayList<>(1);
        Open<K, V> current = open.get(key);
        // A key whose records move to another partition (the topic was given more partitions) starts a new block:
        // a block's records must all lie at or after its first offset of one partition for the commit rule to hold.
        if (current != null && (!current.block.source().equals(source)
                || Duration.between(current.firstCollectedAt, collectedAt).compareTo(limits.span()) >= 0)) {
            closed.add(open.remove(key).block);
            current = null;
        }
        if (current == null) {
            current = new Open<>(new Block<>(key, source, offset, new ArrayList<>()), collectedAt, nowNanos);
            open.put(key, current);
        }
        current.block.records().add(record);
        current.lastArrivalNanos = nowNanos;
        if (current.block.records().size() >= limits.records()) {
            closed.add(open.remove(key).block);
        }
        return closed;
    }

    /** Closes the blocks whose key has had no record for the idle limit: a volume deleted or a collector gone. */
    List<Block<K, V>> closeIdle(long nowNanos) {
        long idleNanos = limits.idle().toNanos();
        return close(o -> nowNanos - o.lastArrivalNanos >= idleNanos);
    }

    /** Closes the blocks whose records came from one of the partitions given (all, at shutdown). */
    List<Block<K, V>> closeFrom(Predicate<TopicPartition> sources) {
        return close(o -> sources.test(o.block.source()));
    }

    /** Forgets the blocks from these partitions without writing them: another instance reads them again. */
    void dropFrom(Predicate<TopicPartition> sources) {
        close(o -> sources.test(o.block.source()));
    }

    /** Each open block's source partition and first offset: the offsets a commit must not pass. */
    void forEachFirstOffset(BiConsumer<TopicPartition, Long> action) {
        open.values().forEach(o -> action.accept(o.block.source(), o.block.firstOffset()));
    }

    private List<Block<K, V>> close(Predicate<Open<K, V>> which) {
        List<Block<K, V>> closed = new ArrayList<>();
        for (Iterator<Open<K, V>> it = open.values().iterator(); it.hasNext(); ) {
            Open<K, V> o = it.next();
            if (which.test(o)) {
                closed.add(o.block);
                it.remove();
            }
        }
        return closed;
    }
}
