package io.istgt.telemetry.forwarder;

import static org.assertj.core.api.Assertions.assertThat;

import io.istgt.telemetry.local.ChildJvm;
import io.istgt.telemetry.local.LoopbackPorts;
import io.istgt.telemetry.schemas.Alert;
import io.istgt.telemetry.schemas.AlertKind;
import io.istgt.telemetry.schemas.Severity;
import io.istgt.telemetry.testsupport.AlertmanagerProcess;
import io.istgt.telemetry.testsupport.AlertmanagerProcess.HeldAlert;
import io.istgt.telemetry.testsupport.AlertmanagerWebhook;
import io.istgt.telemetry.testsupport.ApicurioRegistry;
import io.istgt.telemetry.testsupport.Await;
import io.istgt.telemetry.testsupport.KafkaTestBroker;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing lost, nothing stuck: Alertmanager stopped while alerts fire and resolve, the forwarder killed (SIGKILL)
 * and started again meanwhile, Alertmanager started again: it ends holding exactly what fires now, and the alerts
 * that resolved meanwhile are resolved there (their resolved notifications reach the webhook), not left to expire:
 * with a re-send interval of a minute they would take four.
 */
class AlertmanagerOutageIT {

    private static final Duration BOUND = Duration.ofSeconds(90);
    private static final String PREFIX = "iqn.2016-09.com.openebs.cstor:";

    @TempDir
    Path dir;

    private KafkaTestBroker broker;
    private AlertmanagerWebhook webhook;
    private AlertmanagerProcess alertmanager;
    private AlertTopics topics;
    private ChildJvm forwarder;
    private final HttpClient http = HttpClient.newHttpClient();
    private int httpPort;

    @AfterEach
    void stop() {
        if (forwarder != null) {
            forwarder.kill();
        }
        Closing.all(topics, alertmanager, webhook, broker);
    }

    @Test
    void shouldEndHoldingExactlyWhatFiresAfterAnOutageAndAKill() throws Exception {
        broker = KafkaTestBroker.start();
        broker.createTopic(AlertTopics.CHANGES, 3);
        broker.createTopic(AlertTopics.ACTIVE, 3);
        ApicurioRegistry registry = ApicurioRegistry.shared();
        webhook = AlertmanagerWebhook.start();
        alertmanager = AlertmanagerProcess.start(dir.resolve("am"), AlertmanagerProcess.routeTo(webhook.url(), ""));
        topics = new AlertTopics(broker.bootstrapServers(), registry.ccompatUrl());
        httpPort = LoopbackPorts.free();
        Path config = Files.writeString(dir.resolve("forwarder.properties"),
                "retry.backoff.initial.ms=200\nretry.backoff.max.ms=1000\n"
                // the killed forwarder's member leaves the group sooner than the default 45 s
                + "session.timeout.ms=6000\nheartbeat.interval.ms=1000\n");
        List<String> args = List.of("-Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.istgt.telemetry.schemas",
                "-cp", System.getProperty("java.class.path"), AlertForwarderMain.class.getName(),
                "--bootstrap-servers", broker.bootstrapServers(), "--schema-registry-url", registry.ccompatUrl(),
                "--alertmanager-url", alertmanager.url(), "--resend-interval", "60000", "--group-id", "outage-it",
                "--http-port", Integer.toString(httpPort), "--http-address", "127.0.0.1", "--config", config.toString());
        forwarder = startForwarder(args, "first");
        Instant t0 = Instant.now().minusSeconds(120).truncatedTo(ChronoUnit.MILLIS);
        Alert a = volumeAlert("pvc-a", t0);
        Alert b = volumeAlert("pvc-b", t0);
        Alert c = volumeAlert("pvc-c", t0);

        topics.write(a, b, c);
        Await.atMost(BOUND).until(() -> held(), h -> h.equals(Set.of("pvc-a", "pvc-b", "pvc-c")),
                h -> "Alertmanager holding pvc-a, pvc-b and pvc-c; it holds " + h);
        for (String volume : List.of("pvc-a", "pvc-b", "pvc-c")) {
            Await.atMost(BOUND).until(() -> webhook.notified("firing", Map.of("volume", volume)),
                    () -> volume + " notified firing; the webhook has " + webhook.all());
        }

        alertmanager.stop();
        Instant t1 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Alert e = volumeAlert("pvc-e", t1);
        topics.write(AlertRecords.resolved(a, t1), volumeAlert("pvc-d", t1), e, AlertRecords.resolved(e, t1.plusMillis(5)));
        Await.atMost(BOUND).until(() -> get("/readyz"), r -> r.statusCode() == 503 && r.body().contains(
                alertmanager.url()), r -> "/readyz naming the Alertmanager that is down; it says " + r.body());

        forwarder.kill();
        topics.write(AlertRecords.resolved(b, Instant.now().truncatedTo(ChronoUnit.MILLIS)));
        forwarder = startForwarder(args, "restarted");
        alertmanager.restart();

        Await.atMost(BOUND).until(() -> held(), h -> h.equals(Set.of("pvc-c", "pvc-d")),
                h -> "Alertmanager holding exactly pvc-c and pvc-d; it holds " + h);
        for (String volume : List.of("pvc-a", "pvc-b")) {
            Await.atMost(BOUND).until(() -> webhook.notified("resolved", Map.of("volume", volume)),
                    () -> volume + " notified resolved after the outage; the webhook has "
                            + webhook.matching(Map.of("volume", volume)));
        }
        for (HeldAlert alert : alertmanager.alerts()) {
            assertThat(alert.endsAt()).as("%s still fires: its end ahead", alert.labels())
                    .isAfter(Instant.now().plusSeconds(120));
        }
        Await.atMost(BOUND).until(() -> get("/metrics").body(),
                m -> m.contains("istgt_forwarder_records_behind 0.0"),
                m -> "every change committed (none behind); metrics:\n" + m);
        // pvc-e fired and resolved during the outage. Whether Alertmanager notifies it depends on whether its two
        // changes reach it in one request (then it first sees it resolved) or in two; either way it is not held
        // (above), and a firing notification is followed by its resolved one.
        if (webhook.notified("firing", Map.of("volume", "pvc-e"))) {
            Await.atMost(BOUND).until(() -> webhook.notified("resolved", Map.of("volume", "pvc-e")),
                    () -> "pvc-e notified resolved after its firing notification; the webhook has "
                            + webhook.matching(Map.of("volume", "pvc-e")));
        }
    }

    private static Alert volumeAlert(String volume, Instant started) {
        return AlertRecords.firing(PREFIX + volume, null, AlertKind.VOLUME_OFFLINE, Severity.CRITICAL, started);
    }

    private ChildJvm startForwarder(List<String> args, String which) throws Exception {
        ChildJvm child = ChildJvm.start("alert forwarder (" + which + ")", dir,
                dir.resolve("forwarder-" + which + ".log"), args);
        Await.atMost(BOUND).until(() -> {
            if (!child.isAlive()) {
                throw new AssertionError("the forwarder exited; its output:\n" + child.logTail());
            }
            return LoopbackPorts.isListening(httpPort);
        }, () -> "the forwarder's HTTP port; its output:\n" + child.logTail());
        return child;
    }

    /** The volumes of the alerts Alertmanager holds. */
    private Set<String> held() throws Exception {
        Set<String> volumes = new TreeSet<>();
        for (HeldAlert alert : alertmanager.alerts()) {
            volumes.add(alert.labels().get("volume"));
        }
        return volumes;
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
