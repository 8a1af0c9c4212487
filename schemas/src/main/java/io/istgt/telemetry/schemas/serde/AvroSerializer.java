package io.istgt.telemetry.schemas.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes Avro records in the Confluent wire format (magic byte 0, 4-byte big-endian schema id, Avro binary),
 * registering the record's schema under the subject {@code <topic>-key} or {@code <topic>-value}
 * (TopicNameStrategy).
 *
 * <p>Written by hand, and kept small, because Confluent's serializer is not on Maven Central and Apicurio's
 * speaks only Apicurio's own API; this one speaks the Confluent Schema Registry API, which Confluent, Apicurio
 * (ccompat), Karapace and Redpanda all serve. Configure with {@link AvroSerdeConfig} keys, or pass a client:
 *
 * <pre>{@code
 * Serializer<VolumeStatus> values = new AvroSerializer<>();
 * values.configure(Map.of("schema.registry.url", "http://registry:8081"), false);
 * }</pre>
 *
 * <p>Registry failures surface as {@link SchemaRegistryException}s ({@link SchemaRegistryUnavailableException}
 * is the retriable one). A null record serializes to null (a tombstone).
 *
 * @param <T> generated SpecificRecord classes, or GenericRecord
 */
public class AvroSerializer<T extends IndexedRecord> implements Serializer<T> {

    private SchemaRegistryClient client;
    private boolean ownsClient;
    private boolean isKey;
    private boolean autoRegister = true;
    private Optional<Compatibility> compatibility = Optional.of(Compatibility.BACKWARD);
    private final Set<String> subjectsConfigured = ConcurrentHashMap.newKeySet();
    private final Map<Schema, DatumWriter<Object>> writers = new ConcurrentHashMap<>();

    /** For Kafka to instantiate by class name; {@link #configure} then creates the registry client. */
    public AvroSerializer() {
    }

    /** Uses {@code client} (not closed by {@link #close()}); {@link #configure} may still set the other keys. */
    public AvroSerializer(SchemaRegistryClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        AvroSerdeConfig config = new AvroSerdeConfig(configs);
        this.isKey = isKey;
        this.autoRegister = config.autoRegister();
        this.compatibility = config.autoRegisterCompatibility();
        if (client == null) {
            client = config.createClient();
            ownsClient = true;
        }
    }

    @Override
    public byte[] serialize(String topic, T record) {
        if (record == null) {
            return null;
        }
        if (client == null) {
            throw new IllegalStateException("AvroSerializer used before configure(): it has no schema registry client");
        }
        Schema schema = record.getSchema();
        String subject = Subjects.of(topic, isKey);
        int id = autoRegister ? register(subject, schema) : client.idOf(subject, schema);
        return WireFormat.frame(id, encode(topic, schema, record));
    }

    private int register(String subject, Schema schema) {
        if (compatibility.isPresent() && !subjectsConfigured.contains(subject)) {
            // Before the first registration, so the registry already judges that one by the rule.
            client.setCompatibility(subject, compatibility.get());
            subjectsConfigured.add(subject);
        }
        return client.register(subject, schema);
    }

    private byte[] encode(String topic, Schema schema, T record) {
        DatumWriter<Object> writer = writers.computeIfAbsent(schema, key -> record instanceof SpecificRecord
                ? new SpecificDatumWriter<>(key, SpecificData.getForSchema(key))
                : new GenericDatumWriter<>(key, GenericData.get()));
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            writer.write(record, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            throw new SerializationException("cannot encode a " + schema.getFullName() + " for topic " + topic
                    + " (a required field unset or of the wrong type?): " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    @Override
    public void close() {
        if (ownsClient) {
            client.close();
        }
    }
}
