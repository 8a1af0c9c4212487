package io.istgt.telemetry.collector.kafka;

import io.istgt.telemetry.collector.publish.OutboundRecord;
import io.istgt.telemetry.collector.publish.PollRecords;
import io.istgt.telemetry.collector.publish.RecordStream;
import io.istgt.telemetry.collector.spool.AvroCodec;
import io.istgt.telemetry.collector.spool.Checkpoint;
import io.istgt.telemetry.collector.spool.CheckpointStore;
import io.istgt.telemetry.collector.spool.SchemaStore;
import io.istgt.telemetry.collector.spool.SpoolLog;
import io.istgt.telemetry.collector.spool.SpooledRecord;
import io.istgt.telemetry.schemas.CollectionMetadata;
import io.istgt.telemetry.schemas.ReplicaStatus;
import io.istgt.telemetry.schemas.VolumeStatus;
import io.istgt.telemetry.schemas.serde.SchemaRegistryClient;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes every poll's records to the on-disk spool first, and delivers the spool to Kafka on its own thread
 * ({@link SpoolDrainer}): polling never waits for Kafka or the registry, and what was polled survives a Kafka or
 * registry outage, a collector restart and a kill -9. The spool keeps the records as Avro binary with their
 * schema's fingerprint; the registry's id is added when they are delivered.
 *
 * <pre>{@code
 * SpoolingRecordSink sink = SpoolingRecordSink.open(new SpoolingRecordSink.Settings(dir, 1L << 30,
 *         Duration.ofSeconds(1)), clients, registryClient, registrySettings, topics, metrics, clock, stallAfter);
 * sink.publish(target, records);
 * sink.close(Duration.ofSeconds(10));   // delivers what it can in 10 s; the rest stays in the spool
 * }</pre>
 */
public final class SpoolingRecordSink implements RecordSink {

    private static final Logger log = LoggerFactory.getLogger(SpoolingRecordSink.class);
    private static final Duration MIN_BACKOFF = Duration.ofMillis(500);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    /**
     * How the spool is cut into batches for Kafka.
     *
     * @param records at most this many records in a batch
     * @param bytes   at most about this many spool bytes in a batch (the entry that crosses it is the last)
     * @param gather  how long a batch that was not full lets the next one gather, from its own start: see
     *                {@link #gather}
     */
    record Batching(int records, long bytes, Duration gather) {
        /** 2,000 records, a 32nd of the heap in bytes (within 256 KiB..4 MiB), 50 ms. */
        static final Batching DEFAULT = new Batching(2000,
                SpoolDrainer.batchBytes(Runtime.getRuntime().maxMemory()), Duration.ofMillis(50));
    }

    /**
     * @param dir           the spool directory (created if missing; one collector per directory)
     * @param maxBytes      the size cap: over it the oldest entries are dropped
     * @param fsyncInterval how late an append may reach the disk (a kill -9 loses nothing; a machine crash this)
     */
    public record Settings(Path dir, long maxBytes, Duration fsyncInterval) {
        /** Segment files of a sixteenth of the cap, within 64 KiB..64 MiB: the unit dropped at the cap. */
        long segmentBytes() {
            return Math.clamp(maxBytes / 16, 64L << 10, 64L << 20);
        }
    }

    private final Settings settings;
    private final SpoolLog spool;
    private final AvroCodec codec;
    private final SpoolDrainer drainer;
    private final SinkListener listener;
    private final SendHealth health;
    private final ThrottledLog throttled;
    private final SpoolCounters counters;
    private final WireFramer framer;
    private final Batching batching;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    /** Signalled when the drainer must not wait for a batch to gather: closing, or the spool over its cap. */
    private final Condition urgent = lock.newCondition();
    private boolean signalled;
    private volatile boolean stopping;
    private volatile boolean overCap;
    private volatile long stopDeadline;
    private final Thread drainThread;
    private final Thread fsyncThread;

    private SpoolingRecordSink(Settings settings, SpoolLog spool, AvroCodec codec, SpoolDrainer drainer,
                               SinkListener listener, SendHealth health, ThrottledLog throttled, SpoolCounters counters,
                               WireFramer framer, Batching batching) {
        this.settings = settings;
        this.spool = spool;
        this.codec = codec;
        this.drainer = drainer;
        this.listener = listener;
        this.health = health;
        this.throttled = throttled;
        this.counters = counters;
        this.framer = framer;
        this.batching = batching;
        this.drainThread = Thread.ofPlatform().daemon().name("spool-drainer").unstarted(this::drainLoop);
        this.fsyncThread = Thread.ofPlatform().daemon().name("spool-fsync").unstarted(this::fsyncLoop);
    }

    /**
     * Opens the spool (recovering what a previous run left) and starts delivering it.
     *
     * @throws IOException naming the directory when the spool cannot be used
     */
    public static SpoolingRecordSink open(Settings settings, KafkaClients clients, SchemaRegistryClient registry,
                                          Map<String, ?> registrySettings, Map<RecordStream, String> topics,
                                          SinkListener listener, InstantSource clock, Duration stallAfter)
            throws IOException {
        return open(settings, clients, registry, registrySettings, topics, listener, clock, stallAfter,
                Batching.DEFAULT);
    }

    /** The first entry index the checkpoint says nothing about: past what it counts as delivered, in flight or present. */
    static long firstIndexNotCounted(Checkpoint checkpoint) {
        long first = checkpoint.acked();
        for (Checkpoint.InFlight f : checkpoint.inFlight()) {
            first = Math.max(first, f.index() + 1);
        }
        for (Checkpoint.Present p : checkpoint.present()) {
            first = Math.max(first, p.index() + 1);
        }
        return first;
    }

    static SpoolingRecordSink open(Settings settings, KafkaClients clients, SchemaRegistryClient registry,
                                   Map<String, ?> registrySettings, Map<RecordStream, String> topics,
                                   SinkListener listener, InstantSource clock, Duration stallAfter, Batching batching)
            throws IOException {
        SpoolLog spool = SpoolLog.open(settings.dir(), settings.segmentBytes());
        try {
            SchemaStore schemas = SchemaStore.open(settings.dir());
            CheckpointStore store = new CheckpointStore(settings.dir());
            Checkpoint checkpoint = store.read().orElse(Checkpoint.EMPTY);
            long lost = spool.numberFrom(firstIndexNotCounted(checkpoint));
            if (lost > 0) {
                log.warn("the spool in {} ends {} entries below what its checkpoint counts as delivered or in flight:"
                        + " a machine crash lost its last appends (those not yet forced to disk, at most"
                        + " spool-fsync-interval of polls); new entries are numbered after them so none is taken for"
                        + " delivered", settings.dir(), lost);
            }
            DeliveryState state = new DeliveryState(store, checkpoint);
            SpoolCounters counters = new SpoolCounters(
                    spool.countRecordsFrom(state.acked) - state.present.size());
            if (spool.skippedStretches() > 0) {
                listener.damaged(spool.skippedStretches());
            }
            SendHealth health = new SendHealth(clock, stallAfter);
            ThrottledLog throttled = new ThrottledLog(log, clock, Duration.ofSeconds(10));
            AvroCodec codec = new AvroCodec(schemas);
            WireFramer framer = new WireFramer(registry, schemas, registrySettings);
            SpoolDrainer drainer = new SpoolDrainer(spool, state, clients, framer, codec, topics, settings.maxBytes(),
                    batching.records(), batching.bytes(), listener, health, throttled, counters);
            SpoolingRecordSink sink = new SpoolingRecordSink(settings, spool, codec, drainer, listener, health,
                    throttled, counters, framer, batching);
            listener.spoolSize(counters.waiting(), spool.bytes());
            if (counters.waiting() > 0 || !checkpoint.inFlight().isEmpty()) {
                log.info("the spool in {} holds {} undelivered records ({} MiB) from an earlier run; {} were in"
                        + " flight", settings.dir(), counters.waiting(), spool.bytes() >> 20,
                        checkpoint.inFlight().size());
            }
            sink.drainThread.start();
            sink.fsyncThread.start();
            return sink;
        } catch (IOException | RuntimeException e) {
            spool.close();
            throw e;
        }
    }

    @Override
    public void publish(String target, PollRecords records) {
        if (records.size() == 0) {
            return;
        }
        List<OutboundRecord> all = records.all();
        CollectionMetadata m = metadata(all.getFirst());
        try {
            List<SpooledRecord> spooled = new ArrayList<>(all.size());
            for (OutboundRecord r : all) {
                spooled.add(codec.encode(r));
            }
            spool.append(target, m.getCollectorStartedAt().toEpochMilli(), m.getSequence(),
                    m.getCollectedAt().toEpochMilli(), spooled);
        } catch (IOException e) {
            listener.dropped("spool_error", all.size());
            health.unavailable("the spool in " + settings.dir() + " cannot be written: " + e.getMessage());
            log.error("cannot write poll {} of {} to the spool in {}: {} records lost", m.getSequence(), target,
                    settings.dir(), all.size(), e);
            return;
        }
        counters.appended(all.size());
        listener.spooled(all.size());
        long bytes = spool.bytes();
        listener.spoolSize(counters.waiting(), bytes);
        if (bytes > settings.maxBytes()) {
            overCap = true;
            signalUrgent();
        }
        signal();
    }

    private static CollectionMetadata metadata(OutboundRecord r) {
        return switch (r) {
            case OutboundRecord.Volume v -> v.value().getMetadata();
            case OutboundRecord.Replica p -> p.value().getMetadata();
        };
    }

    @Override
    public void targetRemoved(String target) {
        // Its records are in the spool already, delivered in their turn.
    }

    @Override
    public Optional<String> notReadyReason() {
        return health.notReadyReason().map(why -> why + "; " + counters.waiting() + " records ("
                + (spool.bytes() >> 20) + " MiB of " + (settings.maxBytes() >> 20) + " MiB) wait in the spool "
                + settings.dir());
    }

    private void signal() {
        lock.lock();
        try {
            signalled = true;
            work.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void signalUrgent() {
        lock.lock();
        try {
            urgent.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * After a delivered batch that was not full: lets the next one gather until {@link Batching#gather} after this
     * one started, unless a full batch waits already, the spool is over its cap or the sink is closing. (After a
     * full batch, cut by records or by bytes, more waits already: a backlog is sent without pause.) Without it the
     * drainer sent whatever came during the last round trip to Kafka: at a thousand targets a second, 35 batches a
     * second, each with its checkpoint (JSON, fsync, rename) and a produce request. It waits on {@link #urgent},
     * which publishing does not signal, so the polls coming in meanwhile do not wake it. Costs up to
     * {@link Batching#gather} of delivery latency, a twentieth of the alert latency's budget over the poll interval.
     */
    private void gather(long batchStartedNanos) throws InterruptedException {
        long until = batchStartedNanos + batching.gather().toNanos();
        lock.lock();
        try {
            long left;
            while (!stopping && !overCap && counters.waiting() < batching.records()
                    && (left = until - System.nanoTime()) > 0) {
                urgent.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
    }

    private void await(Duration d) throws InterruptedException {
        lock.lock();
        try {
            if (!signalled && !stopping) {
                work.await(d.toNanos(), TimeUnit.NANOSECONDS);
            }
            signalled = false;
        } finally {
            lock.unlock();
        }
    }

    private void drainLoop() {
        Duration backoff = MIN_BACKOFF;
        while (!(stopping && (drainer.drained() || System.nanoTime() > stopDeadline))) {
            try {
                overCap = false;
                drainer.dropOverCap();
                long batchStarted = System.nanoTime();
                switch (drainer.deliverOnce()) {
                    case FULL_BATCH -> { }
                    case PART_BATCH -> gather(batchStarted);
                    case NOTHING -> await(stopping ? Duration.ofMillis(20) : Duration.ofSeconds(1));
                }
                backoff = MIN_BACKOFF;
            } catch (DeliveryException e) {
                drainer.disconnect();
                health.unavailable(e.getMessage());
                throttled.warn("deliver", "cannot deliver the spool to Kafka: " + e.getMessage() + "; "
                        + counters.waiting() + " records wait in " + settings.dir() + ", retrying", null);
                backoff = pause(backoff);
            } catch (IOException e) {
                drainer.disconnect();
                health.unavailable("the spool in " + settings.dir() + " cannot be read: " + e.getMessage());
                log.error("the spool in {} cannot be read or its checkpoint written", settings.dir(), e);
                backoff = pause(backoff);
            } catch (InterruptedException e) {
                break;
            } catch (RuntimeException e) {
                drainer.disconnect();
                health.unavailable(e.toString());
                log.error("delivering the spool failed unexpectedly; retrying", e);
                backoff = pause(backoff);
            }
            if (Thread.currentThread().isInterrupted()) {
                break;
            }
        }
        drainer.close(Duration.ofSeconds(1));
    }

    /** Waits {@code backoff} (less when stopping), and returns the next, longer one. */
    private Duration pause(Duration backoff) {
        long until = System.nanoTime() + backoff.toNanos();
        lock.lock();
        try {
            long left;
            while (!stopping && !overCap && (left = until - System.nanoTime()) > 0) {
                work.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
        Duration next = backoff.multipliedBy(2);
        return next.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : next;
    }

    private void fsyncLoop() {
        while (!stopping) {
            try {
                Thread.sleep(settings.fsyncInterval());
                spool.force();
            } catch (InterruptedException e) {
                return;
            } catch (IOException e) {
                throttled.warn("fsync", "cannot fsync the spool in " + settings.dir() + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    public void close(Duration timeout) {
        stopDeadline = System.nanoTime() + timeout.toNanos();
        stopping = true;
        signal();
        signalUrgent();
        try {
            drainThread.join(timeout.plusSeconds(2));
            if (drainThread.isAlive()) {
                drainThread.interrupt();
                drainThread.join(Duration.ofSeconds(5));
            }
            fsyncThread.interrupt();
            fsyncThread.join(Duration.ofSeconds(2));
        } catch (InterruptedException e) {
            drainThread.interrupt();
            Thread.currentThread().interrupt();
        }
        long left = counters.waiting();
        if (left > 0) {
            log.warn("{} records are not delivered yet: they stay in the spool {} for the next start", left,
                    settings.dir());
        }
        try {
            spool.close();
        } catch (IOException e) {
            log.error("closing the spool in {} failed", settings.dir(), e);
        }
        framer.close();
    }
}
