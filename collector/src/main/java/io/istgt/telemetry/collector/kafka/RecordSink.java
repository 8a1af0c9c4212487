package io.istgt.telemetry.collector.kafka;

import io.istgt.telemetry.collector.publish.PollRecords;
import java.time.Duration;

/**
 * Where the records of each poll go: {@link SpoolingRecordSink} writes them to the on-disk spool and delivers
 * the spool to Kafka.
 *
 * <p>Implementations never drop a record silently: a record they cannot deliver is kept for a later attempt,
 * or logged and counted.
 */
public interface RecordSink extends AutoCloseable {

    /**
     * Hands over the records of one poll of {@code target}, and records kept from its earlier polls. Returns
     * without waiting for delivery; does not throw for a failed delivery.
     */
    void publish(String target, PollRecords records);

    /** {@code target} is no longer polled: its kept records get one last attempt. */
    void targetRemoved(String target);

    /** Why the sink is not delivering now, or empty when it is. */
    java.util.Optional<String> notReadyReason();

    /** Delivers what it can within {@code timeout}, then releases everything; what is left is logged as lost. */
    void close(Duration timeout);

    @Override
    default void close() {
        close(Duration.ofSeconds(10));
    }
}
