package io.istgt.telemetry.replay.read;

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
 * One status stream in its two topics: the live topic of plain records (kept days) and the history topic of
 * blocks of the same records (kept a year), both keyed by {@code K}.
 *
 * @param records     a block's records, in order
 * @param collectedAt a record's collection time, by which records of a key are ordered
 */
record StatusTopics<K extends SpecificRecord, V extends SpecificRecord, B extends SpecificRecord>(
        String live, String history, Class<K> keyType, Class<V> valueType, Class<B> blockType,
        Function<B, List<V>> records, Function<V, Instant> collectedAt) {

    static StatusTopics<VolumeKey, VolumeStatus, VolumeStatusBlock> volumes(ReplayTopics topics) {
        return new StatusTopics<>(topics.volumeStatus(), topics.volumeHistory(), VolumeKey.class, VolumeStatus.class,
                VolumeStatusBlock.class, HistoryBlocks::volumes, v -> v.getMetadata().getCollectedAt());
    }

    static StatusTopics<ReplicaKey, ReplicaStatus, ReplicaStatusBlock> replicas(ReplayTopics topics) {
        return new StatusTopics<>(topics.replicaStatus(), topics.replicaHistory(), ReplicaKey.class,
                ReplicaStatus.class, ReplicaStatusBlock.class, HistoryBlocks::replicas,
                r -> r.getMetadata().getCollectedAt());
    }
}
