package io.istgt.telemetry.collector.kafka;

import io.istgt.telemetry.schemas.KafkaRefusal;
import io.istgt.telemetry.collector.publish.RecordStream;
import io.istgt.telemetry.collector.spool.AvroCodec;
import io.istgt.telemetry.collector.spool.Checkpoint;
import io.istgt.telemetry.collector.spool.Fingerprint;
import io.istgt.telemetry.collector.spool.SpoolEntry;
import io.istgt.telemetry.collector.spool.SpoolLog;
import io.istgt.telemetry.collector.spool.SpooledRecord;
import io.istgt.telemetry.schemas.serde.SchemaRegistryException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the spool to Kafka, oldest entry first, in batches sent and acknowledged one at a time: a batch's
 * records are framed (registry), recorded as in flight in the checkpoint, sent, and all acknowledged before the
 * next batch goes. The spool is one log for every target, so each target's records reach Kafka in the order
 * they were polled; an idempotent producer keeps a batch's records in order per partition.
 *
 * <p>When anything fails the producer is closed (nothing of it can arrive later) and, once Kafka answers again,
 * a {@link DeliveryCheck} finds which records in flight got there; only the others are sent again. The same
 * check runs after a restart, for the records the checkpoint says were in flight: so a record reaches the topic
 * once, whatever happened to the collector. Over the size cap the oldest segment is dropped between batches,
 * its undelivered polls counted and recorded as gaps, announced on the next delivered poll of each target.
 */
final class SpoolDrainer {

    private static final Logger log = LoggerFactory.getLogger(SpoolDrainer.class);
    static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);
    static final Duration CHECK_TIMEOUT = Duration.ofSeconds(60);
    /**
     * The spool's bytes in one batch, held twice while it is sent (as read, and framed): 4 MiB, or a 32nd of the
     * heap if less (256 KiB at least). A sidecar's 16 MiB heap holds about 11 MiB of live data, and ran out of
     * memory delivering a batch of 2,000 records after an outage.
     */
    static long batchBytes(long maxHeapBytes) {
        return Math.clamp(maxHeapBytes / 32, 256L << 10, 4L << 20);
    }

    private record Send(SpoolEntry entry, int ordinal, String topic, byte[] key, byte[] value, String fingerprint) {
    }

    private final SpoolLog spool;
    private final DeliveryState state;
    private final KafkaClients clients;
    private final WireFramer framer;
    private final AvroCodec codec;
    private final Map<RecordStream, String> topics;
    private final long maxBytes;
    private final int batchRecords;
    private final long batchBytes;
    private final SinkListener listener;
    private final SendHealth health;
    private final ThrottledLog throttled;
    private final SpoolCounters counters;
    /** Targets whose gap notices ride on the batch being delivered: how many ranges each. */
    private final Map<String, Integer> pendingNotices = new HashMap<>();
    private Producer<byte[], byte[]> producer;
    private boolean topicsReady;

    SpoolDrainer(SpoolLog spool, DeliveryState state, KafkaClients clients, WireFramer framer, AvroCodec codec,
                 Map<RecordStream, String> topics, long maxBytes, int batchRecords, long batchBytes,
                 SinkListener listener, SendHealth health, ThrottledLog throttled, SpoolCounters counters) {
        this.spool = spool;
        this.state = state;
        this.clients = clients;
        this.framer = framer;
        this.codec = codec;
        this.topics = Map.copyOf(topics);
        this.maxBytes = maxBytes;
        this.batchRecords = batchRecords;
        this.batchBytes = batchBytes;
        this.listener = listener;
        this.health = health;
        this.throttled = throttled;
        this.counters = counters;
    }

    boolean connected() {
        return producer != null;
    }

    /** Everything appended so far is delivered (or given up) and nothing is in doubt. */
    boolean drained() {
        return state.acked >= spool.nextIndex() && state.inFlight.isEmpty();
    }

    /** What one {@link #deliverOnce} did. */
    enum Delivered {
        /** The spool held nothing to deliver. */
        NOTHING,
        /** A batch that took all the spool held. */
        PART_BATCH,
        /** A batch cut by its record or byte limit: more waits. */
        FULL_BATCH
    }

    /** Connects if needed (checking what an interrupted delivery left in doubt), then delivers one batch. */
    Delivered deliverOnce() throws DeliveryException, IOException, InterruptedException {
        if (producer == null) {
            connect();
        }
        List<SpoolEntry> entries = spool.read(state.acked, batchRecords, batchBytes);
        if (entries.isEmpty()) {
            state.persistIfChanged();
            return Delivered.NOTHING;
        }
        deliver(entries);
        return full(entries) ? Delivered.FULL_BATCH : Delivered.PART_BATCH;
    }

    /** Whether the batch reached a limit, where {@link SpoolLog#read} stops reading. */
    private boolean full(List<SpoolEntry> entries) {
        int records = 0;
        long size = 0;
        for (SpoolEntry e : entries) {
            records += e.records().size();
            size += e.recordBytes();
        }
        return records >= batchRecords || size >= batchBytes;
    }

    private void connect() throws DeliveryException, IOException, InterruptedException {
        if (!topicsReady) {
            try {
                clients.prepareTopics();
                topicsReady = true;
            } catch (KafkaUnavailableException e) {
                throw new DeliveryException("Kafka is unreachable: " + e.getMessage(), e);
            } catch (KafkaRefusedException e) {
                throw new DeliveryException(e.getMessage() + " (the records wait in the spool)", e);
            } catch (TopicConflictException e) {
                throw new DeliveryException("the topics cannot be used: " + e.getMessage(), e);
            }
        }
        DeliveryCheck check;
        try (Consumer<byte[], byte[]> consumer = clients.consumer()) {
            check = DeliveryCheck.run(consumer, topics.values(), state.watermarks, state.inFlight, PROBE_TIMEOUT,
                    CHECK_TIMEOUT);
        } catch (DeliveryException e) {
            Optional<String> refused = KafkaRefusal.describe(e, "read back topics " + String.join(", ",
                    topics.values().stream().sorted().toList()) + " (to find which records in flight arrived)", clients.principal());
            throw refused.isPresent() ? new DeliveryException(refused.get() + " (the records wait in the spool)", e) : e;
        }
        resolve(check);
        try {
            producer = clients.producer();
        } catch (KafkaException e) {
            throw new DeliveryException("cannot create the Kafka producer: " + e.getMessage(), e);
        }
        health.connected();
        log.info("delivering the spool to Kafka ({} records, {} MiB waiting)", counters.waiting(),
                spool.bytes() >> 20);
    }

    /** Records in flight found in Kafka are not sent again; those not found whose entry was dropped are gaps. */
    private void resolve(DeliveryCheck check) throws IOException {
        int found = 0;
        for (Checkpoint.InFlight f : state.inFlight) {
            boolean there = check.found().contains(f);
            if (there) {
                found++;
                counters.done(1);
                if (f.index() >= state.acked) {
                    state.present.add(new Checkpoint.Present(f.index(), f.ordinal()));
                }
            } else if (f.index() < state.acked) {
                // Its segment was dropped at the size cap while the outcome was unknown: it is gone.
                state.gaps.add(f.target(), f.run(), f.sequence());
                listener.dropped("spool_full", 1);
                counters.done(1);
            }
        }
        if (found > 0) {
            log.info("{} of {} records whose delivery was interrupted are in Kafka already: not sent again", found,
                    state.inFlight.size());
            listener.foundInKafka(found);
        }
        state.inFlight = List.of();
        state.watermarks.putAll(check.endOffsets());
        state.persist();
    }

    private void deliver(List<SpoolEntry> entries) throws DeliveryException, IOException, InterruptedException {
        List<Send> sends = frame(entries);
        state.inFlight = sends.stream().map(s -> new Checkpoint.InFlight(s.entry.index(), s.ordinal, s.entry.target(),
                s.entry.runStartedAtMillis(), s.entry.sequence(), s.fingerprint)).toList();
        state.persist();
        List<Future<RecordMetadata>> futures = new ArrayList<>(sends.size());
        try {
            for (Send s : sends) {
                health.sent();
                futures.add(producer.send(new ProducerRecord<>(s.topic, null, s.entry.collectedAtMillis(), s.key,
                        s.value)));
            }
        } catch (KafkaException e) {
            throw new DeliveryException("sending to Kafka failed: " + e.getMessage(), e);
        }
        awaitAll(entries, sends, futures);
    }

    /** The batch's records in the wire format, gap notices added; records known to be in Kafka left out. */
    private List<Send> frame(List<SpoolEntry> entries) throws DeliveryException, IOException {
        List<Send> sends = new ArrayList<>();
        Map<String, Integer> noticed = new HashMap<>();
        pendingNotices.clear();
        for (SpoolEntry e : entries) {
            List<Checkpoint.Gap> gaps = noticed.containsKey(e.target()) ? List.of() : state.gaps.of(e.target());
            if (!gaps.isEmpty()) {
                noticed.put(e.target(), gaps.size());
            }
            for (int i = 0; i < e.records().size(); i++) {
                if (state.isPresent(e.index(), i)) {
                    continue;
                }
                SpooledRecord r = gaps.isEmpty() ? e.records().get(i) : codec.withGaps(e.records().get(i), gaps);
                String topic = topics.get(r.stream());
                try {
                    byte[] key = framer.frame(topic, true, r.keySchema(), r.key());
                    byte[] value = framer.frame(topic, false, r.valueSchema(), r.value());
                    sends.add(new Send(e, i, topic, key, value, Fingerprint.of(topic, key, value)));
                } catch (SchemaRegistryException ex) {
                    if (ex.isRetriable()) {
                        throw new DeliveryException("the schema registry is unavailable: " + ex.getMessage(), ex);
                    }
                    // A refusal (credentials, permissions, an incompatible subject) is about the schema or the
                    // settings, not this record: every record of its kind would be refused alike, and fixing the
                    // registry or the settings makes them all deliverable. So they stay in the spool (its cap
                    // still applies) instead of being dropped one by one.
                    throw new DeliveryException("the schema registry refuses the records (fix the registry settings"
                            + " or the subject; the records wait in the spool): " + ex.getMessage(), ex);
                }
            }
        }
        noticed.forEach(pendingNotices::put);
        return sends;
    }

    private void awaitAll(List<SpoolEntry> entries, List<Send> sends, List<Future<RecordMetadata>> futures)
            throws DeliveryException, IOException, InterruptedException {
        long deadline = System.nanoTime() + SEND_TIMEOUT.toNanos();
        Exception failure = null;
        List<Checkpoint.InFlight> unknown = new ArrayList<>();
        for (int i = 0; i < sends.size(); i++) {
            Send s = sends.get(i);
            try {
                RecordMetadata m = futures.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                health.acknowledged();
                listener.delivered(s.topic);
                state.present.add(new Checkpoint.Present(s.entry.index(), s.ordinal));
                TopicPartition tp = new TopicPartition(m.topic(), m.partition());
                state.watermarks.merge(tp, m.offset() + 1, Math::max);
                counters.done(1);
            } catch (ExecutionException e) {
                Exception cause = e.getCause() instanceof Exception c ? c : e;
                listener.sendFailed(s.topic, cause.getClass().getSimpleName());
                health.failed(KafkaRefusal.describe(cause, "write to topic " + s.topic, clients.principal())
                        .orElse(cause.getClass().getSimpleName() + ": " + cause.getMessage()));
                if (cause instanceof RetriableException || cause instanceof org.apache.kafka.common.errors.TimeoutException) {
                    failure = failure == null ? cause : failure;
                    unknown.add(state.inFlight.get(i));
                } else if (cause instanceof AuthorizationException || cause instanceof AuthenticationException) {
                    // Missing ACLs or credentials: a setting to fix, not a record to give up. Held like an outage.
                    failure = failure == null ? new KafkaException(KafkaRefusal.describe(cause, "write to topic "
                            + s.topic, clients.principal()).orElseThrow() + " (the records wait in the spool)", cause)
                            : failure;
                    unknown.add(state.inFlight.get(i));
                } else {
                    log.error("Kafka refused record {} of poll {} of {} to {}: {}; dropped, sending it again cannot"
                            + " help", s.ordinal, s.entry.sequence(), s.entry.target(), s.topic, cause.getMessage());
                    state.present.add(new Checkpoint.Present(s.entry.index(), s.ordinal));
                    listener.dropped("rejected", 1);
                    counters.done(1);
                }
            } catch (TimeoutException e) {
                failure = failure == null ? e : failure;
                unknown.add(state.inFlight.get(i));
            }
        }
        if (failure != null) {
            state.inFlight = List.copyOf(unknown);
            state.persist();
            throw new DeliveryException(unknown.size() + " of " + sends.size() + " records were not acknowledged: "
                    + failure.getMessage(), failure);
        }
        state.inFlight = List.of();
        pendingNotices.forEach(state.gaps::announced);
        pendingNotices.clear();
        // Every record of the batch is in Kafka (or given up): the batch's entries are done.
        state.ackedUpTo(entries.getLast().index() + 1);
        spool.deleteBelow(state.acked);
        listener.spoolSize(counters.waiting(), spool.bytes());
    }

    /** Drops the oldest segments while the spool is over its cap; the polls lost become gaps. */
    void dropOverCap() throws IOException {
        while (spool.bytes() > maxBytes) {
            List<SpoolLog.DroppedEntry> entries = spool.peekOldest();
            if (entries.isEmpty() && spool.bytes() > maxBytes) {
                spool.deleteOldest();
                continue;
            }
            java.util.Set<Long> inFlight = new java.util.HashSet<>();
            state.inFlight.forEach(f -> inFlight.add(f.index()));
            int records = 0;
            Map<String, long[]> ranges = new HashMap<>();
            long last = state.acked;
            for (SpoolLog.DroppedEntry d : entries) {
                last = Math.max(last, d.index() + 1);
                if (d.index() < state.acked || inFlight.contains(d.index())) {
                    continue;
                }
                int lost = d.records() - state.presentIn(d.index());
                if (lost > 0) {
                    state.gaps.add(d.target(), d.runStartedAtMillis(), d.sequence());
                    records += lost;
                    ranges.computeIfAbsent(d.target(), t -> new long[] {d.sequence(), d.sequence()})[1] = d.sequence();
                }
            }
            state.ackedUpTo(last);
            state.persist();
            spool.deleteOldest();
            if (records > 0) {
                listener.dropped("spool_full", records);
                counters.done(records);
                throttled.warn("spool-full", "the spool in " + spool.directory() + " is over its cap of "
                        + (maxBytes >> 20) + " MiB: dropped its oldest " + records + " records, polls of "
                        + ranges.size() + " targets (e.g. " + ranges.entrySet().iterator().next().getKey() + " "
                        + ranges.entrySet().iterator().next().getValue()[0] + ".."
                        + ranges.entrySet().iterator().next().getValue()[1] + "); consumers get a gap notice", null);
            }
            listener.spoolSize(counters.waiting(), spool.bytes());
        }
    }

    /** After a failure: closes the producer at once, so that nothing it still holds reaches Kafka later. */
    void disconnect() {
        health.abandoned();
        if (producer != null) {
            try {
                producer.close(Duration.ZERO);
            } catch (KafkaException e) {
                log.debug("closing the producer after a failure failed", e);
            }
            producer = null;
        }
    }

    void close(Duration timeout) {
        if (producer != null) {
            try {
                producer.close(timeout);
            } catch (KafkaException e) {
                log.warn("closing the Kafka producer failed", e);
            }
            producer = null;
        }
        try {
            state.persistIfChanged();
        } catch (IOException e) {
            log.error("cannot write the spool checkpoint at shutdown; the next start checks Kafka for what was sent", e);
        }
    }
}
