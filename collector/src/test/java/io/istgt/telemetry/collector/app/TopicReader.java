package io.istgt.telemetry.collector.app;

import io.istgt.telemetry.schemas.serde.AvroDeserializer;
import io.istgt.telemetry.schemas.serde.AvroSerdeConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/** Reads a topic from the start with the project's Avro deserializer, as a downstream consumer would. */
final class TopicReader<K extends SpecificRecord, V extends SpecificRecord> implements AutoCloseable {

    private final KafkaConsumer<K, V> consumer;
    private final List<ConsumerRecord<K, V>> seen = new ArrayList<>();

    TopicReader(String bootstrap, String registryUrl, String topic, Class<K> keyType, Class<V> valueType) {
        this(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), registryUrl, topic, keyType, valueType);
    }

    /** @param clientSettings the address and, for a secured broker, the reader's security settings */
    TopicReader(Map<String, String> clientSettings, String registryUrl, String topic, Class<K> keyType,
                Class<V> valueType) {
        Map<String, Object> props = new java.util.HashMap<>(clientSettings);
        props.putAll(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, AvroDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, AvroDeserializer.class,
                AvroSerdeConfig.SCHEMA_REGISTRY_URL, registryUrl,
                AvroSerdeConfig.SPECIFIC_AVRO_KEY_TYPE, keyType,
                AvroSerdeConfig.SPECIFIC_AVRO_VALUE_TYPE, valueType));
        consumer = new KafkaConsumer<>(props);
        consumer.subscribe(List.of(topic));
    }

    /** Polls until {@code enough} holds for everything read so far, or fails after {@code timeout}. */
    List<ConsumerRecord<K, V>> awaitUntil(Predicate<List<ConsumerRecord<K, V>>> enough, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!enough.test(seen)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not there within " + timeout + "; read " + seen.size() + " records: "
                        + seen.stream().map(r -> r.key() + " -> " + r.value()).toList());
            }
            consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
        }
        return List.copyOf(seen);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
