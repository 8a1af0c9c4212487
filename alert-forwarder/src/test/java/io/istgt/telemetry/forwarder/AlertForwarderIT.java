package io.istgt.telemetry.forwarder;

import static org.assertj.core.api.Assertions.assertThat;

import io.istgt.telemetry.schemas.Alert;
import io.istgt.telemetry.schemas.AlertKind;
import io.istgt.telemetry.schemas.Severity;
import io.istgt.telemetry.schemas.serde.AvroSerdeConfig;
import io.istgt.telemetry.testsupport.AlertmanagerProcess;
import io.istgt.telemetry.testsupport.AlertmanagerProcess.HeldAlert;
import io.istgt.telemetry.testsupport.AlertmanagerWebhook;
import io.istgt.telemetry.testsupport.ApicurioRegistry;
import io.istgt.telemetry.testsupport.Await;
import io.istgt.telemetry.testsupport.KafkaTestBroker;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The forwarder in-process against the real Alertmanager (Debian's 0.25), a real broker and registry: what
 * Alertmanager holds (its own API), what reaches the webhook receiver, an inhibit rule and a silence on our labels,
 * and an alert Alertmanager refuses. One broker, Alertmanager and forwarder for the class; each test its own volumes.
 */
class AlertForwarderIT {

    private static final Duration BOUND = Duration.ofSeconds(60);
    private static final Duration RESEND = Duration.ofSeconds(5);
    private static final String INHIBIT = """
            inhibit_rules:
              - source_matchers: ['alertname="IstgtVolumeOffline"']
                target_matchers: ['replica_id=~".+"']
                equal: [iqn]
            """;

    private static KafkaTestBroker broker;
    private static AlertmanagerWebhook webhook;
    private static AlertmanagerProcess alertmanager;
    private static AlertTopics topics;
    private static AlertForwarderMain.Running forwarder;
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        broker = KafkaTestBroker.start();
        broker.createTopic(AlertTopics.CHANGES, 3);
        broker.createTopic(AlertTopics.ACTIVE, 3);
        ApicurioRegistry registry = ApicurioRegistry.shared();
        webhook = AlertmanagerWebhook.start();
        alertmanager = AlertmanagerProcess.start(Files.createTempDirectory("forwarder-it-am"),
                AlertmanagerProcess.routeTo(webhook.url(), INHIBIT));
        topics = new AlertTopics(broker.bootstrapServers(), registry.ccompatUrl());
        Map<String, Object> settings = new HashMap<>();
        settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        settings.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.ccompatUrl());
        settings.put(ForwarderConfig.ALERTMANAGER_URLS, alertmanager.url());
        settings.put(ForwarderConfig.STATIC_LABELS, "cluster=it");
        settings.put(ForwarderConfig.RESEND_INTERVAL_MS, Long.toString(RESEND.toMillis()));
        settings.put(ForwarderConfig.GROUP_ID, "forwarder-it");
        settings.put(ForwarderConfig.GENERATOR_URL_TEMPLATE, "https://grafana.example/d/istgt?var-volume={volume}");
        forwarder = AlertForwarderMain.start(settings, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Await.atMost(BOUND).until(() -> get("/readyz"), r -> r.statusCode() == 200,
                r -> "the forwarder ready; /readyz: " + r.statusCode() + " " + r.body());
    }

    @AfterAll
    static void stop() {
        Closing.all(forwarder, topics, alertmanager, webhook, broker);
    }

    @Test
    void shouldHoldAFiringAlertWithOurLabelsAndEndItWhenItResolves() throws Exception {
        Instant started = Instant.now().minusSeconds(30).truncatedTo(ChronoUnit.MILLIS);
        Alert firing = AlertRecords.firing("iqn.2016-09.com.openebs.cstor:pvc-held", null, AlertKind.VOLUME_DEGRADED,
                Severity.WARNING, started);

        topics.write(firing);

        HeldAlert held = awaitHeld(Map.of("volume", "pvc-held"));
        Instant sentBy = Instant.now();
        assertThat(held.labels()).isEqualTo(Map.of("alertname", "IstgtVolumeDegraded", "severity", "warning",
                "iqn", "iqn.2016-09.com.openebs.cstor:pvc-held", "volume", "pvc-held", "cluster", "it"));
        assertThat(held.annotations()).containsEntry("summary", firing.getSummary())
                .containsEntry("runbook_url", ForwarderConfig.DEFAULT_RUNBOOK)
                .containsKey("description");
        assertThat(held.annotations().get("description")).contains("bin/istgt-replay --iqn"
                + " iqn.2016-09.com.openebs.cstor:pvc-held --from " + started.minus(Duration.ofMinutes(15))
                .truncatedTo(ChronoUnit.SECONDS));
        assertThat(held.generatorUrl()).isEqualTo("https://grafana.example/d/istgt?var-volume=pvc-held");
        assertThat(held.startsAt()).isEqualTo(started);
        assertThat(held.endsAt()).isAfter(sentBy.plus(RESEND.multipliedBy(2)))
                .isBefore(sentBy.plus(RESEND.multipliedBy(4)).plusSeconds(1));
        Await.atMost(BOUND).until(() -> webhook.notified("firing", Map.of("volume", "pvc-held")),
                () -> "the firing notification at the webhook; it has " + webhook.matching(Map.of("volume", "pvc-held")));

        Instant ended = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        topics.write(AlertRecords.resolved(firing, ended));

        Await.atMost(BOUND).until(() -> webhook.notified("resolved", Map.of("volume", "pvc-held")),
                () -> "the resolved notification at the webhook; it has "
                        + webhook.matching(Map.of("volume", "pvc-held")));
        assertThat(held(Map.of("volume", "pvc-held"))).as("resolved at once, not left to expire").isEmpty();
    }

    @Test
    void shouldQuietAReplicaAlertWhileItsVolumeIsOfflineAndSilenceOnOurLabels() throws Exception {
        String iqn = "iqn.2016-09.com.openebs.cstor:pvc-inhibit";
        Instant started = Instant.now().minusSeconds(10).truncatedTo(ChronoUnit.MILLIS);
        topics.write(AlertRecords.firing(iqn, null, AlertKind.VOLUME_OFFLINE, Severity.CRITICAL, started));
        awaitHeld(Map.of("volume", "pvc-inhibit", "alertname", "IstgtVolumeOffline"));
        String silence = alertmanager.silence(Map.of("volume", "pvc-silenced"), Duration.ofHours(1));

        topics.write(AlertRecords.firing(iqn, "6161", AlertKind.REPLICA_DISCONNECTED, Severity.WARNING, started),
                AlertRecords.firing("iqn.2016-09.com.openebs.cstor:pvc-silenced", null, AlertKind.TARGET_UNREACHABLE,
                        Severity.CRITICAL, started));

        HeldAlert replica = Await.atMost(BOUND).until(
                () -> held(Map.of("volume", "pvc-inhibit", "replica_id", "6161")),
                h -> h.isPresent() && !h.get().inhibitedBy().isEmpty(),
                h -> "the replica alert held and inhibited; it is " + h).orElseThrow();
        assertThat(replica.state()).isEqualTo("suppressed");
        HeldAlert silenced = Await.atMost(BOUND).until(() -> held(Map.of("volume", "pvc-silenced")),
                h -> h.isPresent() && !h.get().silencedBy().isEmpty(),
                h -> "the alert held and silenced; it is " + h).orElseThrow();
        assertThat(silenced.silencedBy()).containsExactly(silence);
        // A notification sent after both arrived: by then a notification of either would have gone too.
        topics.write(AlertRecords.firing("iqn.2016-09.com.openebs.cstor:pvc-marker", null, AlertKind.TARGET_SILENT,
                Severity.CRITICAL, Instant.now().truncatedTo(ChronoUnit.MILLIS)));
        Await.atMost(BOUND).until(() -> webhook.notified("firing", Map.of("volume", "pvc-marker")),
                () -> "the marker's notification; the webhook has " + webhook.all());
        assertThat(webhook.notified("firing", Map.of("volume", "pvc-inhibit", "alertname", "IstgtVolumeOffline")))
                .isTrue();
        assertThat(webhook.matching(Map.of("replica_id", "6161"))).as("inhibited").isEmpty();
        assertThat(webhook.matching(Map.of("volume", "pvc-silenced"))).as("silenced").isEmpty();
    }

    @Test
    void shouldCountAnAlertAlertmanagerRefusesAndDeliverTheOthers() throws Exception {
        Instant started = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Alert bad = AlertRecords.resolved(AlertRecords.firing("iqn.2016-09.com.openebs.cstor:pvc-refused", null,
                AlertKind.LOGIN_FAILURE_SPIKE, Severity.WARNING, started), started.minusSeconds(60));

        // one write: in one batch for the forwarder as often as not; found and dropped either way
        topics.write(bad, AlertRecords.firing("iqn.2016-09.com.openebs.cstor:pvc-after-refused", null,
                AlertKind.VOLUME_DEGRADED, Severity.WARNING, started));

        awaitHeld(Map.of("volume", "pvc-after-refused"));
        Await.atMost(BOUND).until(() -> get("/metrics").body(),
                m -> m.contains("istgt_forwarder_alerts_refused_total{url=\"" + alertmanager.url() + "\"} 1.0"),
                m -> "one refused alert counted; metrics:\n" + m);
        assertThat(get("/readyz").statusCode()).as("a refusal is no outage").isEqualTo(200);
        assertThat(alertmanager.logText()).contains("start time must be before end time");
    }

    private static HeldAlert awaitHeld(Map<String, String> labels) throws Exception {
        return Await.atMost(BOUND).until(() -> held(labels), Optional::isPresent,
                h -> "Alertmanager holding an alert with " + labels + "; it holds " + heldNow())
                .orElseThrow();
    }

    private static String heldNow() {
        try {
            return alertmanager.alerts().toString();
        } catch (Exception e) {
            return "(GET /api/v2/alerts failed: " + e + ")";
        }
    }

    private static Optional<HeldAlert> held(Map<String, String> labels) throws Exception {
        List<HeldAlert> alerts = alertmanager.alerts();
        return alerts.stream().filter(a -> a.labels().entrySet().containsAll(labels.entrySet())).findFirst();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + forwarder.http().port() + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
