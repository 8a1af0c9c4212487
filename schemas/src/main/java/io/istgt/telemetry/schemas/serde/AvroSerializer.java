package io.istgt.telemetry.schemas.serde;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
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
    private volatile SchemaIds schemaIds;
    private final Map<Schema, SchemaWriter> writers = new ConcurrentHashMap<>();
    /**
     * One spare output buffer with its encoder, taken by a call and put back when it is done. Kafka calls a
     * serializer from every thread that sends (the collector sends from one virtual thread per target), so the
     * buffer is never shared: {@code getAndSet(null)} hands it to one caller only, a caller that finds the slot
     * empty makes its own, and whichever call ends last leaves its buffer for the next. No ThreadLocal: with
     * virtual threads that would be one buffer per poll's thread, made anew each time.
     */
    private final AtomicReference<Output> spare = new AtomicReference<>();

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
        if (client == null) {
            client = config.createClient();
            ownsClient = true;
        }
        schemaIds = new SchemaIds(client, config);
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
        SchemaWriter writer = writers.computeIfAbsent(schema, key -> new SchemaWriter(record instanceof SpecificRecord
                ? specificWriter(key)
                : new GenericDatumWriter<>(key, GenericData.get())));
        // Ids never change meaning in a registry (the HTTP client caches them for its lifetime too): asked once per
        // topic and schema, then taken from here without building the subject's name again.
        Integer id = writer.ids.get(topic);
        if (id == null) {
            id = schemaIds().idOf(topic, isKey, schema);
            writer.ids.put(topic, id);
        }
        return encode(topic, schema, writer.datumWriter, id, record);
    }

    /**
     * Avro's SpecificDatumWriter for the schema of a generated class, as this serializer writes (and the
     * collector's spool): in a model with the Avro compiler's custom coders on, so a record is written by its
     * generated {@code customEncode}, straight-line code, instead of Avro's walk of its schema. The same bytes
     * (CustomCodersTest). Every record of the catalogue has one, those with a timestamp too (the project's template,
     * {@code schemas/src/main/avro-templates/record.vm}). The generated classes' shared model, which readers use, is
     * left as it is: Avro leaves custom coders off unless {@code org.apache.avro.specific.use_custom_coders} is set.
     */
    public static DatumWriter<Object> specificWriter(Schema schema) {
        SpecificData shared = SpecificData.getForSchema(schema);
        SpecificData withCustomCoders = new SpecificData(shared.getClassLoader());
        shared.getConversions().forEach(withCustomCoders::addLogicalTypeConversion);
        withCustomCoders.setCustomCoders(true);
        return new SpecificDatumWriter<>(schema, withCustomCoders);
    }

    /** The ids by the configured settings, or the defaults (auto-register, BACKWARD) for a client never configured. */
    private SchemaIds schemaIds() {
        SchemaIds ids = schemaIds;
        if (ids == null) {
            ids = new SchemaIds(client, Map.of());
            schemaIds = ids;
        }
        return ids;
    }

    /** The header and the Avro body written once into a reused buffer, then copied out at their exact length. */
    private byte[] encode(String topic, Schema schema, DatumWriter<Object> writer, int id, T record) {
        Output out = spare.getAndSet(null);
        if (out == null) {
            out = new Output();
        }
        out.start(id);
        try {
            writer.write(record, out.encoder);
            out.encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            throw new SerializationException("cannot encode a " + schema.getFullName() + " for topic " + topic
                    + " (a required field unset or of the wrong type?): " + e.getMessage(), e);
        }
        // Only a buffer whose write completed goes back: a failed one may hold a half-written record.
        byte[] framed = out.toByteArray();
        spare.set(out);
        return framed;
    }

    /** The DatumWriter of one schema, and the id of that schema by topic for this serializer's key or value side. */
    private static final class SchemaWriter {
        final DatumWriter<Object> datumWriter;
        final Map<String, Integer> ids = new ConcurrentHashMap<>();

        SchemaWriter(DatumWriter<Object> datumWriter) {
            this.datumWriter = datumWriter;
        }
    }

    /**
     * A growable byte array (not synchronized, unlike ByteArrayOutputStream: one caller at a time owns it) with a
     * buffered Avro encoder over it, both reused from record to record.
     */
    private static final class Output extends OutputStream {
        private byte[] buf = new byte[512];
        private int count;
        private final BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(this, null);

        void start(int schemaId) {
            WireFormat.writeHeader(buf, 0, schemaId);
            count = WireFormat.HEADER_LENGTH;
        }

        @Override
        public void write(int b) {
            ensure(1);
            buf[count++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            ensure(len);
            System.arraycopy(b, off, buf, count, len);
            count += len;
        }

        private void ensure(int more) {
            if (count + more > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, count + more));
            }
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buf, count);
        }
    }

    @Override
    public void close() {
        if (ownsClient) {
            client.close();
        }
    }
}
