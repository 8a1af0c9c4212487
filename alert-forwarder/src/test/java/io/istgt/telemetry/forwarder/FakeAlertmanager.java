package io.istgt.telemetry.forwarder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A stand-in for Alertmanager's {@code POST /api/v2/alerts} in unit tests: records each batch and its headers, and
 * answers what the test says (the real one runs in the ITs).
 */
final class FakeAlertmanager implements AutoCloseable {

    /** One request as received. */
    record Post(List<JsonNode> alerts, String authorization) {
        List<String> label(String name) {
            return alerts.stream().map(a -> a.path("labels").path(name).asText()).toList();
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    private final List<Post> posts = new CopyOnWriteArrayList<>();
    private volatile Function<Post, Integer> answer = post -> 200;

    FakeAlertmanager() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/api/v2/alerts", exchange -> {
            try (exchange) {
                JsonNode body = JSON.readTree(exchange.getRequestBody());
                List<JsonNode> alerts = new ArrayList<>();
                body.forEach(alerts::add);
                Post post = new Post(alerts, exchange.getRequestHeaders().getFirst("Authorization"));
                posts.add(post);
                int status = answer.apply(post);
                byte[] reply = (status == 200 ? "" : "\"refused by the fake\"").getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(status, reply.length == 0 ? -1 : reply.length);
                if (reply.length > 0) {
                    exchange.getResponseBody().write(reply);
                }
            }
        });
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    void answer(Function<Post, Integer> answer) {
        this.answer = answer;
    }

    List<Post> posts() {
        return List.copyOf(posts);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
