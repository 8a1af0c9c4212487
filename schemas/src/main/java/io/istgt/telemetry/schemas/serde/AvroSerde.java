package io.istgt.telemetry.schemas.serde;

import java.util.Map;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * {@link AvroSerializer} and {@link AvroDeserializer} as one Kafka {@link Serde}, e.g. for Kafka Streams:
 *
 * <pre>{@code
 * Serde<VolumeStatus> values = AvroSerde.specific(VolumeStatus.class, registryClient);
 * values.configure(Map.of(), false);      // or the AvroSerdeConfig keys
 * Serde<VolumeKey> keys = new AvroSerde<>();
 * keys.configure(Map.of("schema.registry.url", "mock://topology-test"), true);
 * }</pre>
 */
public class AvroSerde<T extends IndexedRecord> implements Serde<T> {

    private final AvroSerializer<T> serializer;
    private final AvroDeserializer<T> deserializer;

    /** For Kafka to instantiate by class name; configure with AvroSerdeConfig keys. */
    public AvroSerde() {
        this(new AvroSerializer<>(), new AvroDeserializer<>());
    }

    private AvroSerde(AvroSerializer<T> serializer, AvroDeserializer<T> deserializer) {
        this.serializer = serializer;
        this.deserializer = deserializer;
    }

    /** A serde reading into {@code type} through {@code client} (which the caller closes). */
    public static <T extends IndexedRecord> AvroSerde<T> specific(Class<T> type, SchemaRegistryClient client) {
        return new AvroSerde<>(new AvroSerializer<>(client), new AvroDeserializer<>(client, type));
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        serializer.configure(configs, isKey);
        deserializer.configure(configs, isKey);
    }

    @Override
    public Serializer<T> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<T> deserializer() {
        return deserializer;
    }

    @Override
    public void close() {
        serializer.close();
        deserializer.close();
    }
}
