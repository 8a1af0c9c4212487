package io.istgt.telemetry.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.istgt.telemetry.testsupport.Await;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.errors.InterruptException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The registry client's transport against the JDK's own HTTP server on loopback. */
class RegistryTransportTest {

    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private String serve(HttpHandler handler) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", handler);
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Test
    void shouldSendTheBodyAndHeadersAndReadTheAnswer() throws IOException {
        AtomicReference<String> seen = new AtomicReference<>();
        String url = serve(exchange -> {
            seen.set(exchange.getRequestMethod() + " " + exchange.getRequestHeaders().getFirst("Content-Type") + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            answer(exchange, 201, "{\"id\":3}");
        });
        RegistryTransport transport = transport(Duration.ofSeconds(5));

        RegistryTransport.Reply reply = transport.exchange("PUT", url + "/config/s", Map.of("Content-Type", "a/b"),
                "{\"x\":1}".getBytes(StandardCharsets.UTF_8));

        assertThat(reply).isEqualTo(new RegistryTransport.Reply(201, "{\"id\":3}"));
        assertThat(seen.get()).isEqualTo("PUT a/b {\"x\":1}");
    }

    @Test
    void shouldReadAnErrorAnswersBodyAndKeepTheConnectionForTheNextRequest() throws IOException {
        Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
        String url = serve(exchange -> {
            clientPorts.add(exchange.getRemoteAddress().getPort());
            exchange.getRequestBody().readAllBytes();
            boolean missing = exchange.getRequestURI().getPath().equals("/missing");
            answer(exchange, missing ? 404 : 200, missing ? "{\"error_code\":40403}" : "{}");
        });
        RegistryTransport transport = transport(Duration.ofSeconds(5));

        RegistryTransport.Reply first = transport.exchange("GET", url + "/missing", Map.of(), null);
        RegistryTransport.Reply second = transport.exchange("POST", url + "/found", Map.of(), new byte[] {'{', '}'});
        RegistryTransport.Reply third = transport.exchange("GET", url + "/missing", Map.of(), null);

        assertThat(first).isEqualTo(new RegistryTransport.Reply(404, "{\"error_code\":40403}"));
        assertThat(second).isEqualTo(new RegistryTransport.Reply(200, "{}"));
        assertThat(third).isEqualTo(first);
        assertThat(clientPorts).as("one kept-alive connection for all three").hasSize(1);
    }

    @Test
    void shouldBoundAnAnswerThatTricklesAndCloseItsConnection() throws Exception {
        // A byte every 50 ms never trips a read timeout: only the bound on the whole exchange ends it.
        CountDownLatch serverSawClose = new CountDownLatch(1);
        String url = serve(exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, 100_000);
            OutputStream body = exchange.getResponseBody();
            try {
                for (int i = 0; i < 100_000; i++) {
                    body.write('x');
                    body.flush();
                    // the trickle is the server's behaviour under test, not a wait for anything
                    Thread.sleep(50);
                }
            } catch (IOException closedByClient) {
                serverSawClose.countDown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        RegistryTransport transport = transport(Duration.ofMillis(500));

        long start = System.nanoTime();
        assertTimeoutPreemptively(Duration.ofSeconds(20), () ->
                assertThatThrownBy(() -> transport.exchange("GET", url + "/schemas/ids/1", Map.of(), null))
                        .isInstanceOf(SchemaRegistryUnavailableException.class)
                        .hasMessage("schema registry at " + url + "/schemas/ids/1 did not answer GET within 500 ms;"
                                + " retriable"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(serverSawClose.await(10, TimeUnit.SECONDS))
                .as("the abandoned exchange's socket is closed, not left reading").isTrue();
    }

    @Test
    void shouldGiveUpWhenTheCallerIsInterruptedAndKeepItsInterruptFlag() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch asked = new CountDownLatch(1);
        String url = serve(exchange -> {
            asked.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            answer(exchange, 200, "{}");
        });
        RegistryTransport transport = transport(Duration.ofSeconds(30));
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Boolean> flagKept = new AtomicReference<>();
        Thread caller = Thread.ofPlatform().start(() -> {
            try {
                transport.exchange("GET", url + "/x", Map.of(), null);
            } catch (RuntimeException e) {
                thrown.set(e);
                flagKept.set(Thread.currentThread().isInterrupted());
            }
        });
        // interrupted while it waits for the answer: the server has the request, the caller is parked
        assertThat(asked.await(20, TimeUnit.SECONDS)).as("the request reached the server").isTrue();
        Await.atMost(Duration.ofSeconds(20)).until(() -> caller.getState() == Thread.State.TIMED_WAITING,
                () -> "the caller waiting for the answer; it is " + caller.getState());

        caller.interrupt();
        caller.join(5000);
        release.countDown();

        assertThat(caller.isAlive()).isFalse();
        assertThat(thrown.get()).isInstanceOf(InterruptException.class);
        assertThat(flagKept.get()).isTrue();
    }

    @Test
    void shouldTakeATimeoutLongerThanTheConnectionsIntOfMilliseconds() throws IOException {
        String url = serve(exchange -> answer(exchange, 200, "{}"));
        RegistryTransport transport = new RegistryTransport(Optional.empty(), Duration.ofDays(30), Duration.ofDays(30));

        assertThat(transport.exchange("GET", url + "/x", Map.of(), null))
                .isEqualTo(new RegistryTransport.Reply(200, "{}"));
    }

    @Test
    void shouldReportARefusedConnectionAsRetriable() throws IOException {
        String url = serve(exchange -> answer(exchange, 200, "{}"));
        server.stop(0);
        server = null;

        assertThatThrownBy(() -> transport(Duration.ofSeconds(5)).exchange("GET", url + "/x", Map.of(), null))
                .isInstanceOf(SchemaRegistryUnavailableException.class)
                .hasMessageStartingWith("schema registry at " + url + "/x is unreachable (")
                .satisfies(e -> assertThat(((SchemaRegistryException) e).isRetriable()).isTrue());
    }

    private static RegistryTransport transport(Duration requestTimeout) {
        return new RegistryTransport(Optional.empty(), Duration.ofSeconds(2), requestTimeout);
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
