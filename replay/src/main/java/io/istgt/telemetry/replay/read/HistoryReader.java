package io.istgt.telemetry.replay.read;

import io.istgt.telemetry.analytics.AnalyticsConfig;
import io.istgt.telemetry.history.HistoryKind;
import io.istgt.telemetry.schemas.Alert;
import io.istgt.telemetry.schemas.AlertKey;
import io.istgt.telemetry.schemas.AlertKind;
import io.istgt.telemetry.schemas.ReplicaKey;
import io.istgt.telemetry.schemas.ReplicaStatus;
import io.istgt.telemetry.schemas.ReplicaTransition;
import io.istgt.telemetry.schemas.VolumeKey;
import io.istgt.telemetry.schemas.VolumeStatus;
import io.istgt.telemetry.schemas.VolumeTransition;
import io.istgt.telemetry.schemas.serde.SchemaRegistryClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one volume's records of a window from each topic, typed: status (from the live topics and, for what
 * they no longer retain, the history topics; see {@link StatusReader}), transitions and alerts.
 */
public final class HistoryReader {

    private static final Logger log = LoggerFactory.getLogger(HistoryReader.class);

    private final ReplayTopics topics;
    private final KeyedTopicReader reader;
    private final StatusReader status;

    /** @param historyBlockLateness see {@link #historyBlockLateness(AnalyticsConfig)} */
    public HistoryReader(Consumer<byte[], byte[]> consumer, SchemaRegistryClient registry, ReplayTopics topics,
                         KeyPartitioning partitioning, Progress progress, Clock clock, Duration stallTimeout,
                         Duration historyBlockLateness) {
        this.topics = topics;
        this.reader = new KeyedTopicReader(consumer, registry, partitioning, progress, clock, stallTimeout);
        this.status = new StatusReader(consumer, reader, progress, historyBlockLateness);
    }

    public ReplayTopics topics() {
        return topics;
    }

    /**
     * How long after a history block's first record the history writer writes it at the latest, by its settings:
     * a block ends before a record {@code history.block.span.ms} after its first, and is written once its key
     * has been idle for {@code history.block.idle.ms}.
     */
    public static Duration historyBlockLateness(AnalyticsConfig config) {
        return config.duration(AnalyticsConfig.HISTORY_BLOCK_SPAN_MS)
                .plus(config.duration(AnalyticsConfig.HISTORY_BLOCK_IDLE_MS));
    }

    /** The volume's status records of the window, from the history topic and the live one, once each, in order. */
    public long volumes(String iqn, Instant from, Instant to, java.util.function.Consumer<VolumeStatus> sink) {
        return status.read(HistoryKind.volumes(topics.volumeStatus(), topics.volumeHistory()),
                List.of(new VolumeKey(iqn)), k -> iqn.equals(k.getIqn()), from, to, sink);
    }

    /** The replicas' status records of the window, from both topics as the volume's, in order per replica. */
    public long replicas(String iqn, Collection<String> replicaIds, Instant from, Instant to,
                         java.util.function.Consumer<ReplicaStatus> sink) {
        return status.read(HistoryKind.replicas(topics.replicaStatus(), topics.replicaHistory()),
                replicaKeys(iqn, replicaIds), k -> iqn.equals(k.getIqn()), from, to, sink);
    }

    public long replicaTransitions(String iqn, Collection<String> replicaIds, Instant from, Instant to,
                                   java.util.function.Consumer<ReplicaTransition> sink) {
        return read(topics.replicaTransitions(), ReplicaKey.class, ReplicaTransition.class,
                replicaKeys(iqn, replicaIds), k -> iqn.equals(k.getIqn()), from, to, sink);
    }

    public long volumeTransitions(String iqn, Instant from, Instant to,
                                  java.util.function.Consumer<VolumeTransition> sink) {
        return read(topics.volumeTransitions(), VolumeKey.class, VolumeTransition.class, List.of(new VolumeKey(iqn)),
                k -> iqn.equals(k.getIqn()), from, to, sink);
    }

    public long alerts(String iqn, Collection<String> replicaIds, Instant from, Instant to,
                       java.util.function.Consumer<Alert> sink) {
        List<AlertKey> keys = new ArrayList<>();
        for (AlertKind kind : AlertKind.values()) {
            keys.add(new AlertKey(iqn, null, kind));
            replicaIds.forEach(id -> keys.add(new AlertKey(iqn, id, kind)));
        }
        return read(topics.alerts(), AlertKey.class, Alert.class, keys, k -> iqn.equals(k.getIqn()), from, to, sink);
    }

    private static List<ReplicaKey> replicaKeys(String iqn, Collection<String> replicaIds) {
        return replicaIds.stream().map(id -> new ReplicaKey(iqn, id)).toList();
    }

    private <K extends SpecificRecord, V extends SpecificRecord> long read(
            String topic, Class<K> keyType, Class<V> valueType, List<K> keys, Predicate<K> matches, Instant from,
            Instant to, java.util.function.Consumer<V> sink) {
        Optional<Set<Integer>> partitions = reader.partitions(topic, keys);
        if (partitions.isEmpty()) {
            log.warn("topic {} does not exist (or is not visible to this client): nothing read from it", topic);
            return 0;
        }
        return reader.read(topic, partitions.get(), keyType, valueType, matches, from, to, (key, value) -> {
            sink.accept(value);
            return true;
        });
    }
}
