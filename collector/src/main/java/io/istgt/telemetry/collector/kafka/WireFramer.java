package io.istgt.telemetry.collector.kafka;

import io.istgt.telemetry.collector.spool.SchemaStore;
import io.istgt.telemetry.schemas.serde.SchemaIds;
import io.istgt.telemetry.schemas.serde.SchemaRegistryClient;
import io.istgt.telemetry.schemas.serde.WireFormat;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Spooled Avro bytes to the Confluent wire format, under the id {@link SchemaIds} gives their schema (registered
 * under {@code <topic>-key}/{@code <topic>-value} with the serializer's settings, as the project's
 * {@code AvroSerializer} does): the spool holds each record's schema by fingerprint, not the record itself.
 */
final class WireFramer implements AutoCloseable {

    private final SchemaRegistryClient client;
    private final SchemaStore schemas;
    private final SchemaIds ids;
    /** Per topic, the key's and the value's last schema and id (the drainer's thread only). */
    private final Map<String, Last[]> lastByTopic = new ConcurrentHashMap<>();

    WireFramer(SchemaRegistryClient client, SchemaStore schemas, Map<String, ?> registrySettings) {
        this.client = client;
        this.schemas = schemas;
        this.ids = new SchemaIds(client, registrySettings);
    }

    /** @throws io.istgt.telemetry.schemas.serde.SchemaRegistryException when the registry fails or refuses */
    byte[] frame(String topic, boolean isKey, long schemaFingerprint, byte[] avro) throws IOException {
        Integer id = last(topic, isKey, schemaFingerprint);
        if (id == null) {
            id = ids.idOf(topic, isKey, schemas.get(schemaFingerprint));
            remember(topic, isKey, schemaFingerprint, id);
        }
        return WireFormat.frame(id, avro);
    }

    /** The id last used for this topic's keys or values, if it was for this schema: no lookup per record. */
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

    @Override
    public void close() {
        client.close();
    }
}
