package io.istgt.telemetry.history;

import io.istgt.telemetry.schemas.ReplicaKey;
import io.istgt.telemetry.schemas.ReplicaStatus;
import io.istgt.telemetry.schemas.ReplicaStatusBlock;
import io.istgt.telemetry.schemas.VolumeKey;
import io.istgt.telemetry.schemas.VolumeStatus;
import io.istgt.telemetry.schemas.VolumeStatusBlock;
import io.istgt.telemetry.schemas.history.HistoryBlocks;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;

/**
 * One of the two status streams in its two topics: the live topic of plain records (kept days) and the history
 * topic of blocks of the same records (kept a year), both keyed by {@code K}; with how a block is built from its
 * records and read back. The history writer writes both kinds alike through this, the replay reads them so.
 *
 * @param block       a block of consecutive records of one key
 * @param records     a block's records, in order
 * @param collectedAt a record's collection time, by which records of a key are ordered
 */
public record HistoryKind<K extends SpecificRecord, V extends SpecificRecord, B extends SpecificRecord>(
        String liveTopic, String historyTopic, Class<K> keyType, Class<V> valueType, Class<B> blockType,
        Function<V, Instant> collectedAt, Function<List<V>, B> block, Function<B, List<V>> records,
        Function<B, Instant> lastCollectedAt) {

    public static HistoryKind<VolumeKey, VolumeStatus, VolumeStatusBlock> volumes(String liveTopic,
                                                                                  String historyTopic) {
        return new HistoryKind<>(liveTopic, historyTopic, VolumeKey.class, VolumeStatus.class,
                VolumeStatusBlock.class, v -> v.getMetadata().getCollectedAt(), HistoryBlocks::volumeBlock,
                HistoryBlocks::volumes, VolumeStatusBlock::getLastCollectedAt);
    }

    public static HistoryKind<ReplicaKey, ReplicaStatus, ReplicaStatusBlock> replicas(String liveTopic,
                                                                                      String historyTopic) {
        return new HistoryKind<>(liveTopic, historyTopic, ReplicaKey.class, ReplicaStatus.class,
                ReplicaStatusBlock.class, r -> r.getMetadata().getCollectedAt(), HistoryBlocks::replicaBlock,
                HistoryBlocks::replicas, ReplicaStatusBlock::getLastCollectedAt);
    }
}
