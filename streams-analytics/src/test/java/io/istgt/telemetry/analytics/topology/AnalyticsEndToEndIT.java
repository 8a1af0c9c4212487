package io.istgt.telemetry.analytics.topology;

import static io.istgt.telemetry.testrecords.StatusRecords.volume;
import static org.assertj.core.api.Assertions.assertThat;

import io.istgt.telemetry.analytics.AnalyticsApp;
import io.istgt.telemetry.analytics.AnalyticsConfig;
import io.istgt.telemetry.schemas.Alert;
import io.istgt.telemetry.schemas.AlertKey;
import io.istgt.telemetry.schemas.VolumeKey;
import io.istgt.telemetry.schemas.VolumeStatus;
import io.istgt.telemetry.testsupport.AcceptedSends;
import io.istgt.telemetry.testsupport.ApicurioRegistry;
import io.istgt.telemetry.testsupport.KafkaTestBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The analytics app on a real broker and a real registry: status records in, and the expected alerts out,
 * in order and without duplicates, read as a data platform consumer would (read_committed).
 */
class AnalyticsEndToEndIT {

    private static KafkaTestBroker broker;
    private static ApicurioRegistry registry;
    private static ClusterTopics topics;

    @TempDir
    Path stateDir;

    @BeforeAll
    static void startCluster() {
        broker = KafkaTestBroker.start();
        registry = ApicurioRegistry.shared();
        broker.createTopic("istgt.volume.status", 3);
        broker.createTopic("istgt.replica.status", 3);
        topics = new ClusterTopics(broker, registry);
    }

    @AfterAll
    static void stopCluster() {
        broker.close();
    }

    @Test
    void shouldRaiseTheExpectedAlertsInOrderWithoutDuplicates() throws Exception {
        Map<String, Object> settings = new HashMap<>();
        settings.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        settings.put(StreamsConfig.APPLICATION_ID_CONFIG, "analytics-e2e");
        settings.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        settings.put("schema.registry.url", registry.ccompatUrl());
        settings.put(AnalyticsConfig.TOPIC_REPLICATION, "1");
        settings.put(AnalyticsConfig.TOPIC_PARTITIONS, "3");
        settings.put(AnalyticsConfig.RESOLVE_AFTER_MS, "20000");
        settings.put("consumer." + ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");

        // given a replica that vanishes, comes back Degraded, and rebuilds, in snapshots 10 s apart
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<VolumeStatus> history = List.of(
                volume(t0, "Healthy", modes("6161", "Healthy", "6162", "Healthy", "6163", "Healthy"), 100),
                volume(t0.plusSeconds(10), "Healthy", modes("6161", "Healthy", "6162", "Healthy"), 110),
                volume(t0.plusSeconds(20), "Healthy", modes("6161", "Healthy", "6162", "Healthy", "6163", "Degraded"), 120),
                volume(t0.plusSeconds(30), "Healthy", modes("6161", "Healthy", "6162", "Healthy", "6163", "Healthy"), 130),
                volume(t0.plusSeconds(40), "Healthy", modes("6161", "Healthy", "6162", "Healthy", "6163", "Healthy"), 140),
                volume(t0.plusSeconds(50), "Healthy", modes("6161", "Healthy", "6162", "Healthy", "6163", "Healthy"), 150));
        try (AnalyticsApp app = AnalyticsApp.start(settings)) {
            produce(history);

            // then
            // then (seconds after t0 of the snapshot that caused each, sorted: alerts of different keys may sit
            // on different partitions, so only event time orders them)
            List<String> alerts = readAlerts(t0, 6, Duration.ofSeconds(60));
            assertThat(alerts).containsExactly(
                    "10 QUORUM_AT_RISK FIRING",
                    "10 REPLICA_DISCONNECTED/6163 FIRING",
                    "20 REPLICA_DEGRADED/6163 FIRING",
                    "20 REPLICA_DISCONNECTED/6163 RESOLVED",
                    "40 QUORUM_AT_RISK RESOLVED",
                    "50 REPLICA_DEGRADED/6163 RESOLVED");
            assertThat(app.state()).isEqualTo(org.apache.kafka.streams.KafkaStreams.State.RUNNING);
        }
    }

    private void produce(List<VolumeStatus> history) throws Exception {
        try (KafkaProducer<VolumeKey, VolumeStatus> producer = topics.volumeProducer()) {
            for (VolumeStatus v : history) {
                AcceptedSends.sendAndAwait(producer, ClusterTopics.record(v));
            }
        }
    }

    /** Reads the alerts topic until {@code expected} alerts arrived, then a little longer for duplicates. */
    private List<String> readAlerts(Instant t0, int expected, Duration timeout) {
        List<ConsumerRecord<AlertKey, Alert>> records = new ArrayList<>();
        try (KafkaConsumer<AlertKey, Alert> consumer = topics.alertConsumer()) {
            consumer.subscribe(List.of("istgt.alerts"));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            // Duplicates would arrive right behind: one more poll round catches them.
            consumer.poll(Duration.ofSeconds(2)).forEach(records::add);
        }
        return records.stream().map(ConsumerRecord::value)
                .map(a -> Duration.between(t0, a.getEventAt()).toSeconds() + " " + a.getKind()
                        + (a.getReplicaId() == null ? "" : "/" + a.getReplicaId()) + " " + a.getState())
                .sorted()
                .toList();
    }

    private static Map<String, String> modes(String... idModePairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < idModePairs.length; i += 2) {
            m.put(idModePairs[i], idModePairs[i + 1]);
        }
        return m;
    }
}
