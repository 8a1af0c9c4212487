package io.istgt.telemetry.schemas.serde;

/**
 * The registry could not be reached (connection refused, timeout) or answered 5xx: retriable, nothing is wrong
 * with the record or its schema.
 */
public class SchemaRegistryUnavailableException extends SchemaRegistryException {

    private static final long serialVersionUID = 1L;

    public SchemaRegistryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public SchemaRegistryUnavailableException(String message) {
        super(message);
    }

    @Override
    public boolean isRetriable() {
        return true;
    }
}
