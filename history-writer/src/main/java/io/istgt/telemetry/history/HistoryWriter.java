package io.istgt.telemetry.history;

import io.istgt.telemetry.schemas.serde.SchemaRegistryClient;
import io.istgt.telemetry.schemas.serde.SchemaRegistryException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies the live status topics into the history topics as blocks of consecutive records of one key (see
 * {@link io.istgt.telemetry.schemas.history.HistoryBlocks}): the form the broker keeps for a year at a small
 * fraction of the live topics' bytes, while the live topics keep only days.
 *
 * <p>A plain consumer and producer rather than Kafka Streams: an open block would live in a state store whose
 * changelog gets the whole growing block on every commit, writing more bytes than the history saves.
 *
 * <p>Delivery is at least once, and no record is lost: offsets are committed only up to the first record of
 * the oldest block not yet written and acknowledged, per partition. After a crash the records from there are read
 * again, so a block may repeat records an earlier block of its key already holds; readers skip, per key, records
 * not later than the last they took. A graceful stop, or partitions moving to another instance, writes the open
 * blocks first and so repeats nothing.
 *
 * <p>Bad input costs only itself: a record that does not decode is logged with its topic, partition and offset and
 * skipped. A registry or broker outage stops nothing for good: the writer backs off (1 s, doubling up to 30 s) and
 * reads or sends again; while blocks wait to be sent again it reads no further, so an outage costs no memory. It
 * tells a {@link HistoryWriterListener} each failure and when it is over; an unexpected error (a bug) stops the
 * writer, and the listener hears why.
 */
public final class HistoryWriter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HistoryWriter.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration COMMIT_EVERY = Duration.ofSeconds(5);

    private final Consumer<byte[], byte[]> consumer;
    private final Producer<byte[], byte[]> producer;
    private final Map<String, Lane<?, ?, ?>> lanesByLiveTopic = new HashMap<>();
    /** Closed blocks not yet acknowledged by the broker: they hold back the commit like open ones. */
    private final List<Unwritten> unwritten = new ArrayList<>();
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final Thread thread;
    private final HistoryWriterListener listener;
    private long lastCommitNanos = System.nanoTime();
    private long recordsSkipped;
    private final FailureRun failureRun = new FailureRun();
    private long backoffMillis;

    private HistoryWriter(HistorySettings history, Map<String, Object> settings, SchemaRegistryClient registry,
                          HistoryWriterListener listener) {
        this.listener = listener;
        for (HistoryKind<?, ?, ?> kind : List.of(history.volumes(), history.replicas())) {
            lanesByLiveTopic.put(kind.liveTopic(), new Lane<>(kind, history.blocks(), registry, settings));
        }
        this.consumer = new KafkaConsumer<>(WriterClients.consumer(history.groupId(), settings));
        this.producer = new KafkaProducer<>(WriterClients.producer(settings));
        this.thread = new Thread(this::run, "istgt-history-writer");
    }

    /**
     * Starts the writer on its own thread.
     *
     * @param history  what to copy, in blocks of which limits, under which consumer group
     * @param settings the client and serde settings: bootstrap.servers and any client keys (security.protocol,
     *                 ssl.*, sasl.*) pass to the writer's consumer and producer, serde keys to its serdes; other
     *                 keys are left out
     * @param registry the registry client (the caller closes it after this writer)
     */
    public static HistoryWriter start(HistorySettings history, Map<String, Object> settings,
                                      SchemaRegistryClient registry) {
        return start(history, settings, registry, HistoryWriterListener.NONE);
    }

    /**
     * Starts the writer on its own thread, telling {@code listener} its progress and failures.
     *
     * @see #start(HistorySettings, Map, SchemaRegistryClient)
     */
    public static HistoryWriter start(HistorySettings history, Map<String, Object> settings,
                                      SchemaRegistryClient registry, HistoryWriterListener listener) {
        HistoryWriter writer = new HistoryWriter(history, settings, registry, listener);
        writer.thread.start();
        log.info("history writer running: {} -> {}", writer.lanesByLiveTopic.keySet(),
                writer.lanesByLiveTopic.values().stream().map(l -> l.kind.historyTopic()).toList());
        return writer;
    }

    /** Writes the open blocks, commits and stops. */
    @Override
    public void close() {
        stopping.countDown();
        consumer.wakeup();
        try {
            thread.join(Duration.ofSeconds(60));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        Optional<Throwable> cause = Optional.empty();
        consumer.subscribe(lanesByLiveTopic.keySet(), new Rebalance());
        try {
            while (stopping.getCount() > 0) {
                try {
                    if (cycle()) {
                        worked(WriterFailure.Kind.REGISTRY);
                    } else {
                        stopping.await(backoffMillis, TimeUnit.MILLISECONDS);
                    }
                } catch (WakeupException e) {
                    break;
                } catch (KafkaException e) {
                    // Broker or authorization trouble: say so, wait and try again; nothing read is committed past.
                    failed(WriterFailure.Kind.BROKER, e.getMessage() == null ? e.getClass().getName() : e.getMessage());
                    stopping.await(backoffMillis, TimeUnit.MILLISECONDS);
                }
            }
            lanesByLiveTopic.values().forEach(lane -> closed(lane.blocks.closeFrom(tp -> true), lane));
            sendUnsent();
            try {
                commit();
            } catch (WakeupException e) {
                commit(); // the wakeup of close() had not been taken by a poll yet
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            cause = Optional.of(e);
            log.error("history writer stopped: the open blocks were not written and will be read again at the next"
                    + " start", e);
        } finally {
            try {
                // The consumer first: leaving the group revokes its partitions, which commits.
                consumer.close(Duration.ofSeconds(30));
                producer.close(Duration.ofSeconds(30));
            } finally {
                listener.stopped(cause);
            }
        }
    }

    /** Tells the listener and the log of a failure to back off from, and sets the back-off. */
    private void failed(WriterFailure.Kind kind, String message) {
        backoffMillis = failureRun.failed(kind);
        log.warn("history writer: {}; trying again in {} ms", message, backoffMillis);
        listener.retrying(new WriterFailure(kind, message));
    }

    /** Tells the listener and the log when {@code kind} working again ends the run of failures. */
    private void worked(WriterFailure.Kind kind) {
        int failures = failureRun.failures();
        if (failureRun.worked(kind)) {
            log.info("history writer: working again after {} failure(s)", failures);
            listener.recovered();
        }
    }

    /** One poll, its records into blocks, closed blocks sent, offsets committed when due; false to back off. */
    private boolean cycle() {
        readOnlyWhenAllSent();
        ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
        long now = System.nanoTime();
        boolean registryReachable = true;
        for (TopicPartition tp : records.partitions()) {
            Lane<?, ?, ?> lane = lanesByLiveTopic.get(tp.topic());
            if (!registryReachable) {
                consumer.seek(tp, records.records(tp).getFirst().offset()); // read again after the back-off
                continue;
            }
            int taken = 0;
            for (ConsumerRecord<byte[], byte[]> record : records.records(tp)) {
                try {
                    closed(lane.add(record, now), lane);
                    taken++;
                } catch (SchemaRegistryException e) {
                    if (!e.isRetriable()) {
                        skip(record, e);
                        continue;
                    }
                    // Read it again once the registry answers; the records before it are in their blocks.
                    consumer.seek(tp, record.offset());
                    registryReachable = false;
                    failed(WriterFailure.Kind.REGISTRY, "cannot decode " + tp.topic() + "-" + tp.partition() + "@"
                            + record.offset() + ": " + e.getMessage());
                    break;
                } catch (SerializationException e) {
                    skip(record, e);
                }
            }
            if (taken > 0) {
                listener.recordsRead(tp.topic(), taken);
            }
        }
        lanesByLiveTopic.values().forEach(lane -> closed(lane.blocks.closeIdle(now), lane));
        boolean sent = sendUnsent();
        // Not after every send: the flush a commit needs would cut the producer's batches short.
        if (now - lastCommitNanos >= COMMIT_EVERY.toNanos()) {
            commit();
            reportRecordsBehind();
        }
        return registryReachable && sent;
    }

    /**
     * Reads on only while no block waits to be sent again: during an outage the records stay in Kafka, not in
     * memory, and the writer's lag shows how far behind it is.
     */
    private void readOnlyWhenAllSent() {
        if (unwritten.stream().anyMatch(u -> u.sent == null)) {
            consumer.pause(consumer.assignment());
        } else if (!consumer.paused().isEmpty()) {
            consumer.resume(consumer.paused());
        }
    }

    /** Per live topic, the records in its assigned partitions past the writer's position (their end offsets asked). */
    private void reportRecordsBehind() {
        Set<TopicPartition> assigned = consumer.assignment();
        Map<String, Long> behind = new HashMap<>();
        lanesByLiveTopic.keySet().forEach(topic -> behind.put(topic, 0L));
        consumer.endOffsets(assigned, COMMIT_EVERY).forEach((tp, end) ->
                behind.merge(tp.topic(), Math.max(0, end - consumer.position(tp)), Long::sum));
        behind.forEach(listener::recordsBehind);
    }

    private void skip(ConsumerRecord<byte[], byte[]> record, SerializationException e) {
        listener.recordSkipped(record.topic());
        recordsSkipped++;
        log.error("history writer: skipped {}-{}@{} ({} skipped so far), it does not decode: {}", record.topic(),
                record.partition(), record.offset(), recordsSkipped, e.getMessage());
    }

    private void closed(List<? extends BlockBuffer.Block<?, ?>> blocks, Lane<?, ?, ?> lane) {
        blocks.forEach(b -> unwritten.add(new Unwritten(lane, b)));
    }

    /** Sends the blocks not sent yet, in order; false if the registry or the producer refused one. */
    private boolean sendUnsent() {
        for (Unwritten u : unwritten) {
            if (u.sent != null) {
                continue;
            }
            try {
                u.sent = producer.send(u.lane.record(u.block));
            } catch (KafkaException e) { // the registry (a SerializationException) or the producer
                failed(e instanceof SerializationException ? WriterFailure.Kind.REGISTRY : WriterFailure.Kind.BROKER,
                        "cannot send a block of " + u.block.key() + " to " + u.lane.kind.historyTopic() + ": "
                                + e.getMessage());
                return false;
            }
        }
        return true;
    }

    /**
     * Waits for the blocks sent, forgets those the broker acknowledged (a failed one is sent again), then commits
     * each partition up to the first record of its oldest block still open or unacknowledged.
     */
    private void commit() {
        producer.flush();
        for (Iterator<Unwritten> it = unwritten.iterator(); it.hasNext(); ) {
            Unwritten u = it.next();
            if (u.sent == null) {
                continue;
            }
            try {
                u.sent.get();
                it.remove();
                listener.blockWritten(u.lane.kind.historyTopic(), u.block.records().size());
            } catch (ExecutionException e) {
                failed(WriterFailure.Kind.BROKER, "a block of " + u.block.key() + " was not written to "
                        + u.lane.kind.historyTopic() + ": " + e.getCause().getMessage());
                u.sent = null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        Set<TopicPartition> assigned = consumer.assignment();
        Map<TopicPartition, Long> safe = new HashMap<>();
        for (TopicPartition tp : assigned) {
            safe.put(tp, consumer.position(tp));
        }
        BlockOffsets holdBack = (tp, offset) -> safe.computeIfPresent(tp, (k, v) -> Math.min(v, offset));
        lanesByLiveTopic.values().forEach(lane -> lane.blocks.forEachFirstOffset(holdBack::accept));
        unwritten.forEach(u -> holdBack.accept(u.block.source(), u.block.firstOffset()));
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        safe.forEach((tp, offset) -> offsets.put(tp, new OffsetAndMetadata(offset)));
        consumer.commitSync(offsets);
        lastCommitNanos = System.nanoTime();
        if (unwritten.isEmpty()) {
            worked(WriterFailure.Kind.BROKER);
        }
    }

    @FunctionalInterface
    private interface BlockOffsets {
        void accept(TopicPartition source, long firstOffset);
    }

    /** Partitions moving to another instance: write their blocks and commit, so it starts where this one ends. */
    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            lanesByLiveTopic.values().forEach(lane -> closed(lane.blocks.closeFrom(partitions::contains), lane));
            try {
                sendUnsent();
                commit();
            } catch (KafkaException e) {
                log.warn("history writer: could not commit before a rebalance ({}); the next owner of {} reads"
                        + " some records again", e.getMessage(), partitions);
            }
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            lanesByLiveTopic.values().forEach(lane -> lane.blocks.dropFrom(partitions::contains));
        }
    }

    private static final class Unwritten {
        final Lane<?, ?, ?> lane;
        final BlockBuffer.Block<?, ?> block;
        Future<RecordMetadata> sent;

        Unwritten(Lane<?, ?, ?> lane, BlockBuffer.Block<?, ?> block) {
            this.lane = lane;
            this.block = block;
        }
    }
}
