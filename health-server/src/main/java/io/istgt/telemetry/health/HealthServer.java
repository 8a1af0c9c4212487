package io.istgt.telemetry.health;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.exporter.httpserver.MetricsHandler;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * {@code /healthz}, {@code /readyz} and Prometheus {@code /metrics} on one port: every program of the project serves
 * its probes through this one class, so they answer alike.
 *
 * <p>The JDK's HttpServer with the Prometheus exporter's {@link MetricsHandler}: the exporter's own
 * {@code HTTPServer} (1.3.10) serves only its metrics and a fixed health page, and takes no other handlers, so
 * the probes with their reasons would need a second port. No framework is needed for three paths.
 */
public final class HealthServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor;

    /**
     * @param program      the program's name, as {@code /healthz} says it when it is not alive
     * @param alive        true while the process is up and its work runs
     * @param notReadyWhy  why the program is not ready, or empty when it is
     */
    public HealthServer(String program, InetSocketAddress address, PrometheusRegistry registry, BooleanSupplier alive,
                        Supplier<Optional<String>> notReadyWhy) throws IOException {
        this.server = HttpServer.create(address, 16);
        this.executor = Executors.newFixedThreadPool(2, r -> Thread.ofPlatform().daemon().name("http").unstarted(r));
        server.setExecutor(executor);
        server.createContext("/metrics", new MetricsHandler(registry));
        server.createContext("/healthz", exchange -> {
            if (alive.getAsBoolean()) {
                respond(exchange, 200, "ok\n");
            } else {
                respond(exchange, 503, "not alive: " + program + " is stopping or its work has failed (/readyz says why)\n");
            }
        });
        server.createContext("/readyz", exchange -> {
            Optional<String> why = notReadyWhy.get();
            if (why.isEmpty()) {
                respond(exchange, 200, "ready\n");
            } else {
                respond(exchange, 503, "not ready: " + why.get() + "\n");
            }
        });
        server.createContext("/", exchange -> respond(exchange, 404,
                "not found: try /healthz, /readyz or /metrics\n"));
        server.start();
    }

    /** The bound port (useful with port 0 in tests). */
    public int port() {
        return server.getAddress().getPort();
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
