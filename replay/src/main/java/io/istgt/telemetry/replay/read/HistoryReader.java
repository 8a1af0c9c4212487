package io.istgt.telemetry.replay.read;

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
 * Reads one volume's records of a window from each topic, typed: status, transitions and alerts, through a
 * {@link KeyedTopicReader} given the volume's keys.
 */
public final class HistoryReader {

    private static final Logger log = LoggerFactory.getLogger(HistoryReader.class);

    private final ReplayTopics topics;
    private final KeyedTopicReader reader;

    public HistoryReader(Consumer<byte[], byte[]> consumer, SchemaRegistryClient registry, ReplayTopics topics,
                         KeyPartitioning partitioning, Progress progress, Clock clock, Duration stallTimeout) {
        this.topics = topics;
        this.reader = new KeyedTopicReader(consumer, registry, partitioning, progress, clock, stallTimeout);
    }

    public ReplayTopics topics() {
        return topics;
    }

    public long volumes(String iqn, Instant from, Instant to, java.util.function.Consumer<VolumeStatus> sink) {
        return read(topics.volumeStatus(), VolumeKey.class, VolumeStatus.class, List.of(new VolumeKey(iqn)),
                k -> iqn.equals(k.getIqn()), from, to, sink);
    }

    public long replicas(String iqn, Collection<String> replicaIds, Instant from, Instant to,
                         java.util.function.Consumer<ReplicaStatus> sink) {
        return read(topics.replicaStatus(), ReplicaKey.class, ReplicaStatus.class, replicaKeys(iqn, replicaIds),
                k -> iqn.equals(k.getIqn()), from, to, sink);
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
