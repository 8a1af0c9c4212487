package io.istgt.telemetry.replay.read;

import io.istgt.telemetry.schemas.serde.AvroDeserializer;
import io.istgt.telemetry.schemas.serde.AvroSerdeConfig;
import io.istgt.telemetry.schemas.serde.AvroSerializer;
import io.istgt.telemetry.schemas.serde.SchemaNotFoundException;
import io.istgt.telemetry.schemas.serde.SchemaRegistryClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Reads some keys' records of a window from a topic, typed. Keys are read first and the value only of the
 * records wanted, so skipping other volumes' records is cheap. Where the producers used the default
 * partitioner, only the partitions the keys hash to are read (the key bytes are serialized as the producer
 * did, under the topic's own key subject, with the schema's id looked up, never registered).
 */
final class KeyedTopicReader {

    /** Receives each record of a wanted key; returns whether it used it (for the progress counts). */
    @FunctionalInterface
    interface Sink<K, V> {
        boolean accept(K key, V value);
    }

    private final Consumer<byte[], byte[]> consumer;
    private final SchemaRegistryClient registry;
    private final KeyPartitioning partitioning;
    private final Progress progress;
    private final TopicWindowReader reader;

    KeyedTopicReader(Consumer<byte[], byte[]> consumer, SchemaRegistryClient registry, KeyPartitioning partitioning,
                     Progress progress, Clock clock, Duration stallTimeout) {
        this.consumer = consumer;
        this.registry = registry;
        this.partitioning = partitioning;
        this.progress = progress;
        this.reader = new TopicWindowReader(consumer, progress, clock, stallTimeout);
    }

    /** The partitions of {@code topic} that can hold the keys' records; empty when the topic does not exist. */
    <K extends SpecificRecord> Optional<Set<Integer>> partitions(String topic, List<K> keys) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic);
        if (infos == null || infos.isEmpty()) {
            return Optional.empty();
        }
        Set<Integer> all = new TreeSet<>(IntStream.range(0, infos.size()).boxed().toList());
        if (partitioning == KeyPartitioning.ALL) {
            return Optional.of(all);
        }
        if (keys.isEmpty()) {
            // No key of this volume is known (e.g. no replica was ever listed): none of its records can be there.
            return Optional.of(Set.of());
        }
        List<byte[]> serialized = new ArrayList<>();
        try (AvroSerializer<K> serializer = new AvroSerializer<>(registry)) {
            serializer.configure(Map.of(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, false), true);
            for (K key : keys) {
                serialized.add(serializer.serialize(topic, key));
            }
        } catch (SchemaNotFoundException e) {
            // 40401: the registry has no subject for the topic's keys at all, so nothing was ever written with them
            // (a new cluster, or history not written yet); otherwise the subject holds other key schemas.
            progress.note("  " + topic + (e.getMessage().contains("40401")
                    ? ": no key was ever registered for it (nothing written to it yet?)"
                    : ": its key schema is not this build's (" + e.getMessage() + ")") + "; reading every partition");
            return Optional.of(all);
        }
        return Optional.of(KeyPartitions.partitionsOf(serialized, infos.size()));
    }

    /** @return records the sink used */
    <K extends SpecificRecord, V extends SpecificRecord> long read(
            String topic, Set<Integer> partitions, Class<K> keyType, Class<V> valueType, Predicate<K> matches,
            Instant from, Instant to, Sink<K, V> sink) {
        try (AvroDeserializer<K> keyReader = new AvroDeserializer<>(registry, keyType);
             AvroDeserializer<V> valueReader = new AvroDeserializer<>(registry, valueType)) {
            keyReader.configure(Map.of(), true);
            valueReader.configure(Map.of(), false);
            return reader.read(topic, partitions, from, to, record -> {
                if (record.key() == null || record.value() == null) {
                    return false;
                }
                K key = decode(keyReader, record, record.key(), "key");
                return matches.test(key) && sink.accept(key, decode(valueReader, record, record.value(), "value"));
            });
        }
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
