package io.istgt.telemetry.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HealthServerTest {

    private final AtomicBoolean alive = new AtomicBoolean(true);
    private final AtomicReference<Optional<String>> notReady = new AtomicReference<>(Optional.empty());
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private HealthServer server;

    @BeforeEach
    void start() throws Exception {
        server = new HealthServer("istgt-example", new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                registry, alive::get, notReady::get);
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
    void shouldAnswerHealthzWhileAliveAndNameTheProgramWhenNot() throws Exception {
        assertThat(get("/healthz").statusCode()).isEqualTo(200);
        alive.set(false);

        HttpResponse<String> r = get("/healthz");

        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.body()).isEqualTo("not alive: istgt-example is stopping or its work has failed (/readyz says why)\n");
    }

    @Test
    void shouldSayWhyItIsNotReady() throws Exception {
        assertThat(get("/readyz").body()).isEqualTo("ready\n");
        notReady.set(Optional.of("Kafka has acknowledged nothing for 45 s; 12 records are waiting"));

        HttpResponse<String> r = get("/readyz");

        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.body()).isEqualTo("not ready: Kafka has acknowledged nothing for 45 s; 12 records are waiting\n");
    }

    @Test
    void shouldServeTheRegistryInPrometheusFormat() throws Exception {
        Counter.builder().name("istgt_example_things_total").help("things").labelNames("kind").register(registry)
                .labelValues("a").inc(3);

        HttpResponse<String> r = get("/metrics");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("istgt_example_things_total{kind=\"a\"} 3.0");
    }

    @Test
    void shouldPointUnknownPathsAtTheKnownOnes() throws Exception {
        HttpResponse<String> r = get("/nope");

        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).isEqualTo("not found: try /healthz, /readyz or /metrics\n");
    }
}
