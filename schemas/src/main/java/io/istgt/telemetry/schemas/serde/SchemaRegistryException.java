package io.istgt.telemetry.schemas.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * A schema registry refused or failed a request. A {@link SerializationException}, so code catching that from
 * {@code send()} or a Streams deserialization handler sees it; whether to retry is told by the type:
 * {@link SchemaRegistryUnavailableException} is retriable, every other subclass is not.
 */
public class SchemaRegistryException extends SerializationException {

    private static final long serialVersionUID = 1L;

    public SchemaRegistryException(String message) {
        super(message);
    }

    public SchemaRegistryException(String message, Throwable cause) {
        super(message, cause);
    }

    /** True when the same request may succeed later unchanged (the registry was down or overloaded). */
    public boolean isRetriable() {
        return false;
    }
}
