package io.istgt.telemetry.demo;

import io.istgt.telemetry.local.AlertmanagerServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Where the alerts go: Debian's Alertmanager as a child process on loopback, routing every alert at once to the
 * demo's {@link NotificationCounter} (the notifications are what the summary counts), or an existing Alertmanager
 * ({@code --alertmanager URL}), which the demo only sends to.
 */
final class AlertmanagerStage implements AutoCloseable {

    private final String url;
    private final AlertmanagerServer server;
    private final NotificationCounter notifications;

    private AlertmanagerStage(String url, AlertmanagerServer server, NotificationCounter notifications) {
        this.url = url;
        this.server = server;
        this.notifications = notifications;
    }

    /** How the run reaches an Alertmanager. */
    enum Mode {
        /** Debian's binary started by the demo. */
        EMBEDDED,
        /** {@code --alertmanager URL}. */
        EXISTING,
        /** Neither: the binary is not installed; the demo runs without alerts leaving Kafka. */
        NONE
    }

    static Mode mode(Optional<String> existing, boolean installed) {
        return existing.isPresent() ? Mode.EXISTING : installed ? Mode.EMBEDDED : Mode.NONE;
    }

    /**
     * The route: every alert to the webhook at once ({@code group_wait} 0 s) and every change of a group a second
     * later at most ({@code group_interval} 1 s), resolved ones included, so the demo's short episodes are notified
     * while it runs.
     */
    static String config(String webhookUrl) {
        return """
                route:
                  receiver: istgt-demo
                  group_by: [alertname, iqn]
                  group_wait: 0s
                  group_interval: 1s
                  repeat_interval: 4h
                receivers:
                  - name: istgt-demo
                    webhook_configs:
                      - url: %s
                        send_resolved: true
                """.formatted(webhookUrl);
    }

    /** Starts the webhook receiver, then Alertmanager in {@code dir} on a free loopback port routing to it. */
    static AlertmanagerStage start(Path dir) throws IOException {
        NotificationCounter notifications = NotificationCounter.start();
        try {
            AlertmanagerServer server = AlertmanagerServer.builder().dir(dir).config(config(notifications.url())).start();
            return new AlertmanagerStage(server.url(), server, notifications);
        } catch (RuntimeException e) {
            notifications.close();
            throw e;
        }
    }

    /** An existing Alertmanager, once it answers {@code GET /-/ready} with 200. */
    static AlertmanagerStage existing(String url) throws InterruptedException {
        String ready = url.replaceAll("/+$", "") + "/-/ready";
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            HttpResponse<Void> response = client.send(HttpRequest.newBuilder(URI.create(ready))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("the Alertmanager at " + url + " answered GET /-/ready with HTTP "
                        + response.statusCode() + " (--alertmanager)");
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach the Alertmanager at " + url + " (--alertmanager): " + e, e);
        }
        return new AlertmanagerStage(url, null, null);
    }

    String url() {
        return url;
    }

    /** The child process, when the demo started it. */
    Optional<ProcessHandle> process() {
        return server == null ? Optional.empty() : server.process();
    }

    /** Its output, when the demo started it. */
    Optional<Path> log() {
        return Optional.ofNullable(server).map(AlertmanagerServer::log);
    }

    /** False once the Alertmanager the demo started has exited. */
    boolean isRunning() {
        return server == null || server.isRunning();
    }

    /** The notifications it sent to the demo's webhook; empty for an existing Alertmanager (they go elsewhere). */
    Optional<NotificationCounter.Counts> notified() {
        return Optional.ofNullable(notifications).map(NotificationCounter::counts);
    }

    @Override
    public void close() {
        try {
            if (server != null) {
                server.close();
            }
        } finally {
            if (notifications != null) {
                notifications.close();
            }
        }
    }
}
