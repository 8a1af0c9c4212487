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
import io.istgt.telemetry.schemas.serde.AvroDeserializer;
import io.istgt.telemetry.schemas.serde.AvroSerdeConfig;
import io.istgt.telemetry.schemas.serde.AvroSerializer;
import io.istgt.telemetry.schemas.serde.SchemaNotFoundException;
import io.istgt.telemetry.schemas.serde.SchemaRegistryClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one volume's records of a window from each topic, typed: status, transitions and alerts. Keys are
 * read first and the value only of the volume's records, so skipping other volumes' records is cheap. Where
 * the producers used the default partitioner, only the partitions the volume's keys hash to are read (the
 * key bytes are serialized as the producer did, with the key schema's id looked up, never registered).
 */
public final class HistoryReader {

    private static final Logger log = LoggerFactory.getLogger(HistoryReader.class);

    private final Consumer<byte[], byte[]> consumer;
    private final SchemaRegistryClient registry;
    private final ReplayTopics topics;
    private final KeyPartitioning partitioning;
    private final Progress progress;
    private final TopicWindowReader reader;

    public HistoryReader(Consumer<byte[], byte[]> consumer, SchemaRegistryClient registry, ReplayTopics topics,
                         KeyPartitioning partitioning, Progress progress, Clock clock, Duration stallTimeout) {
        this.consumer = consumer;
        this.registry = registry;
        this.topics = topics;
        this.partitioning = partitioning;
        this.progress = progress;
        this.reader = new TopicWindowReader(consumer, progress, clock, stallTimeout);
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
        List<PartitionInfo> infos = consumer.partitionsFor(topic);
        if (infos == null || infos.isEmpty()) {
            log.warn("topic {} does not exist (or is not visible to this client): nothing read from it", topic);
            return 0;
        }
        Set<Integer> partitions = partitions(topic, infos.size(), keys);
        try (AvroDeserializer<K> keyReader = new AvroDeserializer<>(registry, keyType);
             AvroDeserializer<V> valueReader = new AvroDeserializer<>(registry, valueType)) {
            keyReader.configure(Map.of(), true);
            valueReader.configure(Map.of(), false);
            return reader.read(topic, partitions, from, to, record -> {
                if (record.key() == null || record.value() == null) {
                    return false;
                }
                K key = decode(keyReader, record, record.key(), "key");
                if (!matches.test(key)) {
                    return false;
                }
                sink.accept(decode(valueReader, record, record.value(), "value"));
                return true;
            });
        }
    }

    private <K extends SpecificRecord> Set<Integer> partitions(String topic, int count, List<K> keys) {
        Set<Integer> all = new TreeSet<>(IntStream.range(0, count).boxed().toList());
        if (partitioning == KeyPartitioning.ALL) {
            return all;
        }
        if (keys.isEmpty()) {
            // No key of this volume is known (e.g. no replica was ever listed): none of its records can be there.
            return Set.of();
        }
        List<byte[]> serialized = new ArrayList<>();
        try (AvroSerializer<K> serializer = new AvroSerializer<>(registry)) {
            serializer.configure(Map.of(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, false), true);
            for (K key : keys) {
                serialized.add(serializer.serialize(topic, key));
            }
        } catch (SchemaNotFoundException e) {
            progress.note("  " + topic + ": its key schema is not this build's (" + e.getMessage()
                    + "); reading every partition");
            return all;
        }
        return KeyPartitions.partitionsOf(serialized, count);
    }

    private static <T extends SpecificRecord> T decode(AvroDeserializer<T> deserializer,
                                                       ConsumerRecord<byte[], byte[]> record, byte[] bytes,
                                                       String part) {
        try {
            return deserializer.deserialize(record.topic(), bytes);
        } catch (SerializationException | ClassCastException e) {
            throw new IllegalStateException("cannot read the " + part + " of " + record.topic() + "-"
                    + record.partition() + " offset " + record.offset() + ": " + e.getMessage(), e);
        }
    }
}
