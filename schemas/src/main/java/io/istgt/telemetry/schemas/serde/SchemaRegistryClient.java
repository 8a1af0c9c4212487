package io.istgt.telemetry.schemas.serde;

import org.apache.avro.Schema;

/**
 * The part of a schema registry the serde needs, in Confluent Schema Registry terms (subjects, versions,
 * global schema ids). Implementations cache: after the first call, the same subject and schema, or the same id,
 * cost no request. All methods throw {@link SchemaRegistryException} subclasses.
 */
public interface SchemaRegistryClient extends AutoCloseable {

    /**
     * Registers {@code schema} under {@code subject}, or finds it if already there, and returns its id.
     *
     * @throws IncompatibleSchemaException if the subject's compatibility rule refuses it
     * @throws SchemaRegistryUnavailableException if the registry cannot be reached (retriable)
     */
    int register(String subject, Schema schema);

    /**
     * Returns the id of {@code schema} under {@code subject} without registering it.
     *
     * @throws SchemaNotFoundException if the subject does not hold this schema
     */
    int idOf(String subject, Schema schema);

    /**
     * Returns the schema with this id (the writer schema of a record).
     *
     * @throws SchemaNotFoundException if the registry knows no schema with this id
     */
    Schema schemaById(int id);

    /** Sets the compatibility rule the registry applies to new versions of {@code subject}. */
    void setCompatibility(String subject, Compatibility compatibility);

    /** The compatibility rule of {@code subject} (the registry's default if the subject has none of its own). */
    Compatibility compatibility(String subject);

    @Override
    default void close() {
    }
}
