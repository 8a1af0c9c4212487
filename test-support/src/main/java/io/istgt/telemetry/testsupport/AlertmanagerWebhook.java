package io.istgt.telemetry.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The receiver at the end of the chain: Alertmanager's webhook notifications, as a pager would get them, kept
 * with the time each arrived. The JDK's HttpServer on a free loopback port.
 *
 * <pre>{@code
 * try (AlertmanagerWebhook webhook = AlertmanagerWebhook.start()) {
 *     AlertmanagerProcess.routeTo(webhook.url(), "");
 *     webhook.notified("firing", Map.of("alertname", "IstgtVolumeOffline"));   // true once notified so
 * }
 * }</pre>
 */
public final class AlertmanagerWebhook implements AutoCloseable {

    /** One alert of one notification: its status ("firing", "resolved") and labels, and when it arrived. */
    public record Notified(String status, Map<String, String> labels, Instant receivedAt) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    private final List<Notified> notified = new CopyOnWriteArrayList<>();

    private AlertmanagerWebhook(HttpServer server) {
        this.server = server;
    }

    public static AlertmanagerWebhook start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        AlertmanagerWebhook webhook = new AlertmanagerWebhook(server);
        server.createContext("/hook", exchange -> {
            try (exchange) {
                Instant at = Instant.now();
                JsonNode body = JSON.readTree(exchange.getRequestBody());
                for (JsonNode alert : body.path("alerts")) {
                    Map<String, String> labels = new TreeMap<>();
                    alert.path("labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
                    webhook.notified.add(new Notified(alert.path("status").asText(), labels, at));
                }
                exchange.sendResponseHeaders(200, -1);
            }
        });
        server.start();
        return webhook;
    }

    /** The URL to route to. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** Every alert notified so far, in the order they arrived. */
    public List<Notified> all() {
        return List.copyOf(notified);
    }

    /** Whether an alert with {@code status} and (at least) {@code labels} has been notified. */
    public boolean notified(String status, Map<String, String> labels) {
        return notified.stream().anyMatch(n -> n.status().equals(status)
                && n.labels().entrySet().containsAll(labels.entrySet()));
    }

    /** The alerts notified with {@code labels}, for a failure message. */
    public List<Notified> matching(Map<String, String> labels) {
        List<Notified> out = new ArrayList<>();
        for (Notified n : notified) {
            if (n.labels().entrySet().containsAll(labels.entrySet())) {
                out.add(n);
            }
        }
        return out;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
