package io.istgt.telemetry.schemas.serde;

import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.ClassSecurityValidator;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads the Confluent wire format written by {@link AvroSerializer} or any Confluent-compatible serializer:
 * fetches the writer schema by the record's id (cached) and resolves it to the reader schema (schema evolution:
 * fields added with defaults are filled in, removed ones skipped).
 *
 * <p>With {@code specific.avro.reader=true} (default) it returns generated classes: the configured
 * {@code specific.avro.value.type} (or key type), or the class named like the writer schema. Avro 1.12 only
 * instantiates classes of trusted packages: run the JVM with
 * {@code -Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.istgt.telemetry.schemas}; configure() fails early otherwise.
 * With {@code false} it returns GenericRecord in the writer schema. Hand-written for the reason given on
 * {@link AvroSerializer}.
 *
 * <p>Bytes that are not the wire format throw {@link WireFormatException}; registry failures throw
 * {@link SchemaRegistryException}s ({@link SchemaRegistryUnavailableException} is retriable, and a Streams
 * deserialization handler should fail rather than skip on it).
 *
 * @param <T> the generated class read into, or GenericRecord
 */
public class AvroDeserializer<T extends IndexedRecord> implements Deserializer<T> {

    private SchemaRegistryClient client;
    private boolean ownsClient;
    private boolean specific = true;
    private Optional<Class<?>> readerClass = Optional.empty();
    private final Map<Integer, DatumReader<T>> readers = new ConcurrentHashMap<>();

    /** For Kafka to instantiate by class name; {@link #configure} then creates the registry client. */
    public AvroDeserializer() {
    }

    /** Reads into generated classes named like each writer schema, through {@code client} (not closed here). */
    public AvroDeserializer(SchemaRegistryClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /** Reads into {@code type} (its schema is the reader schema), through {@code client} (not closed here). */
    public AvroDeserializer(SchemaRegistryClient client, Class<T> type) {
        this(client);
        this.readerClass = Optional.of(requireTrusted(type, "the reader type"));
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        AvroSerdeConfig config = new AvroSerdeConfig(configs);
        specific = config.specificReader();
        Optional<Class<?>> configured = config.specificType(isKey);
        if (configured.isPresent()) {
            String key = isKey ? AvroSerdeConfig.SPECIFIC_AVRO_KEY_TYPE : AvroSerdeConfig.SPECIFIC_AVRO_VALUE_TYPE;
            if (!SpecificRecord.class.isAssignableFrom(configured.get())) {
                throw new ConfigException(key, configured.get().getName(), "not a generated Avro SpecificRecord class");
            }
            readerClass = Optional.of(requireTrusted(configured.get(), key));
        }
        if (client == null) {
            client = config.createClient();
            ownsClient = true;
        }
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        if (client == null) {
            throw new IllegalStateException("AvroDeserializer used before configure(): it has no schema registry client");
        }
        WireFormat.Framed framed = WireFormat.unframe(topic, data);
        DatumReader<T> reader = readers.get(framed.schemaId());
        if (reader == null) {
            reader = newReader(client.schemaById(framed.schemaId()));
            readers.putIfAbsent(framed.schemaId(), reader);
        }
        BinaryDecoder decoder = DecoderFactory.get()
                .binaryDecoder(framed.data(), framed.bodyOffset(), framed.bodyLength(), null);
        try {
            return reader.read(null, decoder);
        } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException e) {
            throw new WireFormatException("record from topic " + topic + " does not decode with its writer schema id "
                    + framed.schemaId() + " (" + framed.bodyLength() + " body bytes): " + e, e);
        }
    }

    private DatumReader<T> newReader(Schema writer) {
        if (!specific) {
            return new GenericDatumReader<T>(writer, writer, GenericData.get());
        }
        Class<?> type = readerClass.orElseGet(() -> classNamedLike(writer));
        SpecificData data = SpecificData.getForClass(type);
        return new SpecificDatumReader<T>(writer, data.getSchema(type), data);
    }

    private static Class<?> classNamedLike(Schema writer) {
        Class<?> type = SpecificData.get().getClass(writer);
        if (type == null || !SpecificRecord.class.isAssignableFrom(type)) {
            throw new WireFormatException("no generated class " + writer.getFullName() + " on the classpath (or its"
                    + " package is not in org.apache.avro.SERIALIZABLE_PACKAGES) for a specific reader: set "
                    + AvroSerdeConfig.SPECIFIC_AVRO_VALUE_TYPE + " or " + AvroSerdeConfig.SPECIFIC_AVRO_READER + "=false");
        }
        return type;
    }

    private static <C> Class<C> requireTrusted(Class<C> type, String what) {
        try {
            ClassSecurityValidator.validate(type);
            return type;
        } catch (SecurityException e) {
            throw new ConfigException(what, type.getName(), "Avro does not trust its package; start the JVM with"
                    + " -Dorg.apache.avro.SERIALIZABLE_PACKAGES=" + type.getPackageName());
        }
    }

    @Override
    public void close() {
        if (ownsClient) {
            client.close();
        }
    }
}
