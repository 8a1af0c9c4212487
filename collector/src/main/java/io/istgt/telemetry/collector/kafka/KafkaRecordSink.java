package io.istgt.telemetry.collector.kafka;

import io.istgt.telemetry.collector.publish.OutboundRecord;
import io.istgt.telemetry.collector.publish.PollRecords;
import io.istgt.telemetry.collector.publish.RecordStream;
import io.istgt.telemetry.schemas.ReplicaStatus;
import io.istgt.telemetry.schemas.VolumeStatus;
import io.istgt.telemetry.schemas.serde.SchemaRegistryException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each poll's records to Kafka. The producer retries a failed send itself (up to its delivery timeout);
 * a send that finally fails with a retriable error, or that the serializer refuses synchronously because the
 * schema registry is down, is logged, counted and kept in a {@link RetryBuffer} for the target's next poll,
 * which sends it again before its own records. A non-retriable failure (a record too large, an incompatible
 * schema, no authorization) is logged as an error and counted as dropped: sending it again cannot help.
 *
 * <p>Sends run on one sender thread, never on a poll's: while Kafka is down the producer's {@code send} blocks
 * up to {@code max.block.ms} waiting for metadata, which must not hold up polling. Once a send of a batch timed
 * out that way, the batch's other records for that topic go straight to the retry buffer. Batches waiting for
 * the sender are bounded too: past {@value #MAX_QUEUED_BATCHES}, a poll's records go to the retry buffer.
 */
public final class KafkaRecordSink implements RecordSink {

    private static final Logger log = LoggerFactory.getLogger(KafkaRecordSink.class);
    static final int MAX_QUEUED_BATCHES = 1000;

    private final Producer<SpecificRecord, SpecificRecord> producer;
    private final Map<RecordStream, String> topics;
    private final RetryBuffer retry;
    private final SinkListener listener;
    private final SendHealth health;
    private final ThrottledLog failures;
    private final ThreadPoolExecutor sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(MAX_QUEUED_BATCHES), r -> Thread.ofPlatform().daemon().name("kafka-sender")
            .unstarted(r));

    /**
     * @param retryCapacityPerTarget records kept per target for resending (the newest)
     * @param stallAfter             how long records may wait for Kafka with no acknowledgement before the sink
     *                               says it is not ready
     */
    public KafkaRecordSink(Producer<SpecificRecord, SpecificRecord> producer, Map<RecordStream, String> topics,
                           int retryCapacityPerTarget, SinkListener listener, InstantSource clock, Duration stallAfter) {
        this.producer = Objects.requireNonNull(producer, "producer");
        this.topics = Map.copyOf(topics);
        this.retry = new RetryBuffer(retryCapacityPerTarget);
        this.listener = Objects.requireNonNull(listener, "listener");
        this.health = new SendHealth(clock, stallAfter);
        this.failures = new ThrottledLog(log, clock, Duration.ofSeconds(10));
        for (RecordStream s : RecordStream.values()) {
            Objects.requireNonNull(this.topics.get(s), () -> "no topic for the " + s + " records");
        }
    }

    @Override
    public void publish(String target, PollRecords records) {
        List<OutboundRecord> batch = new ArrayList<>(retry.drain(target));
        int resent = batch.size();
        batch.addAll(records.all());
        if (resent > 0) {
            log.info("sending again {} records of {} kept from earlier polls", resent, target);
        }
        try {
            sender.execute(() -> sendBatch(target, batch));
        } catch (RejectedExecutionException e) {
            failures.warn("queue", MAX_QUEUED_BATCHES + " batches wait for Kafka already: the records of " + target
                    + " are kept to send at its next poll", null);
            batch.forEach(r -> keep(target, r));
            listener.retryBufferSize(retry.size());
        }
    }

    private void sendBatch(String target, List<OutboundRecord> batch) {
        Set<String> unavailable = new HashSet<>();
        for (OutboundRecord r : batch) {
            String topic = topics.get(r.stream());
            if (unavailable.contains(topic)) {
                keep(target, r);
            } else if (!send(target, r)) {
                unavailable.add(topic);
            }
        }
        listener.retryBufferSize(retry.size());
    }

    /** Sends one record; false when the producer gave up on it at once (no metadata within max.block.ms). */
    private boolean send(String target, OutboundRecord record) {
        String topic = topics.get(record.stream());
        ProducerRecord<SpecificRecord, SpecificRecord> pr = new ProducerRecord<>(topic, null,
                collectedAtMillis(record), record.key(), record.value());
        health.sent();
        Future<?> sent;
        try {
            sent = producer.send(pr, (metadata, error) -> {
                if (error == null) {
                    health.acknowledged();
                    listener.delivered(topic);
                } else {
                    health.failed(describe(error));
                    failed(target, topic, record, error);
                }
            });
        } catch (RuntimeException e) {
            // Thrown by send itself: the serializer (schema registry down or refusing the schema, or Avro refusing
            // a class), or a bug. Handled here: an exception escaping would end the sender thread's task, and its
            // batch with it.
            health.failed(describe(e));
            failed(target, topic, record, e);
            return true;
        }
        return !(sent.isDone() && failedWithTimeout(sent));
    }

    private static boolean failedWithTimeout(Future<?> done) {
        try {
            done.get();
            return false;
        } catch (ExecutionException e) {
            return e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Keeps a record that was not tried, as if its send had failed retriably. */
    private void keep(String target, OutboundRecord record) {
        int dropped = retry.add(target, record);
        if (dropped > 0) {
            listener.dropped("buffer_full", dropped);
        }
    }

    private void failed(String target, String topic, OutboundRecord record, Exception error) {
        listener.sendFailed(topic, error.getClass().getSimpleName());
        String what = "record " + record.key() + " of " + target + " (sequence " + sequence(record) + ") to topic "
                + topic;
        if (retriable(error)) {
            failures.warn(topic + "/" + error.getClass().getName(), "could not send " + what + ": "
                    + error.getMessage() + "; kept to send again at the target's next poll", null);
            int dropped = retry.add(target, record);
            if (dropped > 0) {
                listener.dropped("buffer_full", dropped);
                failures.warn("full/" + target, "retry buffer of " + target + " is full ("
                        + retry.capacityPerTarget() + " records): dropped its oldest record", null);
            }
            listener.retryBufferSize(retry.size());
        } else {
            log.error("Kafka or the schema registry refused {}: {}; dropped, sending it again cannot help", what,
                    error.getMessage(), error);
            listener.dropped("rejected", 1);
        }
    }

    static boolean retriable(Exception error) {
        return error instanceof RetriableException
                || (error instanceof SchemaRegistryException registry && registry.isRetriable());
    }

    @Override
    public void targetRemoved(String target) {
        List<OutboundRecord> kept = retry.drain(target);
        if (!kept.isEmpty()) {
            log.info("{} is no longer polled: sending its {} kept records one last time", target, kept.size());
            // Whatever fails now is kept under the target again, to be reported as lost at shutdown.
            try {
                sender.execute(() -> sendBatch(target, kept));
            } catch (RejectedExecutionException e) {
                kept.forEach(r -> keep(target, r));
            }
        }
        listener.retryBufferSize(retry.size());
    }

    /** Waits until the sender has handled every batch handed over so far (tests). */
    void awaitSent() throws InterruptedException, ExecutionException {
        sender.submit(() -> { }).get();
    }

    @Override
    public Optional<String> notReadyReason() {
        return health.notReadyReason();
    }

    @Override
    public void close(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        sender.shutdown();
        try {
            if (!sender.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("batches still being sent after {}; stopping the sender", timeout);
                sender.shutdownNow();
            }
        } catch (InterruptedException e) {
            sender.shutdownNow();
            Thread.currentThread().interrupt();
        }
        try {
            producer.close(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        } catch (KafkaException e) {
            log.error("closing the Kafka producer failed", e);
        }
        Map<String, List<OutboundRecord>> lost = retry.drainAll();
        int count = lost.values().stream().mapToInt(List::size).sum();
        if (count > 0) {
            log.error("{} records could not be delivered before shutdown and are lost (targets {})", count,
                    lost.keySet());
            listener.dropped("shutdown", count);
        }
        listener.retryBufferSize(0);
    }

    private static String describe(Exception e) {
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private static Long collectedAtMillis(OutboundRecord r) {
        return switch (r) {
            case OutboundRecord.Volume v -> v.value().getMetadata().getCollectedAt().toEpochMilli();
            case OutboundRecord.Replica p -> p.value().getMetadata().getCollectedAt().toEpochMilli();
        };
    }

    private static long sequence(OutboundRecord r) {
        return switch (r.value()) {
            case VolumeStatus v -> v.getMetadata().getSequence();
            case ReplicaStatus p -> p.getMetadata().getSequence();
            default -> -1;
        };
    }
}
