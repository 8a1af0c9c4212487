package io.istgt.telemetry.schemas.serde;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/**
 * A schema registry held in memory, with the registry's semantics: global ids (the same schema has the same id
 * under every subject), versions per subject, and compatibility rules (default BACKWARD) checked with Avro's own
 * reader/writer rules.
 *
 * <p>It lives in main code, not test code: besides TopologyTestDriver tests it serves offline replay of spooled
 * records, where the writer schemas are this module's compiled ones and no registry is reachable. The serde
 * config {@code schema.registry.url=mock://<scope>} selects the instance of that scope, so an application
 * configured only through properties (e.g. a Streams default serde) can use it too.
 */
public final class InMemorySchemaRegistryClient implements SchemaRegistryClient {

    /** URL scheme that selects a scoped in-memory registry instead of an HTTP one. */
    public static final String MOCK_SCHEME = "mock://";

    private static final Map<String, InMemorySchemaRegistryClient> SCOPES = new ConcurrentHashMap<>();

    private final Map<Schema, Integer> idsBySchema = new HashMap<>();
    private final Map<Integer, Schema> schemasById = new HashMap<>();
    private final Map<String, List<Schema>> versions = new HashMap<>();
    private final Map<String, Compatibility> compatibilities = new HashMap<>();
    private final Compatibility defaultCompatibility;

    /** A registry whose subjects default to BACKWARD, like Confluent Schema Registry. */
    public InMemorySchemaRegistryClient() {
        this(Compatibility.BACKWARD);
    }

    public InMemorySchemaRegistryClient(Compatibility defaultCompatibility) {
        this.defaultCompatibility = defaultCompatibility;
    }

    /** The registry shared by everything configured with {@code mock://<scope>}; created on first use. */
    public static InMemorySchemaRegistryClient forScope(String scope) {
        return SCOPES.computeIfAbsent(scope, name -> new InMemorySchemaRegistryClient());
    }

    /** Forgets a scope, e.g. between tests. */
    public static void dropScope(String scope) {
        SCOPES.remove(scope);
    }

    @Override
    public synchronized int register(String subject, Schema schema) {
        List<Schema> subjectVersions = versions.computeIfAbsent(subject, name -> new ArrayList<>());
        if (!subjectVersions.contains(schema)) {
            checkCompatible(subject, schema, subjectVersions);
            subjectVersions.add(schema);
        }
        return idsBySchema.computeIfAbsent(schema, key -> {
            int id = schemasById.size() + 1;
            schemasById.put(id, key);
            return id;
        });
    }

    @Override
    public synchronized int idOf(String subject, Schema schema) {
        if (!versions.getOrDefault(subject, List.of()).contains(schema)) {
            throw new SchemaNotFoundException("subject " + subject + " does not hold schema " + schema.getFullName()
                    + " and auto-registration is off (in-memory registry)");
        }
        return idsBySchema.get(schema);
    }

    @Override
    public synchronized Schema schemaById(int id) {
        Schema schema = schemasById.get(id);
        if (schema == null) {
            throw new SchemaNotFoundException("schema registry knows no schema with id " + id + " (in-memory registry"
                    + " holding ids 1.." + schemasById.size() + ")");
        }
        return schema;
    }

    @Override
    public synchronized void setCompatibility(String subject, Compatibility compatibility) {
        compatibilities.put(subject, compatibility);
    }

    @Override
    public synchronized Compatibility compatibility(String subject) {
        return compatibilities.getOrDefault(subject, defaultCompatibility);
    }

    /** The schemas registered under {@code subject}, oldest first. */
    public synchronized List<Schema> versions(String subject) {
        return List.copyOf(versions.getOrDefault(subject, List.of()));
    }

    private void checkCompatible(String subject, Schema candidate, List<Schema> existing) {
        if (existing.isEmpty()) {
            return;
        }
        Compatibility rule = compatibility(subject);
        List<Schema> against = switch (rule) {
            case NONE -> List.of();
            case BACKWARD, FORWARD, FULL -> List.of(existing.getLast());
            case BACKWARD_TRANSITIVE, FORWARD_TRANSITIVE, FULL_TRANSITIVE -> existing;
        };
        boolean backward = rule != Compatibility.FORWARD && rule != Compatibility.FORWARD_TRANSITIVE;
        boolean forward = rule.name().startsWith("FORWARD") || rule.name().startsWith("FULL");
        List<String> problems = new ArrayList<>();
        for (Schema old : against) {
            if (backward) {
                problems.addAll(incompatibilities(candidate, old, "new schema cannot read data written with version "
                        + (existing.indexOf(old) + 1)));
            }
            if (forward) {
                problems.addAll(incompatibilities(old, candidate, "version " + (existing.indexOf(old) + 1)
                        + " cannot read data written with the new schema"));
            }
        }
        if (!problems.isEmpty()) {
            throw new IncompatibleSchemaException(subject, rule + ": " + String.join("; ", problems));
        }
    }

    private static List<String> incompatibilities(Schema reader, Schema writer, String what) {
        SchemaPairCompatibility result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        if (result.getType() == SchemaCompatibilityType.COMPATIBLE) {
            return List.of();
        }
        String details = result.getResult().getIncompatibilities().stream()
                .map(problem -> problem.getType() + " at " + problem.getLocation() + " (" + problem.getMessage() + ")")
                .collect(Collectors.joining(", "));
        return List.of(what + ": " + details);
    }
}
