package io.istgt.telemetry.collector.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import io.istgt.telemetry.collector.metrics.CollectorMetrics;
import io.istgt.telemetry.collector.publish.SnapshotFixtures;
import io.istgt.telemetry.health.HealthServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A scrape that names the series it wants ({@code /metrics?name[]=...}, the Prometheus client's filter) gets only
 * those: one that wants only the collector's own series does not have the targets' istgt series rendered.
 */
class FilteredScrapeTest {

    private final CollectorMetrics metrics = new CollectorMetrics(() -> 1);
    private final TargetStates states = new TargetStates(Clock.systemUTC());
    private final HttpClient http = HttpClient.newHttpClient();
    private HealthServer server;

    @BeforeEach
    void start() throws Exception {
        metrics.registry().register(new IstgtMetricsCollector(states));
        metrics.succeeded("/run/a.sock", SnapshotFixtures.deep(), Duration.ofMillis(3), 4);
        states.succeeded("/run/a.sock", SnapshotFixtures.deep(), Duration.ofMillis(3), 4);
        server = new HealthServer("istgt-collector", new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                metrics.registry(), () -> true, Optional::empty);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private List<String> samples(String query) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/metrics" + query))
                        .build(), HttpResponse.BodyHandlers.ofString()).body().lines()
                .filter(l -> !l.startsWith("#")).toList();
    }

    @Test
    void shouldServeOnlyTheCollectorsOwnSeriesWhenOnlyTheyAreNamed() throws Exception {
        assertThat(samples("?name[]=istgt_collector_polls_total&name[]=istgt_collector_targets"))
                .allMatch(l -> l.startsWith("istgt_collector_polls_total") || l.startsWith("istgt_collector_targets"))
                .hasSize(2);
    }

    @Test
    void shouldServeANamedIstgtSeriesUnderItsScrapedName() throws Exception {
        assertThat(samples("?name[]=openebs_connection_error_total"))
                .singleElement().asString().startsWith("openebs_connection_error_total{");
        assertThat(samples("")).hasSizeGreaterThan(200);
    }
}
