package io.istgt.telemetry.collector.kafka;

import io.istgt.telemetry.collector.spool.SchemaStore;
import io.istgt.telemetry.schemas.serde.AvroSerdeConfig;
import io.istgt.telemetry.schemas.serde.Compatibility;
import io.istgt.telemetry.schemas.serde.SchemaRegistryClient;
import io.istgt.telemetry.schemas.serde.Subjects;
import java.io.IOException;
import java.nio.ByteBuffer;
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
        String subject = Subjects.of(topic, isKey);
        Integer id = ids.get(subject + "/" + schemaFingerprint);
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
        return ByteBuffer.allocate(5 + avro.length).put((byte) 0).putInt(id).put(avro).array();
    }

    @Override
    public void close() {
        client.close();
    }
}
