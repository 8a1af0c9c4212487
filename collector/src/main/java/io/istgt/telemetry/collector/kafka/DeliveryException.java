package io.istgt.telemetry.collector.kafka;

/** Delivery cannot go on now (Kafka or the registry unreachable, a send failed): the drainer retries later. */
final class DeliveryException extends Exception {

    DeliveryException(String message, Throwable cause) {
        super(message, cause);
    }

    DeliveryException(String message) {
        super(message);
    }
}
