package io.istgt.telemetry.collector.kafka;

/** Kafka did not answer an admin request in time, or refused it: the collector cannot check its topics. */
public final class KafkaUnavailableException extends Exception {

    private static final long serialVersionUID = 1L;

    public KafkaUnavailableException(String message) {
        super(message);
    }

    public KafkaUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
