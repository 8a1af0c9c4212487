package io.istgt.telemetry.schemas.serde;

/**
 * The registry does not know the schema id a record names, or (auto-registration off) the subject lacks the
 * schema: not retriable.
 */
public class SchemaNotFoundException extends SchemaRegistryException {

    private static final long serialVersionUID = 1L;

    public SchemaNotFoundException(String message) {
        super(message);
    }
}
