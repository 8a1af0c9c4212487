package io.istgt.telemetry.schemas.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * Bytes that are not a Confluent wire-format Avro record (bad magic byte, too short, or a body that does not
 * decode with its writer schema): a poison record, never retriable.
 */
public class WireFormatException extends SerializationException {

    private static final long serialVersionUID = 1L;

    public WireFormatException(String message) {
        super(message);
    }

    public WireFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
