package io.istgt.telemetry.demo;

import io.istgt.telemetry.analytics.AnalyticsApp;
import io.istgt.telemetry.analytics.AnalyticsConfig;
import io.istgt.telemetry.schemas.serde.AvroSerdeConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The analytics ({@link AnalyticsApp}: the topology {@code istgt-analytics} runs, exactly_once_v2, frequent
 * commits) in this JVM, with the demo's thresholds: short hysteresis and spike window so that alerts fire and
 * resolve within a minute.
 */
final class AnalyticsStage implements AutoCloseable {

    static final String APPLICATION_ID = "istgt-demo-analytics";

    private final AnalyticsApp app;

    private AnalyticsStage(AnalyticsApp app) {
        this.app = app;
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

    static AnalyticsStage start(String bootstrapServers, String registryUrl, ClientSettings client, short replication,
                                Path stateDir, Duration pollInterval, Duration resolveAfter, Duration readyTimeout)
            throws InterruptedException {
        Map<String, Object> settings = client.all();
        settings.putAll(demoSettings(pollInterval, resolveAfter));
        settings.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        settings.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registryUrl);
        settings.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID);
        settings.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        settings.put(AnalyticsConfig.TOPIC_REPLICATION, replication);
        settings.put(AnalyticsConfig.TOPIC_PARTITIONS, DemoTopics.PARTITIONS);
        AnalyticsStage stage = new AnalyticsStage(AnalyticsApp.start(settings));
        long deadline = System.nanoTime() + readyTimeout.toNanos();
        while (stage.app.state() != KafkaStreams.State.RUNNING) {
            KafkaStreams.State state = stage.app.state();
            if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.NOT_RUNNING
                    || System.nanoTime() > deadline) {
                stage.close();
                throw new IllegalStateException("the analytics (Kafka Streams) did not reach RUNNING within "
                        + readyTimeout + " (state " + state + "); see the demo's log");
            }
            Thread.sleep(100);
        }
        return stage;
    }

    KafkaStreams.State state() {
        return app.state();
    }

    @Override
    public void close() {
        app.close();
    }
}
