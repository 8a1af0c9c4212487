package io.istgt.telemetry.analytics;

import io.istgt.telemetry.analytics.health.AnalyticsHealth;
import io.istgt.telemetry.analytics.topology.AlertTopology;
import io.istgt.telemetry.analytics.topology.TopicSerdes;
import io.istgt.telemetry.history.HistoryWriter;
import io.istgt.telemetry.history.HistoryWriterHealth;
import io.istgt.telemetry.history.HistoryWriterListener;
import io.istgt.telemetry.schemas.KafkaRefusal;
import io.istgt.telemetry.schemas.KafkaSettings;
import io.istgt.telemetry.schemas.serde.AvroSerdeConfig;
import io.istgt.telemetry.schemas.serde.SchemaRegistryClient;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running analytics: output topics ensured, the topology in a KafkaStreams instance with exactly-once
 * processing, and the history writer (unless {@code history.enabled=false}). Used by {@code istgt-analytics}, the demo and the end-to-end tests alike.
 *
 * <pre>{@code
 * try (AnalyticsApp app = AnalyticsApp.start(Map.of("bootstrap.servers", "localhost:9092",
 *         "schema.registry.url", "http://localhost:8081", "application.id", "istgt-analytics"))) { ... }
 * }</pre>
 */
public final class AnalyticsApp implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AnalyticsApp.class);

    /**
     * Settings for reprocessing history from the start (a new application.id over weeks of records), where
     * alert latency does not matter and throughput does; pass them with the other settings. Commits every 5 s
     * instead of 100 ms (under the 10 s transaction timeout Kafka Streams sets for exactly-once), so the
     * state caches send each key's state to RocksDB and the changelog once per 5 s instead of once per record,
     * with a cache that holds every key's state of a large cluster; and two stream threads. Not the default: a
     * live analytics would show an alert up to 5 s late to read_committed readers.
     */
    public static final Map<String, Object> REPLAY_PROFILE = Map.of(
            StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 5_000,
            StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 64L * 1024 * 1024,
            StreamsConfig.NUM_STREAM_THREADS_CONFIG, 2);

    /** How often the app looks again for input topics that do not exist yet (an admin request each time). */
    private static final Duration INPUT_CHECK_EVERY = Duration.ofSeconds(2);

    private final KafkaStreams streams;
    private final HistoryWriter history;
    private final SchemaRegistryClient registry;
    private final AnalyticsHealth health;
    private final Thread inputWait;
    private volatile Optional<String> waitingFor;

    private AnalyticsApp(KafkaStreams streams, HistoryWriter history, HistoryWriterHealth historyHealth,
                         SchemaRegistryClient registry, InputTopics inputs, List<String> missing,
                         Supplier<Optional<String>> refused) {
        this.streams = streams;
        this.history = history;
        this.registry = registry;
        this.waitingFor = InputTopics.waitingFor(missing);
        this.health = new AnalyticsHealth(streams::state, Optional.ofNullable(historyHealth), () -> waitingFor, refused);
        if (missing.isEmpty()) {
            this.inputWait = null;
            streams.start();
        } else {
            log.warn("{}", waitingFor.orElseThrow());
            this.inputWait = Thread.ofPlatform().daemon().name("istgt-analytics-inputs").start(() -> awaitInputs(inputs));
        }
    }

    /** Starts Kafka Streams once its input topics exist; until then readiness says what it waits for. */
    private void awaitInputs(InputTopics inputs) {
        try (inputs) {
            while (true) {
                List<String> missing = inputs.missing();
                waitingFor = InputTopics.waitingFor(missing);
                if (missing.isEmpty()) {
                    log.info("the input topics exist now: starting Kafka Streams");
                    streams.start();
                    return;
                }
                Thread.sleep(INPUT_CHECK_EVERY.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            waitingFor = Optional.of("cannot tell whether the input topics exist: " + e.getMessage());
            log.error("cannot tell whether the input topics exist; Kafka Streams is not started", e);
        }
    }

    /**
     * @param settings analytics keys ({@link AnalyticsConfig}), serde keys (schema.registry.url, ...) and any
     *                 Kafka Streams or client setting; bootstrap.servers and application.id are required
     */
    public static AnalyticsApp start(Map<String, Object> settings) throws InterruptedException {
        return start(settings, HistoryWriterListener.NONE);
    }

    /**
     * @param historyListener hears the history writer's progress and failures besides the app's own health
     *                        (e.g. the program's metrics)
     * @see #start(Map)
     */
    public static AnalyticsApp start(Map<String, Object> settings, HistoryWriterListener historyListener)
            throws InterruptedException {
        AnalyticsConfig config = new AnalyticsConfig(settings);
        // Every client setting an admin knows goes along: on a secured broker the address alone is refused.
        Admin admin = Admin.create(KafkaSettings.forClient(settings, AdminClientConfig.configNames()));
        InputTopics inputs = new InputTopics(admin, List.of(config.getString(AnalyticsConfig.VOLUME_TOPIC),
                config.getString(AnalyticsConfig.REPLICA_TOPIC)), KafkaRefusal.principal(settings));
        List<String> missing;
        try {
            OutputTopics.ensure(admin, config, KafkaRefusal.principal(settings));
            missing = inputs.missing();
        } catch (RuntimeException | InterruptedException e) {
            inputs.close();
            throw e;
        }
        if (missing.isEmpty()) {
            inputs.close();
        }
        SchemaRegistryClient registry = new AvroSerdeConfig(settings).createClient();
        KafkaStreams streams = new KafkaStreams(AlertTopology.build(config, TopicSerdes.over(registry, settings)),
                streamsProperties(settings));
        // A record the rules cannot handle is a bug to fix, not a reason to stop alerting on every other volume.
        AtomicReference<Optional<String>> refused = new AtomicReference<>(Optional.empty());
        String applicationId = String.valueOf(settings.get(StreamsConfig.APPLICATION_ID_CONFIG));
        streams.setUncaughtExceptionHandler(e -> {
            // A refusal (an ACL missing, credentials not accepted) fails every new thread alike: replacing threads
            // would loop on ERROR lines forever. Stop, and say who was refused what in readiness and the log.
            Optional<String> refusal = KafkaRefusal.describe(e, "run Kafka Streams as application " + applicationId,
                    KafkaRefusal.principal(settings));
            if (refusal.isPresent()) {
                refused.set(refusal);
                log.error("{}; Kafka Streams stops", refusal.get());
                return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
            }
            log.error("stream thread failed; replacing it", e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        log.info("istgt-analytics running: {} and {} -> {}, {}, {}", config.getString(AnalyticsConfig.VOLUME_TOPIC),
                config.getString(AnalyticsConfig.REPLICA_TOPIC), config.getString(AnalyticsConfig.ALERTS_TOPIC),
                config.getString(AnalyticsConfig.TRANSITIONS_TOPIC), config.getString(AnalyticsConfig.ACTIVE_ALERTS_TOPIC));
        // Its own consumer group: the history is written once, whatever application.id the alerts run under.
        if (!config.getBoolean(AnalyticsConfig.HISTORY_ENABLED)) {
            return new AnalyticsApp(streams, null, null, registry, inputs, missing, refused::get);
        }
        HistoryWriterHealth historyHealth = new HistoryWriterHealth(InstantSource.system(),
                config.duration(AnalyticsConfig.HISTORY_STALL_AFTER_MS));
        HistoryWriter history = HistoryWriter.start(config.historySettings(), settings, registry,
                HistoryWriterListener.all(historyHealth, historyListener));
        return new AnalyticsApp(streams, history, historyHealth, registry, inputs, missing, refused::get);
    }

    /** Kafka Streams settings: the caller's, then the ones exactly-once alerting depends on. */
    static Properties streamsProperties(Map<String, Object> settings) {
        Properties p = new Properties();
        AnalyticsConfig.withoutAnalyticsKeys(settings).forEach(p::put);
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        // Alerts within a second of the fact: commit (and so show to read_committed readers) often.
        p.putIfAbsent(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        return p;
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /** Readiness and liveness of the Streams app and the history writer together, for the program's probes. */
    public AnalyticsHealth health() {
        return health;
    }

    @Override
    public void close() {
        if (inputWait != null) {
            inputWait.interrupt();
        }
        if (history != null) {
            history.close();
        }
        streams.close(Duration.ofSeconds(30));
        registry.close();
    }
}
