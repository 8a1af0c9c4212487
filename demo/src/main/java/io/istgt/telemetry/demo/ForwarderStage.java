package io.istgt.telemetry.demo;

import io.istgt.telemetry.forwarder.AlertForwarderMain;
import io.istgt.telemetry.forwarder.ForwarderConfig;
import io.istgt.telemetry.schemas.serde.AvroSerdeConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * The alert forwarder ({@link AlertForwarderMain#start}: what {@code istgt-alert-forwarder} runs) in this JVM,
 * reading the analytics' alerts with the run's client settings and posting them to one Alertmanager; its
 * {@code /metrics} on a free loopback port.
 */
final class ForwarderStage implements AutoCloseable {

    static final String GROUP_ID = "istgt-demo-alert-forwarder";
    private static final Pattern ACCEPTED = Pattern.compile("(?m)^istgt_forwarder_alerts_accepted_total\\{[^}]*} (\\S+)$");

    private final AlertForwarderMain.Running running;

    private ForwarderStage(AlertForwarderMain.Running running) {
        this.running = running;
    }

    /** The forwarder's settings: the run's Kafka, registry and client settings, and the Alertmanager. */
    static Map<String, Object> settings(String bootstrapServers, String registryUrl, ClientSettings client,
                                        String alertmanagerUrl) {
        Map<String, Object> settings = client.all();
        settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        settings.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registryUrl);
        settings.put(ForwarderConfig.ALERTMANAGER_URLS, alertmanagerUrl);
        settings.put(ForwarderConfig.GROUP_ID, GROUP_ID);
        // Alertmanager users tell the demo's alerts from others' by it.
        settings.put(ForwarderConfig.STATIC_LABELS, "environment=istgt-demo");
        return settings;
    }

    /** Starts it and waits until it is ready: what fires now read, the Alertmanager not failing. */
    static ForwarderStage start(Map<String, Object> settings, Duration readyTimeout) throws IOException,
            InterruptedException {
        ForwarderStage stage = new ForwarderStage(AlertForwarderMain.start(settings,
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)));
        long deadline = System.nanoTime() + readyTimeout.toNanos();
        Optional<String> notReady;
        while ((notReady = stage.running.forwarder().notReadyWhy()).isPresent()) {
            if (!stage.running.forwarder().alive() || System.nanoTime() > deadline) {
                stage.close();
                throw new IllegalStateException("the alert forwarder was not ready within " + readyTimeout + ": "
                        + notReady.get() + " (see the demo's log)");
            }
            Thread.sleep(100);
        }
        return stage;
    }

    String metricsUrl() {
        return "http://127.0.0.1:" + running.http().port() + "/metrics";
    }

    boolean alive() {
        return running.forwarder().alive();
    }

    /** The alerts Alertmanager accepted, from the forwarder's own {@code /metrics}. */
    long acceptedAlerts() throws IOException, InterruptedException {
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            HttpResponse<String> metrics = client.send(HttpRequest.newBuilder(URI.create(metricsUrl()))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return acceptedAlerts(metrics.body());
        }
    }

    /** The sum of {@code istgt_forwarder_alerts_accepted_total} over its URLs in a Prometheus text exposition. */
    static long acceptedAlerts(String exposition) {
        Matcher m = ACCEPTED.matcher(exposition);
        double total = 0;
        while (m.find()) {
            total += Double.parseDouble(m.group(1));
        }
        return Math.round(total);
    }

    @Override
    public void close() {
        running.close();
    }
}
