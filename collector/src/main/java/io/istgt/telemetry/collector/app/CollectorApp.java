package io.istgt.telemetry.collector.app;

import io.istgt.telemetry.collector.client.ClientSettings;
import io.istgt.telemetry.collector.config.RunConfig;
import io.istgt.telemetry.collector.config.RunSettings;
import io.istgt.telemetry.collector.http.HealthServer;
import io.istgt.telemetry.collector.kafka.KafkaRecordSink;
import io.istgt.telemetry.collector.kafka.KafkaUnavailableException;
import io.istgt.telemetry.collector.kafka.ProducerSettings;
import io.istgt.telemetry.collector.kafka.TopicConflictException;
import io.istgt.telemetry.collector.kafka.TopicSpec;
import io.istgt.telemetry.collector.kafka.TopicVerifier;
import io.istgt.telemetry.collector.metrics.CollectorMetrics;
import io.istgt.telemetry.collector.publish.CollectorIdentity;
import io.istgt.telemetry.collector.publish.RecordStream;
import io.istgt.telemetry.collector.run.Collector;
import io.istgt.telemetry.collector.run.SocketDirectoryWatcher;
import io.istgt.telemetry.schemas.serde.AvroSerializer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code istgt-collector run} wired from its settings: topics checked (or created), producer with the Avro
 * serializer, sink, collector loop, targets (given sockets or a watched directory), health and metrics.
 *
 * <pre>{@code
 * try (CollectorApp app = CollectorApp.start(config, Clock.systemUTC())) {
 *     stopSignal.await();
 * }   // stops polling, closes sessions, flushes Kafka within shutdown-timeout
 * }</pre>
 */
public final class CollectorApp implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CollectorApp.class);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration MIN_STALL = Duration.ofSeconds(30);

    private final RunConfig config;
    private final Collector collector;
    private final CollectorMetrics metrics;
    private final KafkaRecordSink sink;
    private SocketDirectoryWatcher watcher;
    private HealthServer http;

    private CollectorApp(RunConfig config, Collector collector, CollectorMetrics metrics, KafkaRecordSink sink) {
        this.config = config;
        this.collector = collector;
        this.metrics = metrics;
        this.sink = sink;
    }

    public static CollectorApp start(RunConfig config, Clock clock) throws StartException, InterruptedException {
        CollectorIdentity identity = new CollectorIdentity(config.collectorId(), clock.instant());
        Map<String, Object> producerProps;
        try {
            producerProps = ProducerSettings.producer(config.producerConfig(), config.bootstrapServers(),
                    "istgt-collector-" + config.collectorId());
        } catch (IllegalArgumentException e) {
            throw new StartException(e.getMessage(), e);
        }
        verifyTopics(config, producerProps);
        Map<String, Object> registry = ProducerSettings.serializer(config.producerConfig(), config.schemaRegistryUrl());
        AvroSerializer<SpecificRecord> keys = new AvroSerializer<>();
        AvroSerializer<SpecificRecord> values = new AvroSerializer<>();
        KafkaProducer<SpecificRecord, SpecificRecord> producer;
        try {
            keys.configure(registry, true);
            values.configure(registry, false);
            producer = new KafkaProducer<>(producerProps, keys, values);
        } catch (KafkaException e) {
            throw new StartException("cannot create the Kafka producer: " + e.getMessage(), e);
        }
        Collector[] holder = new Collector[1];
        CollectorMetrics metrics = new CollectorMetrics(() -> holder[0] == null ? 0 : holder[0].targets().size());
        Duration stall = config.interval().multipliedBy(3).compareTo(MIN_STALL) > 0
                ? config.interval().multipliedBy(3) : MIN_STALL;
        KafkaRecordSink sink = new KafkaRecordSink(producer, Map.of(RecordStream.VOLUME, config.volumeTopic(),
                RecordStream.REPLICA, config.replicaTopic()), config.retryBufferRecords(), metrics, clock, stall);
        ClientSettings client = new ClientSettings(config.timeout(), config.timeout(), config.timeout(),
                config.maxLineBytes());
        Collector collector = new Collector(config.interval(), client, identity, sink, metrics, metrics, clock,
                System::nanoTime, new SplittableRandom());
        holder[0] = collector;
        CollectorApp app = new CollectorApp(config, collector, metrics, sink);
        try {
            app.startTargetsAndHttp();
        } catch (IOException e) {
            app.close();
            throw new StartException(e.getMessage(), e);
        }
        log.info("collector {} started: {} every {}, records to {} and {}", identity.collectorId(),
                config.socketDir().map(d -> "sockets in " + d).orElse(config.sockets().size() + " socket(s)"),
                config.interval(), config.volumeTopic(), config.replicaTopic());
        return app;
    }

    private static void verifyTopics(RunConfig config, Map<String, Object> producerProps)
            throws StartException, InterruptedException {
        List<TopicSpec> specs = List.of(
                new TopicSpec(config.volumeTopic(), RunSettings.VOLUME_TOPIC.key(), config.topicPartitions(),
                        config.topicReplication(), config.topicRetentionMs(), config.topicCompression()),
                new TopicSpec(config.replicaTopic(), RunSettings.REPLICA_TOPIC.key(), config.topicPartitions(),
                        config.topicReplication(), config.topicRetentionMs(), config.topicCompression()));
        Admin admin = null;
        try {
            admin = Admin.create(ProducerSettings.admin(producerProps));
            new TopicVerifier(admin, ADMIN_TIMEOUT, RunSettings.TOPIC_PARTITIONS.key(),
                    RunSettings.TOPIC_REPLICATION_FACTOR.key(), RunSettings.TOPIC_RETENTION.key(),
                    RunSettings.TOPIC_COMPRESSION.key()).verify(specs, config.createTopics());
        } catch (TopicConflictException e) {
            throw new StartException(e.getMessage(), e);
        } catch (KafkaUnavailableException e) {
            throw new StartException("Kafka at " + config.bootstrapServers() + " is not usable: " + e.getMessage(), e);
        } catch (KafkaException e) {
            throw new StartException("cannot talk to Kafka at " + config.bootstrapServers() + ": " + e.getMessage(), e);
        } finally {
            if (admin != null) {
                // Bounded: by default close waits for the admin's requests to time out.
                admin.close(Duration.ofSeconds(5));
            }
        }
    }

    private void startTargetsAndHttp() throws IOException {
        if (config.socketDir().isPresent()) {
            watcher = new SocketDirectoryWatcher(config.socketDir().get(), config.socketGlob(), config.rescanInterval(),
                    p -> collector.add(p.toString(), p), p -> collector.remove(p.toString()));
        } else {
            config.sockets().forEach(s -> collector.add(s.name(), s.path()));
        }
        if (config.httpPort() != 0) {
            try {
                http = new HealthServer(new InetSocketAddress(config.httpAddress(), config.httpPort()),
                        metrics.registry(), collector::running, this::notReadyReason);
            } catch (IOException e) {
                throw new IOException("cannot serve /healthz, /readyz and /metrics on " + config.httpAddress() + ":"
                        + config.httpPort() + " (http-address, http-port): " + e.getMessage(), e);
            }
        }
    }

    /** Why the collector is not ready, or empty: stopping, or Kafka not acknowledging. */
    public Optional<String> notReadyReason() {
        if (!collector.running()) {
            return Optional.of("the collector is stopping");
        }
        return sink.notReadyReason();
    }

    public Collector collector() {
        return collector;
    }

    public CollectorMetrics metrics() {
        return metrics;
    }

    /** The HTTP server's port, when it runs. */
    public Optional<Integer> httpPort() {
        return Optional.ofNullable(http).map(HealthServer::port);
    }

    /** Adds a socket to poll under its path as name (for a directory this is the watcher's job). */
    public void addSocket(Path socket) {
        collector.add(socket.toString(), socket);
    }

    /** Stops watching and polling, closes the sessions and flushes Kafka, each within shutdown-timeout. */
    @Override
    public void close() throws InterruptedException {
        log.info("stopping: polls under way get {}, then Kafka gets {} to take what is left", config.shutdownTimeout(),
                config.shutdownTimeout());
        try {
            if (watcher != null) {
                watcher.close();
            }
        } catch (IOException e) {
            log.warn("closing the socket directory watch failed", e);
        } finally {
            try {
                collector.close(config.shutdownTimeout(), config.shutdownTimeout());
            } finally {
                if (http != null) {
                    http.close();
                }
            }
        }
        log.info("stopped");
    }
}
