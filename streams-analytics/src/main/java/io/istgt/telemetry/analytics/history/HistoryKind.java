package io.istgt.telemetry.analytics.history;

import io.istgt.telemetry.analytics.AnalyticsConfig;
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
 * One of the two histories the writer keeps: the live topic it reads, the history topic it writes, and how a
 * block of its records is built. The writer handles both alike through this.
 */
record HistoryKind<K extends SpecificRecord, V extends SpecificRecord, B extends SpecificRecord>(
        String liveTopic, String historyTopic, Class<K> keyType, Class<V> valueType, Class<B> blockType,
        Function<V, Instant> collectedAt, Function<List<V>, B> block, Function<B, Instant> lastCollectedAt) {

    static HistoryKind<VolumeKey, VolumeStatus, VolumeStatusBlock> volumes(AnalyticsConfig config) {
        return new HistoryKind<>(config.getString(AnalyticsConfig.VOLUME_TOPIC),
                config.getString(AnalyticsConfig.VOLUME_HISTORY_TOPIC), VolumeKey.class, VolumeStatus.class,
                VolumeStatusBlock.class, v -> v.getMetadata().getCollectedAt(), HistoryBlocks::volumeBlock,
                VolumeStatusBlock::getLastCollectedAt);
    }

    static HistoryKind<ReplicaKey, ReplicaStatus, ReplicaStatusBlock> replicas(AnalyticsConfig config) {
        return new HistoryKind<>(config.getString(AnalyticsConfig.REPLICA_TOPIC),
                config.getString(AnalyticsConfig.REPLICA_HISTORY_TOPIC), ReplicaKey.class, ReplicaStatus.class,
                ReplicaStatusBlock.class, r -> r.getMetadata().getCollectedAt(), HistoryBlocks::replicaBlock,
                ReplicaStatusBlock::getLastCollectedAt);
    }
}
