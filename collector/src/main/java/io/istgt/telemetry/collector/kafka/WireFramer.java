package io.istgt.telemetry.collector.kafka;

import io.istgt.telemetry.collector.spool.SchemaStore;
import io.istgt.telemetry.schemas.serde.AvroSerdeConfig;
import io.istgt.telemetry.schemas.serde.Compatibility;
import io.istgt.telemetry.schemas.serde.SchemaRegistryClient;
import io.istgt.telemetry.schemas.serde.Subjects;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * Spooled Avro bytes to the Confluent wire format (magic byte 0, the registry's 4-byte schema id, the bytes),
 * registering the writer schema under {@code <topic>-key}/{@code <topic>-value} as the project's
 * {@code AvroSerializer} does, with the same settings ({@code auto.register.schemas},
 * {@code auto.register.compatibility}). Ids are cached; the registry is asked once per subject and schema.
 */
final class WireFramer implements AutoCloseable {

    private final SchemaRegistryClient client;
    private final SchemaStore schemas;
    private final boolean autoRegister;
    private final Optional<Compatibility> compatibility;
    private final Map<String, Integer> ids = new ConcurrentHashMap<>();
    private final Set<String> configured = ConcurrentHashMap.newKeySet();
    /** Per topic, the key's and the value's last schema and id (the drainer's thread only). */
    private final Map<String, Last[]> lastByTopic = new ConcurrentHashMap<>();

    WireFramer(SchemaRegistryClient client, SchemaStore schemas, Map<String, ?> registrySettings) {
        this.client = client;
        this.schemas = schemas;
        AvroSerdeConfig config = new AvroSerdeConfig(registrySettings);
        this.autoRegister = config.getBoolean(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS);
        String compat = config.getString(AvroSerdeConfig.AUTO_REGISTER_COMPATIBILITY);
        this.compatibility = compat == null || compat.isEmpty() ? Optional.empty()
                : Optional.of(Compatibility.valueOf(compat));
    }

    /** @throws io.istgt.telemetry.schemas.serde.SchemaRegistryException when the registry fails or refuses */
    byte[] frame(String topic, boolean isKey, long schemaFingerprint, byte[] avro) throws IOException {
        Integer id = last(topic, isKey, schemaFingerprint);
        if (id != null) {
            return wire(id, avro);
        }
        String subject = Subjects.of(topic, isKey);
        id = ids.get(subject + "/" + schemaFingerprint);
        if (id == null) {
            Schema schema = schemas.get(schemaFingerprint);
            if (autoRegister) {
                if (compatibility.isPresent() && configured.add(subject)) {
                    client.setCompatibility(subject, compatibility.get());
                }
                id = client.register(subject, schema);
            } else {
                id = client.idOf(subject, schema);
            }
            ids.put(subject + "/" + schemaFingerprint, id);
        }
        remember(topic, isKey, schemaFingerprint, id);
        return wire(id, avro);
    }

    /** The id last used for this topic's keys or values, if it was for this schema: no string built per record. */
    private Integer last(String topic, boolean isKey, long schemaFingerprint) {
        Last[] pair = lastByTopic.get(topic);
        Last l = pair == null ? null : pair[isKey ? 0 : 1];
        return l != null && l.schemaFingerprint == schemaFingerprint ? l.id : null;
    }

    private void remember(String topic, boolean isKey, long schemaFingerprint, int id) {
        lastByTopic.computeIfAbsent(topic, t -> new Last[2])[isKey ? 0 : 1] = new Last(schemaFingerprint, id);
    }

    private record Last(long schemaFingerprint, int id) {
    }

    private static byte[] wire(int id, byte[] avro) {
        byte[] framed = new byte[5 + avro.length];
        framed[1] = (byte) (id >>> 24);
        framed[2] = (byte) (id >>> 16);
        framed[3] = (byte) (id >>> 8);
        framed[4] = (byte) id;
        System.arraycopy(avro, 0, framed, 5, avro.length);
        return framed;
    }

    @Override
    public void close() {
        client.close();
    }
}
