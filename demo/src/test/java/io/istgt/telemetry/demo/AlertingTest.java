package io.istgt.telemetry.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The demo's side of Alertmanager: which one it uses, the route it gives it, what it counts. */
class AlertingTest {

    @Test
    void shouldUseTheGivenAlertmanagerElseStartDebiansElseRunWithout() {
        assertThat(AlertmanagerStage.mode(Optional.of("http://am:9093"), true)).isEqualTo(AlertmanagerStage.Mode.EXISTING);
        assertThat(AlertmanagerStage.mode(Optional.of("http://am:9093"), false)).isEqualTo(AlertmanagerStage.Mode.EXISTING);
        assertThat(AlertmanagerStage.mode(Optional.empty(), true)).isEqualTo(AlertmanagerStage.Mode.EMBEDDED);
        assertThat(AlertmanagerStage.mode(Optional.empty(), false)).isEqualTo(AlertmanagerStage.Mode.NONE);
    }

    @Test
    void shouldRouteEveryAlertAtOnceToTheWebhookResolvedOnesIncluded() {
        String config = AlertmanagerStage.config("http://127.0.0.1:1234/alertmanager-webhook");

        assertThat(config).contains("group_wait: 0s", "group_interval: 1s", "send_resolved: true",
                "- url: http://127.0.0.1:1234/alertmanager-webhook");
    }

    @Test
    void shouldCountNotificationsAndTheirAlertsByStatus() throws Exception {
        try (NotificationCounter counter = NotificationCounter.start();
             HttpClient http = HttpClient.newHttpClient()) {
            for (String body : new String[] {
                "{\"status\":\"firing\",\"alerts\":[{\"status\":\"firing\"},{\"status\":\"firing\"}]}",
                "{\"status\":\"resolved\",\"alerts\":[{\"status\":\"resolved\"}]}"}) {
                HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(URI.create(counter.url()))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
                assertThat(answer.statusCode()).isEqualTo(200);
            }

            assertThat(counter.counts()).isEqualTo(new NotificationCounter.Counts(2, 2, 1));
        }
    }

    @Test
    void shouldSumTheAlertsAcceptedOverEveryAlertmanagerFromTheForwardersMetrics() {
        String exposition = """
                # HELP istgt_forwarder_alerts_accepted_total Alerts an Alertmanager accepted (2xx)
                # TYPE istgt_forwarder_alerts_accepted_total counter
                istgt_forwarder_alerts_accepted_total{url="http://am-0:9093"} 7.0
                istgt_forwarder_alerts_accepted_total{url="http://am-1:9093"} 5.0
                istgt_forwarder_alerts_refused_total{url="http://am-0:9093"} 1.0
                """;

        assertThat(ForwarderStage.acceptedAlerts(exposition)).isEqualTo(12);
        assertThat(ForwarderStage.acceptedAlerts("")).isZero();
    }
}
