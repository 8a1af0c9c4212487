package io.istgt.telemetry.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.istgt.telemetry.local.AlertmanagerServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * Debian's {@code prometheus-alertmanager} (0.25) as a child process on a free loopback port, with the test's
 * configuration and a data directory of its own, without gossip ({@code --cluster.listen-address=}).
 *
 * <pre>{@code
 * try (AlertmanagerProcess am = AlertmanagerProcess.start(dir, AlertmanagerProcess.routeTo(webhook.url(), ""))) {
 *     am.alerts();                // GET /api/v2/alerts: what it holds (active, silenced, inhibited)
 *     am.silence(Map.of("volume", "pvc-1"), Duration.ofHours(1));
 *     am.stop();                  // SIGTERM: it writes its silences and notification log to the data directory
 *     am.restart();               // same port, same data: the alerts themselves are gone (it keeps none)
 * }
 * }</pre>
 *
 * <p>The process itself is local-services' {@link AlertmanagerServer} (what {@code bin/istgt-demo} runs); this adds
 * what tests need: a route to their webhook, HTTPS with a client certificate and basic auth, and Alertmanager's API
 * read and written (alerts, silences). Its output goes to {@link #log()}.
 */
public final class AlertmanagerProcess implements AutoCloseable {

    /** One alert as {@code GET /api/v2/alerts} shows it. */
    public record HeldAlert(Map<String, String> labels, Map<String, String> annotations, Instant startsAt,
                            Instant endsAt, String generatorUrl, String state, List<String> silencedBy,
                            List<String> inhibitedBy) {
    }

    /**
     * Alertmanager's own web security (its {@code --web.config.file}): HTTPS with the test CA's server certificate,
     * requiring a client certificate of that CA, and basic auth, as a production Alertmanager may be set up.
     *
     * @param client the TLS context this class's own requests use (the CA trusted, a client certificate)
     */
    public record Secured(TestCertificates.PemKeyPair server, Path clientCa, String user, String password,
                          SSLContext client) {
        @Override
        public String toString() {
            return "Secured[user=" + user + ", password=(hidden)]";
        }
    }

    /** Where Debian installs it. */
    public static final Path BINARY = AlertmanagerServer.BINARY;
    /** Where Debian installs amtool, when it does. */
    public static final Path AMTOOL = Path.of("/usr/bin/amtool");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AlertmanagerServer server;
    private final Secured secured;
    private final HttpClient http;

    private AlertmanagerProcess(AlertmanagerServer server, Secured secured) {
        this.server = server;
        this.secured = secured;
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
        if (secured != null) {
            builder.sslContext(secured.client());
        }
        this.http = builder.build();
    }

    /** Whether the binary is installed (the tests that need it fail, naming the package, when not). */
    public static boolean installed() {
        return AlertmanagerServer.installed();
    }

    /** Why the binary cannot run here (missing, and what to install), or empty when it can. */
    public static Optional<String> whyNotInstalled() {
        return AlertmanagerServer.whyNotInstalled();
    }

    /**
     * A configuration routing every alert to {@code webhookUrl} at once ({@code group_wait} 0 s, {@code
     * group_interval} 1 s, {@code repeat_interval} 4 h), grouped by alertname and iqn, resolved ones included;
     * {@code extra} is appended (e.g. {@code inhibit_rules:}).
     */
    public static String routeTo(String webhookUrl, String extra) {
        return """
                route:
                  receiver: test
                  group_by: [alertname, iqn]
                  group_wait: 0s
                  group_interval: 1s
                  repeat_interval: 4h
                receivers:
                  - name: test
                    webhook_configs:
                      - url: %s
                        send_resolved: true
                """.formatted(webhookUrl) + extra;
    }

    /** Starts it on a free port with {@code configYaml}, data in {@code dir}/data, and waits until it is ready. */
    public static AlertmanagerProcess start(Path dir, String configYaml) throws IOException, InterruptedException {
        return start(dir, configYaml, null);
    }

    /** Like {@link #start(Path, String)}, serving HTTPS only, with a client certificate and basic auth required. */
    public static AlertmanagerProcess startSecured(Path dir, String configYaml, Secured secured)
            throws IOException, InterruptedException {
        return start(dir, configYaml, java.util.Objects.requireNonNull(secured, "secured"));
    }

    private static AlertmanagerProcess start(Path dir, String configYaml, Secured secured) throws IOException {
        // A missing binary fails in AlertmanagerServer's start, naming the package.
        Path root = Files.createDirectories(dir.toAbsolutePath());
        AlertmanagerServer.Builder builder = AlertmanagerServer.builder().dir(root).config(configYaml);
        if (secured != null) {
            // Alertmanager (the Prometheus exporter toolkit) takes bcrypt hashes of the passwords only.
            String hash = OpenBSDBCrypt.generate(secured.password().toCharArray(), salt(), 10);
            Path web = Files.writeString(root.resolve("web.yml"), """
                    tls_server_config:
                      cert_file: %s
                      key_file: %s
                      client_auth_type: RequireAndVerifyClientCert
                      client_ca_file: %s
                    basic_auth_users:
                      %s: '%s'
                    """.formatted(secured.server().certificateChain().toAbsolutePath(),
                    secured.server().privateKey().toAbsolutePath(), secured.clientCa().toAbsolutePath(),
                    secured.user(), hash), StandardCharsets.UTF_8);
            builder.webConfig(web, secured.client(), Optional.of(basicAuth(secured)));
        }
        return new AlertmanagerProcess(builder.start(), secured);
    }

    /** Runs {@code amtool check-config} on a file: empty when it is valid, else amtool's output. */
    public static String checkConfig(Path file) throws IOException, InterruptedException {
        Process check = new ProcessBuilder(AMTOOL.toString(), "check-config", file.toString())
                .redirectErrorStream(true).start();
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!check.waitFor(60, TimeUnit.SECONDS)) {
            check.destroyForcibly();
            return "amtool did not finish within 60 s:\n" + output;
        }
        return check.exitValue() == 0 ? "" : output;
    }

    /** {@code http(s)://127.0.0.1:<port>}: what the forwarder is given. */
    public String url() {
        return server.url();
    }

    public Path log() {
        return server.log();
    }

    public boolean isRunning() {
        return server.isRunning();
    }

    /** Stops it (SIGTERM, SIGKILL after 15 s): it writes its silences and notification log first. */
    public void stop() {
        server.stop();
    }

    /** Starts it again on the same port and data directory, and waits until it is ready. */
    public void restart() throws IOException, InterruptedException {
        server.restart();
    }

    /** What it holds now ({@code GET /api/v2/alerts}: active, silenced and inhibited; resolved ones are not shown). */
    public List<HeldAlert> alerts() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request("/api/v2/alerts").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + url() + "/api/v2/alerts answered " + response.statusCode() + ": "
                    + response.body());
        }
        List<HeldAlert> alerts = new ArrayList<>();
        for (JsonNode a : JSON.readTree(response.body())) {
            alerts.add(new HeldAlert(strings(a.path("labels")), strings(a.path("annotations")),
                    Instant.parse(a.path("startsAt").asText()), Instant.parse(a.path("endsAt").asText()),
                    a.path("generatorURL").asText(""), a.path("status").path("state").asText(),
                    texts(a.path("status").path("silencedBy")), texts(a.path("status").path("inhibitedBy"))));
        }
        return alerts;
    }

    /** Posts a silence matching {@code matchers} exactly (label = value) for {@code duration}; returns its id. */
    public String silence(Map<String, String> matchers, Duration duration) throws IOException, InterruptedException {
        Map<String, Object> silence = new LinkedHashMap<>();
        List<Map<String, Object>> match = new ArrayList<>();
        new TreeMap<>(matchers).forEach((name, value) -> match.add(Map.of("name", name, "value", value,
                "isRegex", false, "isEqual", true)));
        silence.put("matchers", match);
        Instant now = Instant.now();
        silence.put("startsAt", now.minusSeconds(1).toString());
        silence.put("endsAt", now.plus(duration).toString());
        silence.put("createdBy", "test");
        silence.put("comment", "test silence");
        HttpResponse<String> response = http.send(request("/api/v2/silences").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(silence))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("POST " + url() + "/api/v2/silences answered " + response.statusCode()
                    + ": " + response.body());
        }
        return JSON.readTree(response.body()).path("silenceID").asText();
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(10));
        if (secured != null) {
            request.header("Authorization", basicAuth(secured));
        }
        return request;
    }

    private static String basicAuth(Secured secured) {
        return "Basic " + java.util.Base64.getEncoder().encodeToString(
                (secured.user() + ":" + secured.password()).getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] salt() {
        byte[] salt = new byte[16];
        new java.security.SecureRandom().nextBytes(salt);
        return salt;
    }

    /** Its output so far, to read when a test fails. */
    public String logText() {
        try {
            return Files.readString(log());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + log(), e);
        }
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> map = new TreeMap<>();
        object.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
        return map;
    }

    private static List<String> texts(JsonNode array) {
        List<String> list = new ArrayList<>();
        array.forEach(n -> list.add(n.asText()));
        return list;
    }

    @Override
    public void close() {
        stop();
    }
}
