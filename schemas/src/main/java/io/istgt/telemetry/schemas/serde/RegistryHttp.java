package io.istgt.telemetry.schemas.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.apache.kafka.common.errors.InterruptException;

/**
 * HTTP transport of the registry client: JSON requests to the first registry URL that answers, basic auth,
 * TLS, and the mapping of failures to typed exceptions (unreachable or 5xx: retriable; 4xx: not).
 */
final class RegistryHttp implements AutoCloseable {

    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final String ACCEPT = CONTENT_TYPE + ", application/vnd.schemaregistry+json; q=0.9, application/json; q=0.5";

    /** A non-2xx answer: the HTTP status, the registry's error_code (or the status) and its message. */
    record ErrorReply(String url, int status, int errorCode, String message) {
        String describe() {
            return "HTTP " + status + " (error_code " + errorCode + ") from " + url + ": " + message;
        }
    }

    /** Maps a non-2xx, non-5xx answer to the exception the caller wants (not found, incompatible, ...). */
    @FunctionalInterface
    interface ErrorMapper {
        SchemaRegistryException map(ErrorReply reply);
    }

    private final List<String> baseUrls;
    private final Optional<String> authorization;
    private final Duration requestTimeout;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();

    RegistryHttp(List<String> baseUrls, Optional<String> userInfo, Optional<SSLContext> ssl,
                 Duration connectTimeout, Duration requestTimeout) {
        this.baseUrls = baseUrls.stream().map(RegistryHttp::withoutTrailingSlash).toList();
        this.authorization = userInfo.map(info ->
                "Basic " + Base64.getEncoder().encodeToString(info.getBytes(StandardCharsets.UTF_8)));
        this.requestTimeout = requestTimeout;
        // HTTP/1.1: the registry APIs need nothing of HTTP/2, and the JDK client's default h2c upgrade on http://
        // was seen to leave a request unanswered for good (a consumer stuck in deserialize, CI, 2026-11-25).
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NORMAL);
        ssl.ifPresent(builder::sslContext);
        this.http = builder.build();
    }

    ObjectMapper json() {
        return json;
    }

    /**
     * Sends the request to each registry URL in turn until one answers; returns the 2xx body as JSON.
     *
     * @param body JSON body, or null for GET
     */
    JsonNode send(String method, String path, JsonNode body, ErrorMapper errors) {
        SchemaRegistryUnavailableException unavailable = null;
        for (String baseUrl : baseUrls) {
            String url = baseUrl + path;
            try {
                return sendOnce(method, url, body, errors);
            } catch (SchemaRegistryUnavailableException e) {
                if (unavailable != null) {
                    e.addSuppressed(unavailable);
                }
                unavailable = e;
            }
        }
        throw unavailable;
    }

    private JsonNode sendOnce(String method, String url, JsonNode body, ErrorMapper errors) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(requestTimeout)
                .header("Accept", ACCEPT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", CONTENT_TYPE);
        }
        authorization.ifPresent(value -> request.header("Authorization", value));
        HttpResponse<String> response;
        // The request's own timeout only covers the wait for the response's headers: the whole exchange, body
        // included, is bounded here, so a registry that stalls mid-answer cannot block a producer or a consumer.
        CompletableFuture<HttpResponse<String>> exchange = http.sendAsync(request.build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        try {
            response = exchange.get(requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw new SchemaRegistryUnavailableException("schema registry at " + url + " did not answer " + method
                    + " within " + requestTimeout.toMillis() + " ms; retriable", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof HttpTimeoutException) {
                throw new SchemaRegistryUnavailableException("schema registry at " + url + " did not answer " + method
                        + " within its timeout (" + cause.getMessage() + "); retriable", cause);
            }
            if (cause instanceof IOException io) {
                throw new SchemaRegistryUnavailableException("schema registry at " + url + " is unreachable ("
                        + describe(io) + "); retriable", io);
            }
            throw new SchemaRegistryUnavailableException("schema registry at " + url + " is unreachable (" + cause
                    + "); retriable", cause);
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            throw new InterruptException("interrupted during " + method + " " + url, e);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return parse(url, response.body());
        }
        ErrorReply reply = errorReply(url, status, response.body());
        if (status >= 500 || status == 429) {
            throw new SchemaRegistryUnavailableException("schema registry is unavailable: " + reply.describe()
                    + "; retriable");
        }
        return throwMapped(errors.map(reply));
    }

    private static JsonNode throwMapped(SchemaRegistryException e) {
        throw e;
    }

    /** The default mapping of a 4xx answer, naming the request. */
    static SchemaRegistryException requestRefused(String what, ErrorReply reply) {
        String hint = switch (reply.status()) {
            case 401 -> " (check basic.auth.user.info)";
            case 403 -> " (the credentials lack the permission)";
            default -> "";
        };
        return new SchemaRegistryException("schema registry refused to " + what + ": " + reply.describe() + hint);
    }

    private JsonNode parse(String url, String body) {
        try {
            return json.readTree(body.isEmpty() ? "{}" : body);
        } catch (IOException e) {
            throw new SchemaRegistryException("schema registry at " + url + " answered with invalid JSON: "
                    + abbreviate(body), e);
        }
    }

    private ErrorReply errorReply(String url, int status, String body) {
        try {
            JsonNode node = json.readTree(body);
            if (node != null && node.isObject()) {
                int code = node.path("error_code").asInt(status);
                String message = node.hasNonNull("message") ? node.get("message").asText()
                        : node.path("detail").asText(abbreviate(body));
                return new ErrorReply(url, status, code, message);
            }
        } catch (IOException notJson) {
            // Proxies and load balancers answer HTML or text; keep it as the message.
        }
        return new ErrorReply(url, status, status, abbreviate(body));
    }

    /** The JDK client often throws a bare ConnectException with no message: name the likely cause instead. */
    private static String describe(IOException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
                return cause.getClass().getSimpleName() + ": " + cause.getMessage();
            }
        }
        return e instanceof java.net.ConnectException ? "connection refused" : e.getClass().getSimpleName();
    }

    private static String abbreviate(String text) {
        return text.length() <= 500 ? text : text.substring(0, 500) + "...";
    }

    private static String withoutTrailingSlash(String url) {
        String trimmed = url.strip();
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }

    @Override
    public void close() {
        http.close();
    }
}
