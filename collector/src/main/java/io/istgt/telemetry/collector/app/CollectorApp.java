package io.istgt.telemetry.collector.app;

import io.istgt.telemetry.client.ClientSettings;
import io.istgt.telemetry.collector.config.RunConfig;
import io.istgt.telemetry.collector.config.RunSettings;
import io.istgt.telemetry.collector.exporter.ExporterSeries;
import io.istgt.telemetry.collector.exporter.IstgtMetricsCollector;
import io.istgt.telemetry.collector.exporter.TargetStates;
import io.istgt.telemetry.health.HealthServer;
import io.istgt.telemetry.collector.kafka.KafkaRefusedException;
import io.istgt.telemetry.collector.kafka.KafkaUnavailableException;
import io.istgt.telemetry.collector.kafka.ProducerSettings;
import io.istgt.telemetry.collector.kafka.SpoolingRecordSink;
import io.istgt.telemetry.collector.kafka.TopicConflictException;
import io.istgt.telemetry.collector.metrics.CollectorMetrics;
import io.istgt.telemetry.collector.publish.CollectorIdentity;
import io.istgt.telemetry.collector.publish.RecordStream;
import io.istgt.telemetry.collector.run.Collector;
import io.istgt.telemetry.collector.run.PollListener;
import io.istgt.telemetry.collector.run.SocketDirectoryWatcher;
import io.istgt.telemetry.collector.run.SocketLayout;
import io.istgt.telemetry.schemas.serde.AvroSerdeConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code istgt-collector run} wired from its settings: topics checked (or created), the spool and its delivery
 * to Kafka, collector loop, targets (given sockets or a watched directory), health and metrics.
 *
 * <pre>{@code
 * try (CollectorApp app = CollectorApp.start(config, Clock.systemUTC())) {
 *     stopSignal.await();
 * }   // stops polling, closes sessions, flushes Kafka within shutdown-timeout
 * }</pre>
 */
public final class CollectorApp implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CollectorApp.class);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration MIN_STALL = Duration.ofSeconds(30);

    private final RunConfig config;
    private final Collector collector;
    private final CollectorMetrics metrics;
    private final SpoolingRecordSink sink;
    private SocketDirectoryWatcher watcher;
    private HealthServer http;
    private HealthServer exporter;

    private CollectorApp(RunConfig config, Collector collector, CollectorMetrics metrics, SpoolingRecordSink sink) {
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
        ClusterClients clients = new ClusterClients(config, producerProps, ADMIN_TIMEOUT);
        verifyTopics(config, clients);
        Map<String, Object> registry = ProducerSettings.serializer(config.producerConfig(), config.schemaRegistryUrl());
        Collector[] holder = new Collector[1];
        CollectorMetrics metrics = new CollectorMetrics(() -> holder[0] == null ? 0 : holder[0].targets().size());
        // The targets' istgt series, from each target's last poll, beside the collector's own.
        TargetStates targetStates = new TargetStates(clock);
        if (config.exporterSeries() != ExporterSeries.NONE) {
            metrics.registry().register(new IstgtMetricsCollector(targetStates, config.exporterSeries()));
        }
        Duration stall = config.interval().multipliedBy(3).compareTo(MIN_STALL) > 0
                ? config.interval().multipliedBy(3) : MIN_STALL;
        SpoolingRecordSink sink;
        try {
            sink = SpoolingRecordSink.open(new SpoolingRecordSink.Settings(config.spoolDir(), config.spoolMaxBytes(),
                            config.spoolFsyncInterval()), clients, new AvroSerdeConfig(registry).createClient(),
                    registry, Map.of(RecordStream.VOLUME, config.volumeTopic(), RecordStream.REPLICA,
                            config.replicaTopic()), metrics, clock, stall);
        } catch (IOException e) {
            throw new StartException("cannot use the spool directory " + config.spoolDir() + " ("
                    + RunSettings.SPOOL_DIR.key() + "): " + e.getMessage(), e);
        } catch (KafkaException e) {
            throw new StartException("invalid schema registry settings: " + e.getMessage(), e);
        }
        ClientSettings client = new ClientSettings(config.timeout(), config.timeout(), config.timeout(),
                config.maxLineBytes());
        Collector collector = new Collector(config.interval(), client, identity, config.istgtConf(), sink,
                PollListener.all(metrics, targetStates), metrics, clock, System::nanoTime, new SplittableRandom());
        holder[0] = collector;
        CollectorApp app = new CollectorApp(config, collector, metrics, sink);
        try {
            app.startTargetsAndHttp();
        } catch (IOException e) {
            app.close();
            throw new StartException(e.getMessage(), e);
        }
        log.info("collector {} started: {} every {}, records through the spool {} to {} and {}",
                identity.collectorId(),
                config.kubeletPodsDir().map(d -> "the target pods in " + d + " (" + config.podSocket() + ")")
                        .or(() -> config.socketDir().map(d -> "sockets in " + d))
                        .orElse(config.sockets().size() + " socket(s)"),
                config.interval(), config.spoolDir(), config.volumeTopic(), config.replicaTopic());
        return app;
    }

    /**
     * Creates or checks the topics. A conflict fails the start; an unreachable Kafka does not: polls go to the
     * spool, and the topics are checked before the first delivery.
     */
    private static void verifyTopics(RunConfig config, ClusterClients clients)
            throws StartException, InterruptedException {
        try {
            clients.prepareTopics();
        } catch (TopicConflictException e) {
            throw new StartException(e.getMessage(), e);
        } catch (KafkaRefusedException e) {
            log.warn("{}: polling anyway, the records wait in the spool {} until it is fixed", e.getMessage(),
                    config.spoolDir());
        } catch (KafkaUnavailableException | KafkaException e) {
            log.warn("Kafka at {} is not usable now ({}): polling anyway, the records wait in the spool {} until it"
                    + " is", config.bootstrapServers(), e.getMessage(), config.spoolDir());
        }
    }

    private void startTargetsAndHttp() throws IOException {
        Optional<SocketLayout> layout = config.kubeletPodsDir()
                .<SocketLayout>map(pods -> new SocketLayout.KubeletPods(pods, config.podSocket(), config.podIstgtConf()))
                .or(() -> config.socketDir().map(dir -> new SocketLayout.Directory(dir, config.socketGlob(),
                        config.istgtConf())));
        if (layout.isPresent()) {
            SocketLayout l = layout.get();
            watcher = new SocketDirectoryWatcher(l, config.rescanInterval(),
                    p -> collector.add(p.toString(), p, l.confCandidates(p)), p -> collector.remove(p.toString()));
        } else {
            config.sockets().forEach(s -> collector.add(s.name(), s.path()));
        }
        if (config.httpPort() != 0) {
            try {
                http = new HealthServer("istgt-collector", new InetSocketAddress(config.httpAddress(), config.httpPort()),
                        metrics.registry(), collector::running, this::notReadyReason);
            } catch (IOException e) {
                throw new IOException("cannot serve /healthz, /readyz and /metrics on " + config.httpAddress() + ":"
                        + config.httpPort() + " (http-address, http-port): " + e.getMessage(), e);
            }
        }
        if (config.exporterPort() != 0) {
            try {
                exporter = new HealthServer("istgt-collector", new InetSocketAddress(config.httpAddress(),
                        config.exporterPort()), metrics.registry(), collector::running, this::notReadyReason);
            } catch (IOException e) {
                throw new IOException("cannot serve /metrics on " + config.httpAddress() + ":" + config.exporterPort()
                        + " (http-address, exporter-port; is a maya-exporter sidecar still running in the pod?): "
                        + e.getMessage(), e);
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

    /** The port /metrics is also served on for m-exporter's scrapers (exporter-port), when it is. */
    public Optional<Integer> exporterPort() {
        return Optional.ofNullable(exporter).map(HealthServer::port);
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
                if (exporter != null) {
                    exporter.close();
                }
            }
        }
        log.info("stopped");
    }
}
