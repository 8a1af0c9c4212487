package io.istgt.telemetry.forwarder;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * {@code POST /api/v2/alerts} to one Alertmanager, with the JDK's HttpClient: one call, one outcome, no retry
 * (the caller, {@link TargetSender}, decides what to send again and when).
 */
final class AlertmanagerClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_REASON = 300;

    private final URI alertsUri;
    private final String name;
    private final AlertmanagerAuth auth;
    private final Duration timeout;
    private final HttpClient http;

    /**
     * @param baseUrl the Alertmanager's URL, e.g. {@code https://alertmanager:9093} (a path prefix is kept:
     *                {@code http://host/alertmanager} posts to {@code http://host/alertmanager/api/v2/alerts})
     * @param ssl     the TLS context for https (own CA, client certificate); empty for the JVM's defaults
     */
    AlertmanagerClient(URI baseUrl, AlertmanagerAuth auth, Optional<SSLContext> ssl, Duration timeout) {
        if (baseUrl.getScheme() == null || !(baseUrl.getScheme().equals("http") || baseUrl.getScheme().equals("https"))
                || baseUrl.getHost() == null) {
            throw new IllegalArgumentException("Alertmanager URL '" + baseUrl + "': expected http(s)://host:port");
        }
        if (baseUrl.getUserInfo() != null) {
            throw new IllegalArgumentException("Alertmanager URL " + AlertmanagerClient.withoutUserInfo(baseUrl)
                    + ": give credentials as the basic auth user and password file, not in the URL");
        }
        String base = baseUrl.toString().replaceAll("/+$", "");
        this.alertsUri = URI.create(base + "/api/v2/alerts");
        this.name = base;
        this.auth = Objects.requireNonNull(auth, "auth");
        this.timeout = timeout;
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER);
        ssl.ifPresent(builder::sslContext);
        this.http = builder.build();
    }

    /** The Alertmanager's base URL, what logs, metrics and /readyz name it by (it holds no secret). */
    String name() {
        return name;
    }

    PostOutcome post(List<AlertmanagerAlert> alerts) throws InterruptedException {
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(alerts.stream().map(AlertmanagerAlert::toJson).toList());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write alerts as JSON: " + e.getMessage(), e);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(alertsUri).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        auth.header().ifPresent(value -> request.header("Authorization", value));
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            return new PostOutcome.Failed("no answer from " + alertsUri + " within " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            return new PostOutcome.Failed("cannot reach " + alertsUri + ": " + describe(e));
        }
        int status = response.statusCode();
        String reason = shorten(response.body());
        if (status / 100 == 2) {
            return new PostOutcome.Accepted();
        }
        if (status == 400 || status == 422) {
            return new PostOutcome.Refused(status, reason);
        }
        if (status == 401 || status == 403) {
            return new PostOutcome.Failed(alertsUri + " answered " + status + " (" + reason + "): check the credentials"
                    + " given for it (" + auth + ")");
        }
        return new PostOutcome.Failed(alertsUri + " answered " + status + " (" + reason + ")");
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        Throwable cause = e.getCause();
        if ((message == null || message.isBlank()) && cause != null) {
            message = cause.getMessage();
        }
        return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : " " + message);
    }

    private static String shorten(String body) {
        String text = body == null ? "" : body.strip();
        return text.length() <= MAX_REASON ? text : text.substring(0, MAX_REASON) + "...";
    }

    static String withoutUserInfo(URI uri) {
        return uri.getUserInfo() == null ? uri.toString() : uri.toString().replace(uri.getRawUserInfo() + "@", "");
    }
}
