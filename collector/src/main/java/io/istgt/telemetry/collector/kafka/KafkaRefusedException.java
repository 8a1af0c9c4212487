package io.istgt.telemetry.collector.kafka;

/**
 * Kafka answered, and refused the collector: an ACL is missing, or its credentials or certificate are not accepted.
 * Not an outage: the message names the principal and what was refused (see {@code KafkaRefusal}), and the records
 * wait in the spool until a setting or a grant fixes it.
 */
public final class KafkaRefusedException extends Exception {

    private static final long serialVersionUID = 1L;

    public KafkaRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
