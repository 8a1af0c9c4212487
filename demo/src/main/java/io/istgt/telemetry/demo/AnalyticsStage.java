package io.istgt.telemetry.demo;

import io.istgt.telemetry.analytics.AnalyticsConfig;
import io.istgt.telemetry.analytics.topology.AlertTopology;
import io.istgt.telemetry.analytics.topology.TopicSerdes;
import io.istgt.telemetry.schemas.serde.AvroSerdeConfig;
import io.istgt.telemetry.schemas.serde.SchemaRegistryClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The analytics' topology ({@link AlertTopology}) in this JVM, exactly as {@code istgt-analytics} runs it
 * (exactly_once_v2, frequent commits), with the demo's thresholds: short hysteresis and spike window so that
 * alerts fire and resolve within a minute.
 */
final class AnalyticsStage implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AnalyticsStage.class);
    static final String APPLICATION_ID = "istgt-demo-analytics";
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(15);

    private final KafkaStreams streams;
    private final SchemaRegistryClient registry;

    private AnalyticsStage(KafkaStreams streams, SchemaRegistryClient registry) {
        this.streams = streams;
        this.registry = registry;
    }

    /** The analytics' keys the demo sets (every other key keeps the analytics' default). */
    static Map<String, Object> demoSettings(Duration pollInterval, Duration resolveAfter) {
        Map<String, Object> settings = new HashMap<>(DemoTopics.analyticsTopicSettings());
        settings.put(AnalyticsConfig.RESOLVE_AFTER_MS, resolveAfter.toMillis());
        settings.put(AnalyticsConfig.POLL_INTERVAL_MS, pollInterval.toMillis());
        // An istgt restart drops the control connections: a few missed polls are not silence.
        settings.put(AnalyticsConfig.SILENCE_INTERVALS, 10);
        settings.put(AnalyticsConfig.SPIKE_WINDOW_MS, 10_000L);
        return settings;
    }

    static AnalyticsStage start(String bootstrapServers, String registryUrl, Path stateDir, Duration pollInterval,
                                Duration resolveAfter, Duration readyTimeout) throws InterruptedException {
        Map<String, Object> settings = demoSettings(pollInterval, resolveAfter);
        settings.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        settings.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registryUrl);
        AnalyticsConfig config = new AnalyticsConfig(settings);
        SchemaRegistryClient registry = new AvroSerdeConfig(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registryUrl))
                .createClient();
        Properties props = new Properties();
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        // Alerts within a second of the fact: commit (and so make visible to read_committed readers) often.
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        KafkaStreams streams = new KafkaStreams(AlertTopology.build(config, TopicSerdes.over(registry, settings)), props);
        streams.setUncaughtExceptionHandler(e -> {
            log.error("stream thread failed; replacing it", e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        AnalyticsStage stage = new AnalyticsStage(streams, registry);
        streams.start();
        long deadline = System.nanoTime() + readyTimeout.toNanos();
        while (streams.state() != KafkaStreams.State.RUNNING) {
            if (streams.state() == KafkaStreams.State.ERROR || streams.state() == KafkaStreams.State.NOT_RUNNING
                    || System.nanoTime() > deadline) {
                KafkaStreams.State state = streams.state();
                stage.close();
                throw new IllegalStateException("the analytics (Kafka Streams) did not reach RUNNING within "
                        + readyTimeout + " (state " + state + "); see the demo's log");
            }
            Thread.sleep(100);
        }
        return stage;
    }

    KafkaStreams.State state() {
        return streams.state();
    }

    @Override
    public void close() {
        try {
            streams.close(CLOSE_TIMEOUT);
        } finally {
            registry.close();
        }
    }
}
