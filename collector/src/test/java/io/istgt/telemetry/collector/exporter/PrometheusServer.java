package io.istgt.telemetry.collector.exporter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.istgt.telemetry.testsupport.Await;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real Prometheus (Debian's {@code /usr/bin/prometheus}) as a child process on loopback: its configuration
 * given, its data in a directory of the test's, killed at the end. Queries go through its HTTP API.
 */
final class PrometheusServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration START = Duration.ofSeconds(60);

    private final Process process;
    private final Path log;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private PrometheusServer(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** Starts Prometheus with {@code config}, keeping its data and output under {@code dir}, and waits for it. */
    static PrometheusServer start(Path config, Path dir) throws Exception {
        int port = freePort();
        Path data = Files.createDirectories(dir.resolve("prometheus-data"));
        Path log = dir.resolve("prometheus.log");
        Process process;
        try {
            process = new ProcessBuilder(List.of("prometheus", "--config.file=" + config,
                    "--storage.tsdb.path=" + data, "--web.listen-address=127.0.0.1:" + port, "--log.level=warn"))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new IOException("cannot run prometheus (" + e.getMessage() + "): install Debian's prometheus"
                    + " package, as .ci/run does", e);
        }
        PrometheusServer server = new PrometheusServer(process, log, port);
        try {
            Await.atMost(START).every(Duration.ofMillis(200)).until(server::ready,
                    () -> "Prometheus on 127.0.0.1:" + port + " not ready; its output:\n" + server.output());
        } catch (Exception | AssertionError e) {
            server.close();
            throw e;
        }
        return server;
    }

    private boolean ready() throws IOException, InterruptedException {
        if (!process.isAlive()) {
            throw new IllegalStateException("Prometheus exited with " + process.exitValue() + ":\n" + output());
        }
        try {
            return http.send(HttpRequest.newBuilder(uri("/-/ready")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (java.net.ConnectException e) {
            return false;
        }
    }

    /** The result of an instant query ({@code data.result}); fails with Prometheus' error when it refuses it. */
    JsonNode query(String promql) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/api/v1/query?query="
                        + URLEncoder.encode(promql, StandardCharsets.UTF_8))).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(response.body());
        if (!"success".equals(body.path("status").asText())) {
            throw new AssertionError("Prometheus refused the query " + promql + ": " + body.path("errorType").asText()
                    + ": " + body.path("error").asText());
        }
        return body.path("data").path("result");
    }

    /** The targets' scrape state, as {@code /api/v1/targets} reports it. */
    JsonNode targets() throws IOException, InterruptedException {
        return JSON.readTree(http.send(HttpRequest.newBuilder(uri("/api/v1/targets")).build(),
                HttpResponse.BodyHandlers.ofString()).body()).path("data").path("activeTargets");
    }

    String output() {
        try {
            return Files.exists(log) ? Files.readString(log) : "(no output)";
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
