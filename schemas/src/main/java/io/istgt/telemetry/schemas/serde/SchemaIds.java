package io.istgt.telemetry.schemas.serde;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * The registry id under which a topic's keys or values are written: the one place that registers (or, with
 * {@code auto.register.schemas=false}, looks up) a schema under {@code <topic>-key} / {@code <topic>-value}
 * (TopicNameStrategy), first setting the subject's compatibility when {@code auto.register.compatibility} says so.
 * Ids never change meaning in a registry, so each subject and schema is asked once. Used by
 * {@link AvroSerializer} and by the collector, which frames Avro bytes it spooled before the registry answered.
 *
 * <pre>{@code
 * SchemaIds ids = new SchemaIds(client, Map.of());       // auto-register, BACKWARD: the serializer's defaults
 * byte[] framed = WireFormat.frame(ids.idOf("istgt.volume.status", false, schema), avroBytes);
 * }</pre>
 *
 * <p>Thread-safe. Registry failures surface as {@link SchemaRegistryException}s.
 */
public final class SchemaIds {

    private final SchemaRegistryClient client;
    private final boolean autoRegister;
    private final Optional<Compatibility> compatibility;
    private final Set<String> subjectsConfigured = ConcurrentHashMap.newKeySet();
    private final Map<SubjectSchema, Integer> ids = new ConcurrentHashMap<>();

    /** @param settings the serializer's settings ({@link AvroSerdeConfig} keys); the others are ignored */
    public SchemaIds(SchemaRegistryClient client, Map<String, ?> settings) {
        this(client, new AvroSerdeConfig(settings));
    }

    SchemaIds(SchemaRegistryClient client, AvroSerdeConfig config) {
        this.client = Objects.requireNonNull(client, "client");
        this.autoRegister = config.autoRegister();
        this.compatibility = config.autoRegisterCompatibility();
    }

    /** The id of {@code schema} for {@code topic}'s keys ({@code isKey}) or values, registering it if allowed. */
    public int idOf(String topic, boolean isKey, Schema schema) {
        String subject = Subjects.of(topic, isKey);
        SubjectSchema key = new SubjectSchema(subject, schema);
        Integer id = ids.get(key);
        if (id == null) {
            id = autoRegister ? register(subject, schema) : client.idOf(subject, schema);
            ids.put(key, id);
        }
        return id;
    }

    private int register(String subject, Schema schema) {
        if (compatibility.isPresent() && !subjectsConfigured.contains(subject)) {
            // Before the first registration, so the registry already judges that one by the rule.
            client.setCompatibility(subject, compatibility.get());
            subjectsConfigured.add(subject);
        }
        return client.register(subject, schema);
    }

    private record SubjectSchema(String subject, Schema schema) {
    }
}
