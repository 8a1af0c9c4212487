package io.istgt.telemetry.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The webhook receiver Alertmanager's route ends at: where a pager would be. It counts the notifications (each
 * POST) and the alerts in them, firing and resolved. The JDK's HttpServer on a free loopback port.
 */
final class NotificationCounter implements AutoCloseable {

    /** How many notifications arrived, and the alerts they held by status. */
    record Counts(long notifications, long firing, long resolved) {
    }

    private static final Logger log = LoggerFactory.getLogger(NotificationCounter.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PATH = "/alertmanager-webhook";

    private final HttpServer server;
    private final AtomicLong notifications = new AtomicLong();
    private final AtomicLong firing = new AtomicLong();
    private final AtomicLong resolved = new AtomicLong();

    private NotificationCounter(HttpServer server) {
        this.server = server;
    }

    static NotificationCounter start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        NotificationCounter counter = new NotificationCounter(server);
        server.createContext(PATH, exchange -> {
            try (exchange) {
                counter.count(JSON.readTree(exchange.getRequestBody()));
                exchange.sendResponseHeaders(200, -1);
            } catch (IOException e) {
                // Alertmanager retries a notification that is not answered 2xx; a body not JSON is not one.
                log.warn("a webhook request that is not an Alertmanager notification", e);
                throw e;
            }
        });
        server.start();
        return counter;
    }

    private void count(JsonNode notification) {
        for (JsonNode alert : notification.path("alerts")) {
            switch (alert.path("status").asText()) {
                case "firing" -> firing.incrementAndGet();
                case "resolved" -> resolved.incrementAndGet();
                default -> log.warn("an alert notified with status {}: not counted", alert.path("status"));
            }
        }
        long n = notifications.incrementAndGet();
        log.info("Alertmanager notification {}: {} {}", n, notification.path("status").asText(),
                notification.path("groupLabels"));
    }

    /** What Alertmanager routes to. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + PATH;
    }

    Counts counts() {
        return new Counts(notifications.get(), firing.get(), resolved.get());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
