package io.istgt.telemetry.schemas.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * HTTP transport of the registry client: JSON requests to the first registry URL that answers, credentials
 * (basic or bearer), TLS, and the mapping of failures to typed exceptions (unreachable or 5xx: retriable; 4xx: not).
 */
final class RegistryHttp implements AutoCloseable {

    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final String ACCEPT = CONTENT_TYPE + ", application/vnd.schemaregistry+json; q=0.9, application/json; q=0.5";

    /**
     * A non-2xx answer: the HTTP status, the registry's error_code (or the status) and its message.
     *
     * @param refusal for a 401 or 403, what to check (the setting holding the credentials); else empty
     */
    record ErrorReply(String url, int status, int errorCode, String message, String refusal) {
        String describe() {
            return "HTTP " + status + " (error_code " + errorCode + ") from " + url + ": " + message;
        }
    }

    /** Maps a non-2xx, non-5xx answer to the exception the caller wants (not found, incompatible, ...). */
    @FunctionalInterface
    interface ErrorMapper {
        SchemaRegistryException map(ErrorReply reply);
    }

    private static final Pattern HTML_TITLE = Pattern.compile("<title>([^<]*)</title>", Pattern.CASE_INSENSITIVE);

    private final List<String> baseUrls;
    private final Optional<RegistryCredentials> credentials;
    private final RegistryTransport transport;
    private final ObjectMapper json = new ObjectMapper();

    RegistryHttp(List<String> baseUrls, Optional<RegistryCredentials> credentials, Optional<SSLContext> ssl,
                 Duration connectTimeout, Duration requestTimeout) {
        this.baseUrls = baseUrls.stream().map(RegistryHttp::withoutTrailingSlash).toList();
        this.credentials = credentials;
        // HTTP/1.1 only (HttpURLConnection): the registry APIs need nothing of HTTP/2, and the JDK HttpClient's
        // h2c upgrade on http:// was seen to leave a request unanswered for good (CI, 2026-11-25).
        this.transport = new RegistryTransport(ssl, connectTimeout, requestTimeout);
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
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", ACCEPT);
        if (body != null) {
            headers.put("Content-Type", CONTENT_TYPE);
        }
        credentials.ifPresent(c -> headers.put("Authorization", c.authorization()));
        RegistryTransport.Reply response = transport.exchange(method, url, headers,
                body == null ? null : body.toString().getBytes(StandardCharsets.UTF_8));
        int status = response.status();
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

    /** The default mapping of a 4xx answer, naming the request, and for 401/403 the setting to check. */
    static SchemaRegistryException requestRefused(String what, ErrorReply reply) {
        String hint = reply.refusal().isEmpty() ? "" : " (" + reply.refusal() + ")";
        return new SchemaRegistryException("schema registry refused to " + what + ": " + reply.describe() + hint);
    }

    private String refusal(int status) {
        return switch (status) {
            case 401 -> credentials.map(RegistryCredentials::onUnauthorized)
                    .orElse(RegistryCredentials.NONE_ON_UNAUTHORIZED);
            case 403 -> credentials.map(RegistryCredentials::onForbidden)
                    .orElse("the registry forbids anonymous requests: set " + AvroSerdeConfig.BASIC_AUTH_USER_INFO
                            + " or " + AvroSerdeConfig.BEARER_AUTH_TOKEN);
            default -> "";
        };
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
                return new ErrorReply(url, status, code, message, refusal(status));
            }
        } catch (IOException notJson) {
            // Proxies and load balancers answer HTML or text: keep it as the message, an HTML page by its title.
        }
        Matcher title = HTML_TITLE.matcher(body);
        return new ErrorReply(url, status, status, title.find() ? title.group(1).strip() : abbreviate(body),
                refusal(status));
    }

    private static String abbreviate(String text) {
        return text.length() <= 500 ? text : text.substring(0, 500) + "...";
    }

    private static String withoutTrailingSlash(String url) {
        String trimmed = url.strip();
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }

    /** Nothing to release: idle kept-alive connections are closed by the JDK's keep-alive cache. */
    @Override
    public void close() {
    }
}
