package io.istgt.telemetry.demo.interim;

import io.istgt.telemetry.collector.client.ClientSettings;
import io.istgt.telemetry.collector.client.IstgtControlException;
import io.istgt.telemetry.collector.session.TargetSession;
import io.istgt.telemetry.collector.snapshot.IstgtSnapshot;
import io.istgt.telemetry.collector.snapshot.VolumeSnapshot;
import io.istgt.telemetry.schemas.CollectionMetadata;
import io.istgt.telemetry.schemas.ReplicaKey;
import io.istgt.telemetry.schemas.VolumeKey;
import io.istgt.telemetry.schemas.serde.AvroSerializer;
import io.istgt.telemetry.schemas.serde.SchemaRegistryClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls each istgt with the collector's {@link TargetSession} and publishes its volumes and replicas with
 * the project's Avro serializer: the demo's collector until the collector's own {@code run} command (poll
 * scheduler, full record mapping, spool) is there to run in its place.
 */
public final class InterimCollector implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(InterimCollector.class);

    private final List<Target> targets = new ArrayList<>();
    private final KafkaProducer<IndexedRecord, IndexedRecord> producer;
    private final ScheduledExecutorService scheduler;
    private final String volumeTopic;
    private final String replicaTopic;
    private final Instant startedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong failedPolls = new AtomicLong();

    private InterimCollector(List<Path> sockets, String bootstrapServers, SchemaRegistryClient registry,
                             String volumeTopic, String replicaTopic) {
        this.volumeTopic = volumeTopic;
        this.replicaTopic = replicaTopic;
        AvroSerializer<IndexedRecord> keys = new AvroSerializer<>(registry);
        keys.configure(Map.of(), true);
        AvroSerializer<IndexedRecord> values = new AvroSerializer<>(registry);
        values.configure(Map.of(), false);
        this.producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd",
                ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.CLIENT_ID_CONFIG, "istgt-demo-collector"), keys, values);
        sockets.forEach(s -> targets.add(new Target(s)));
        this.scheduler = Executors.newScheduledThreadPool(Math.min(4, sockets.size()),
                Thread.ofPlatform().name("demo-collector-", 0).daemon().factory());
    }

    /** Starts polling every socket each {@code interval}, the targets spread over the interval. */
    public static InterimCollector start(List<Path> sockets, String bootstrapServers, SchemaRegistryClient registry,
                                         String volumeTopic, String replicaTopic, Duration interval) {
        InterimCollector collector = new InterimCollector(sockets, bootstrapServers, registry, volumeTopic, replicaTopic);
        long step = interval.toMillis() / Math.max(1, sockets.size());
        for (int i = 0; i < collector.targets.size(); i++) {
            Target target = collector.targets.get(i);
            collector.scheduler.scheduleAtFixedRate(() -> collector.poll(target), i * step, interval.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
        return collector;
    }

    public long published() {
        return published.get();
    }

    public long failedPolls() {
        return failedPolls.get();
    }

    private void poll(Target t) {
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        long sequence = ++t.sequence;
        long started = System.nanoTime();
        try {
            IstgtSnapshot snapshot = t.session.poll();
            long millis = (System.nanoTime() - started) / 1_000_000;
            CollectionMetadata metadata = InterimRecords.metadata(t.name, at, snapshot, sequence, startedAt, millis);
            List<String> iqns = new ArrayList<>();
            for (VolumeSnapshot v : snapshot.volumes()) {
                String iqn = v.target().iqn();
                iqns.add(iqn);
                send(volumeTopic, new VolumeKey(iqn), InterimRecords.volume(v, metadata));
                v.replicas().forEach(r -> send(replicaTopic, new ReplicaKey(iqn, r.id().value()),
                        InterimRecords.replica(iqn, r, metadata)));
            }
            t.lastIqns = iqns;
            t.lastSuccess = at;
            t.consecutiveFailures = 0;
        } catch (IstgtControlException e) {
            failedPolls.incrementAndGet();
            t.consecutiveFailures++;
            long millis = (System.nanoTime() - started) / 1_000_000;
            CollectionMetadata metadata = InterimRecords.metadata(t.name, at, null, sequence, startedAt, millis);
            List<String> keys = t.lastIqns.isEmpty() ? List.of(t.name) : t.lastIqns;
            for (String iqn : keys) {
                send(volumeTopic, new VolumeKey(iqn), InterimRecords.failure(iqn, !t.lastIqns.isEmpty(), e, metadata,
                        t.consecutiveFailures, t.lastSuccess));
            }
            log.info("poll of {} failed: {}", t.name, e.getMessage());
        } catch (RuntimeException e) {
            // One bad poll must not cancel the target's schedule.
            failedPolls.incrementAndGet();
            log.warn("poll of {} failed unexpectedly", t.name, e);
        }
    }

    private void send(String topic, IndexedRecord key, IndexedRecord value) {
        producer.send(new ProducerRecord<>(topic, key, value), (metadata, error) -> {
            if (error == null) {
                published.incrementAndGet();
            } else {
                log.warn("cannot publish to {}: {}", topic, error.toString());
            }
        });
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            if (!scheduler.awaitTermination(5, TimeUnit.SECONDS)) {
                log.warn("a poll did not end within 5 s of the stop");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(5));
        targets.forEach(t -> t.session.close());
    }

    private static final class Target {
        final String name;
        final TargetSession session;
        long sequence;
        int consecutiveFailures;
        Instant lastSuccess;
        List<String> lastIqns = List.of();

        Target(Path socket) {
            this.name = socket.toString();
            this.session = new TargetSession(socket, ClientSettings.withTimeout(Duration.ofSeconds(2)), Clock.systemUTC());
        }
    }
}
