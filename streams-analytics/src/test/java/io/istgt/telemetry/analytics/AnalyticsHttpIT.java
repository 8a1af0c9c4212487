package io.istgt.telemetry.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.istgt.telemetry.schemas.VolumeKey;
import io.istgt.telemetry.schemas.VolumeStatus;
import io.istgt.telemetry.schemas.serde.AvroSerdeConfig;
import io.istgt.telemetry.schemas.serde.AvroSerializer;
import io.istgt.telemetry.testrecords.StatusRecords;
import io.istgt.telemetry.testsupport.AcceptedSends;
import io.istgt.telemetry.testsupport.ApicurioRegistry;
import io.istgt.telemetry.testsupport.Await;
import io.istgt.telemetry.testsupport.KafkaTestBroker;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The analytics program's HTTP port on a real broker and registry: not ready while starting, ready once Kafka
 * Streams runs and the history writer works, and metrics that Prometheus' own linter accepts.
 */
class AnalyticsHttpIT {

    private static final Duration BOUND = Duration.ofSeconds(120);

    private static KafkaTestBroker broker;
    private static ApicurioRegistry registry;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path stateDir;

    @BeforeAll
    static void startCluster() {
        broker = KafkaTestBroker.start();
        registry = ApicurioRegistry.shared();
        broker.createTopic("istgt.volume.status", 3);
        broker.createTopic("istgt.replica.status", 3);
    }

    @AfterAll
    static void stopCluster() {
        broker.close();
    }

    @Test
    void shouldBeReadyOnceRunningAndServeTheStreamsStateAndTheHistoryWritersProgress() throws Exception {
        Map<String, Object> settings = new HashMap<>();
        settings.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        settings.put(StreamsConfig.APPLICATION_ID_CONFIG, "analytics-http");
        settings.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        settings.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.ccompatUrl());
        settings.put(AnalyticsConfig.TOPIC_REPLICATION, "1");
        settings.put(AnalyticsConfig.TOPIC_PARTITIONS, "3");

        try (AnalyticsMain.Running running = AnalyticsMain.start(settings,
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            int port = running.http().port();

            HttpResponse<String> ready = Await.atMost(BOUND).every(Duration.ofMillis(250))
                    .until(() -> get(port, "/readyz"), r -> r.statusCode() == 200,
                            r -> "/readyz 200; it answers " + r.statusCode() + " " + r.body().strip());
            assertThat(ready.body()).isEqualTo("ready\n");
            assertThat(get(port, "/healthz").statusCode()).isEqualTo(200);

            sendVolumeRecords(5);
            String metrics = Await.atMost(BOUND).every(Duration.ofMillis(500)).until(() -> get(port, "/metrics").body(),
                    body -> body.contains("istgt_history_writer_records_read_total{topic=\"istgt.volume.status\"} 5.0")
                            && body.contains("istgt_history_writer_records_behind{topic=\"istgt.volume.status\"} 0.0"),
                    body -> "the history writer's 5 records read and none behind in:\n" + body);
            assertThat(metrics).contains("istgt_analytics_streams_state{state=\"RUNNING\"} 1.0",
                    "istgt_history_writer_failures_total{kind=\"registry\"} 0.0");
            assertThat(promtoolProblems(metrics)).as("promtool check metrics").isEmpty();
        }
    }

    @Test
    void shouldSayItWaitsForItsInputTopicsAndStartOnceTheyExist() throws Exception {
        Map<String, Object> settings = new HashMap<>();
        settings.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        settings.put(StreamsConfig.APPLICATION_ID_CONFIG, "analytics-first-run");
        settings.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        settings.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.ccompatUrl());
        settings.put(AnalyticsConfig.TOPIC_REPLICATION, "1");
        settings.put(AnalyticsConfig.TOPIC_PARTITIONS, "3");
        // a new cluster where the collector has not delivered yet: its topics do not exist
        settings.put(AnalyticsConfig.VOLUME_TOPIC, "first-run.volumes");
        settings.put(AnalyticsConfig.REPLICA_TOPIC, "first-run.replicas");
        settings.put(AnalyticsConfig.HISTORY_ENABLED, "false");

        try (AnalyticsMain.Running running = AnalyticsMain.start(settings,
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            int port = running.http().port();

            HttpResponse<String> waiting = get(port, "/readyz");
            assertThat(waiting.statusCode()).isEqualTo(503);
            assertThat(waiting.body()).isEqualTo("not ready: waiting for topics first-run.volumes, first-run.replicas"
                    + " to exist: the collector creates them at its first delivery (or create them ahead, with the"
                    + " DESCRIBE ACL for this principal); Kafka Streams starts once they do\n");
            assertThat(get(port, "/healthz").statusCode()).as("waiting is no failure").isEqualTo(200);

            broker.createTopic("first-run.volumes", 3);
            broker.createTopic("first-run.replicas", 3);

            Await.atMost(BOUND).every(Duration.ofMillis(250)).until(() -> get(port, "/readyz"),
                    r -> r.statusCode() == 200, r -> "/readyz 200; it answers " + r.statusCode() + " " + r.body().strip());
        }
    }

    private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void sendVolumeRecords(int count) throws Exception {
        Map<String, Object> serde = Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.ccompatUrl());
        AvroSerializer<VolumeKey> keys = new AvroSerializer<>();
        keys.configure(serde, true);
        AvroSerializer<VolumeStatus> values = new AvroSerializer<>();
        values.configure(serde, false);
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
        try (KafkaProducer<VolumeKey, VolumeStatus> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()), keys, values)) {
            AcceptedSends sends = new AcceptedSends("the volume status records");
            for (int i = 0; i < count; i++) {
                VolumeStatus v = StatusRecords.volume(start.plusSeconds(10L * i), "Healthy",
                        Map.of("6161", "Healthy", "6162", "Healthy", "6163", "Healthy"), 100 + i, i, i, "collector-a",
                        i + 1);
                sends.send(producer, new ProducerRecord<>("istgt.volume.status", null,
                        v.getMetadata().getCollectedAt().toEpochMilli(), new VolumeKey(v.getIqn()), v));
            }
            sends.awaitAccepted();
        }
    }

    /** What Prometheus' own linter says of the exposition (names, units, suffixes), empty when it accepts it. */
    private static String promtoolProblems(String exposition) throws Exception {
        Process promtool = new ProcessBuilder("promtool", "check", "metrics").redirectErrorStream(true).start();
        try (var in = promtool.getOutputStream()) {
            in.write(exposition.getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(promtool.waitFor(60, TimeUnit.SECONDS)).as("promtool ended").isTrue();
        return promtool.exitValue() == 0 ? "" : out;
    }
}
