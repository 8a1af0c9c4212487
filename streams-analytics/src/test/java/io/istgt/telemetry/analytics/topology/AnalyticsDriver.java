package io.istgt.telemetry.analytics.topology;

import io.istgt.telemetry.analytics.AnalyticsConfig;
import io.istgt.telemetry.schemas.Alert;
import io.istgt.telemetry.schemas.AlertKey;
import io.istgt.telemetry.schemas.ReplicaKey;
import io.istgt.telemetry.schemas.ReplicaStatus;
import io.istgt.telemetry.schemas.ReplicaTransition;
import io.istgt.telemetry.schemas.VolumeKey;
import io.istgt.telemetry.schemas.VolumeStatus;
import io.istgt.telemetry.schemas.VolumeTransition;
import io.istgt.telemetry.schemas.serde.InMemorySchemaRegistryClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/** The analytics topology in a TopologyTestDriver, with its topics as the specs use them. */
final class AnalyticsDriver implements AutoCloseable {

    static final Instant T0 = Instant.parse("2026-11-25T02:10:00Z");

    final TopologyTestDriver driver;
    final TestInputTopic<VolumeKey, VolumeStatus> volumes;
    final TestInputTopic<ReplicaKey, ReplicaStatus> replicas;
    final TestOutputTopic<AlertKey, Alert> alerts;
    final TestOutputTopic<AlertKey, Alert> activeAlerts;
    final TestOutputTopic<ReplicaKey, ReplicaTransition> replicaTransitions;
    final TestOutputTopic<VolumeKey, VolumeTransition> volumeTransitions;
    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();

    AnalyticsDriver(Path stateDir, Map<String, Object> overrides) {
        Map<String, Object> settings = new HashMap<>();
        settings.put(AnalyticsConfig.TOPIC_REPLICATION, "1");
        settings.putAll(overrides);
        AnalyticsConfig config = new AnalyticsConfig(settings);
        TopicSerdes serdes = TopicSerdes.over(registry, Map.of());
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "analytics-spec");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(AlertTopology.build(config, serdes), props, T0);
        volumes = driver.createInputTopic("istgt.volume.status", serdes.volumeKey().serializer(),
                serdes.volumeStatus().serializer());
        replicas = driver.createInputTopic("istgt.replica.status", serdes.replicaKey().serializer(),
                serdes.replicaStatus().serializer());
        alerts = driver.createOutputTopic("istgt.alerts", serdes.alertKey().deserializer(), serdes.alert().deserializer());
        activeAlerts = driver.createOutputTopic("istgt.alerts.active", serdes.alertKey().deserializer(),
                serdes.alert().deserializer());
        replicaTransitions = driver.createOutputTopic("istgt.replica.transitions", serdes.replicaKey().deserializer(),
                serdes.replicaTransition().deserializer());
        volumeTransitions = driver.createOutputTopic("istgt.volume.transitions", serdes.volumeKey().deserializer(),
                serdes.volumeTransition().deserializer());
    }

    void volume(VolumeStatus v) {
        volumes.pipeInput(new VolumeKey(v.getIqn()), v, v.getMetadata().getCollectedAt());
    }

    void replica(ReplicaStatus r) {
        replicas.pipeInput(new ReplicaKey(r.getIqn(), r.getReplicaId()), r, r.getMetadata().getCollectedAt());
    }

    /** The alerts published so far, as "KIND[/replica] STATE" lines in order. */
    List<String> alertLines() {
        return alerts.readRecordsToList().stream().map(TestRecord::value)
                .map(a -> a.getKind() + (a.getReplicaId() == null ? "" : "/" + a.getReplicaId()) + " " + a.getState())
                .toList();
    }

    void advanceWallClock(Duration d) {
        driver.advanceWallClockTime(d);
    }

    @Override
    public void close() {
        driver.close();
        registry.close();
    }
}
