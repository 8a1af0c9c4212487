package io.istgt.telemetry.schemas.serde;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import javax.net.ssl.SSLContext;

/** A canned HTTP(S) registry on loopback: answers every request with one status and body, and records requests. */
final class StubRegistry implements AutoCloseable {

    /** What the stub saw: method, path (with query) and the Authorization header. */
    record Request(String method, String path, String authorization) {
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile int status;
    private volatile String body;
    private volatile boolean stallBody;
    private final CountDownLatch closed = new CountDownLatch(1);

    private StubRegistry(HttpServer server, int status, String body) {
        this.server = server;
        this.status = status;
        this.body = body;
        server.createContext("/", this::answer);
        server.start();
    }

    static StubRegistry http(int status, String body) {
        try {
            return new StubRegistry(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0),
                    status, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static StubRegistry https(SSLContext ssl, int status, String body) {
        try {
            HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setHttpsConfigurator(new HttpsConfigurator(ssl));
            return new StubRegistry(server, status, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url() {
        String scheme = server instanceof HttpsServer ? "https" : "http";
        return scheme + "://127.0.0.1:" + server.getAddress().getPort();
    }

    void answer(int status, String body) {
        this.status = status;
        this.body = body;
    }

    /** From now on, answers with the headers and half the body, then nothing more until closed. */
    void stallMidBody() {
        this.stallBody = true;
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    private void answer(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                exchange.getRequestHeaders().getFirst("Authorization")));
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/vnd.schemaregistry.v1+json");
        exchange.sendResponseHeaders(status, bytes.length);
        if (stallBody) {
            exchange.getResponseBody().write(bytes, 0, bytes.length / 2);
            exchange.getResponseBody().flush();
            try {
                closed.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
            return;
        }
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
    }
}
