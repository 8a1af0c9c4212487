package io.istgt.telemetry.analytics.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.istgt.telemetry.health.HealthServer;
import io.istgt.telemetry.history.WriterFailure;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The analytics program's metrics, as Prometheus reads them from its HTTP port. */
class AnalyticsMetricsTest {

    private final AtomicReference<State> streams = new AtomicReference<>(State.REBALANCING);
    private final AnalyticsMetrics metrics = new AnalyticsMetrics(() -> Instant.ofEpochSecond(1_800_000_000L));
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private HealthServer server;

    @BeforeEach
    void start() throws Exception {
        metrics.watchStreams(streams::get);
        server = new HealthServer("istgt-analytics", new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                metrics.registry(), () -> true, Optional::empty);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String scrape() throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/metrics"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void shouldServeTheHistoryWritersProgressAndFailures() throws Exception {
        HistoryWriterMetrics writer = metrics.historyWriter();
        writer.recordsRead("istgt.volume.status", 120);
        writer.recordsRead("istgt.volume.status", 3);
        writer.recordSkipped("istgt.replica.status");
        writer.blockWritten("istgt.volume.history", 60);
        writer.blockWritten("istgt.volume.history", 58);
        writer.recordsBehind("istgt.replica.status", 42);
        writer.retrying(new WriterFailure(WriterFailure.Kind.REGISTRY, "registry unreachable"));
        writer.retrying(new WriterFailure(WriterFailure.Kind.REGISTRY, "registry unreachable"));
        writer.stopped(Optional.of(new IllegalStateException("a bug")));

        assertThat(scrape()).contains(
                "istgt_history_writer_records_read_total{topic=\"istgt.volume.status\"} 123.0",
                "istgt_history_writer_records_skipped_total{topic=\"istgt.replica.status\"} 1.0",
                "istgt_history_writer_blocks_written_total{topic=\"istgt.volume.history\"} 2.0",
                "istgt_history_writer_block_records_written_total{topic=\"istgt.volume.history\"} 118.0",
                "istgt_history_writer_records_behind{topic=\"istgt.replica.status\"} 42.0",
                "istgt_history_writer_last_success_timestamp_seconds{topic=\"istgt.volume.history\"} 1.8E9",
                "istgt_history_writer_failures_total{kind=\"registry\"} 2.0",
                "istgt_history_writer_failures_total{kind=\"broker\"} 0.0",
                "istgt_history_writer_failures_total{kind=\"fatal\"} 1.0");
    }

    @Test
    void shouldServeEveryFailureKindAtZeroBeforeTheFirst() throws Exception {
        assertThat(scrape()).contains(
                "istgt_history_writer_failures_total{kind=\"registry\"} 0.0",
                "istgt_history_writer_failures_total{kind=\"broker\"} 0.0",
                "istgt_history_writer_failures_total{kind=\"fatal\"} 0.0");
    }

    @Test
    void shouldServeTheStreamsStateAsReadAtTheScrape() throws Exception {
        assertThat(scrape()).contains("istgt_analytics_streams_state{state=\"REBALANCING\"} 1.0",
                "istgt_analytics_streams_state{state=\"RUNNING\"} 0.0");

        streams.set(State.RUNNING);

        assertThat(scrape()).contains("istgt_analytics_streams_state{state=\"REBALANCING\"} 0.0",
                "istgt_analytics_streams_state{state=\"RUNNING\"} 1.0",
                "istgt_analytics_streams_state{state=\"ERROR\"} 0.0");
    }
}
