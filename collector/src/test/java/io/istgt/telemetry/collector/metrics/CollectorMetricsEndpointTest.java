package io.istgt.telemetry.collector.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.istgt.telemetry.client.snapshot.ErrorKind;
import io.istgt.telemetry.collector.publish.SnapshotFixtures;
import io.istgt.telemetry.health.HealthServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The collector's own metrics, as Prometheus reads them from its HTTP port. */
class CollectorMetricsEndpointTest {

    private final CollectorMetrics metrics = new CollectorMetrics(() -> 2);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private HealthServer server;

    @BeforeEach
    void start() throws Exception {
        server = new HealthServer("istgt-collector", new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), metrics.registry(),
                () -> true, Optional::empty);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void shouldExposeTheCollectorsMetricsInPrometheusFormat() throws Exception {
        metrics.succeeded("/run/a.sock", SnapshotFixtures.collectedAt(SnapshotFixtures.deep(), Instant.ofEpochSecond(1_800_000_000L)),
                Duration.ofMillis(30), 4);
        metrics.failed("/run/b.sock", ErrorKind.TIMEOUT, Duration.ofSeconds(5), 1);
        metrics.skipped("/run/b.sock");
        metrics.started("/run/a.sock", 2_000_000);
        metrics.delivered("istgt.volume.status");
        metrics.sendFailed("istgt.replica.status", "TimeoutException");
        metrics.dropped("spool_full", 3);
        metrics.spooled(9);
        metrics.foundInKafka(2);
        metrics.damaged(1);
        metrics.spoolSize(7, 4096);

        String body = get("/metrics").body();

        assertThat(body).contains(
                "istgt_collector_polls_total{outcome=\"success\",target=\"/run/a.sock\"} 1.0",
                "istgt_collector_polls_total{outcome=\"failure\",target=\"/run/b.sock\"} 1.0",
                "istgt_collector_poll_failures_total{kind=\"timeout\",target=\"/run/b.sock\"} 1.0",
                "istgt_collector_polls_skipped_total{target=\"/run/b.sock\"} 1.0",
                "istgt_collector_last_success_timestamp_seconds{target=\"/run/a.sock\"} 1.8E9",
                "istgt_collector_poll_duration_seconds_count 2",
                "istgt_collector_schedule_lateness_seconds_count 1",
                "istgt_collector_records_sent_total{topic=\"istgt.volume.status\"} 1.0",
                "istgt_collector_send_errors_total{error=\"TimeoutException\",topic=\"istgt.replica.status\"} 1.0",
                "istgt_collector_records_dropped_total{reason=\"spool_full\"} 3.0",
                "istgt_collector_records_spooled_total 9.0",
                "istgt_collector_spool_records_found_in_kafka_total 2.0",
                "istgt_collector_spool_damaged_entries_total 1.0",
                "istgt_collector_spool_records 7.0",
                "istgt_collector_spool_bytes 4096.0",
                "istgt_collector_targets 2.0");
    }

    @Test
    void shouldForgetTheSeriesOfARemovedTarget() throws Exception {
        metrics.succeeded("/run/a.sock", SnapshotFixtures.collectedAt(SnapshotFixtures.deep(), Instant.ofEpochSecond(1_800_000_000L)),
                Duration.ofMillis(30), 4);
        metrics.failed("/run/a.sock", ErrorKind.NO_SOCKET, Duration.ofMillis(1), 1);

        metrics.removed("/run/a.sock");

        assertThat(get("/metrics").body()).doesNotContain("target=\"/run/a.sock\"");
    }

}
