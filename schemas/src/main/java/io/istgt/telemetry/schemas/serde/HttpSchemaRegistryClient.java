package io.istgt.telemetry.schemas.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * A {@link SchemaRegistryClient} speaking the Confluent Schema Registry REST API over HTTP/1.1
 * ({@link RegistryTransport}), so it works with Confluent Schema Registry, Apicurio Registry
 * ({@code /apis/ccompat/v7}), Karapace and Redpanda.
 *
 * <pre>{@code
 * SchemaRegistryClient registry = HttpSchemaRegistryClient.builder()
 *         .urls(List.of("https://registry:8081"))
 *         .userInfo("user:secret")                          // or .bearerToken(token)
 *         .sslContext(TlsSettings.trustPem(Path.of("registry-ca.pem")).sslContext())
 *         .build();
 * }</pre>
 *
 * <p>Ids are cached both ways (subject + schema to id, id to schema) for the client's lifetime: ids never change
 * meaning in a registry, so the cache needs no expiry.
 */
public final class HttpSchemaRegistryClient implements SchemaRegistryClient {

    private record SubjectSchema(String subject, Schema schema) {
    }

    private final RegistryHttp http;
    private final Map<SubjectSchema, Integer> ids = new ConcurrentHashMap<>();
    private final Map<Integer, Schema> schemas = new ConcurrentHashMap<>();

    private HttpSchemaRegistryClient(RegistryHttp http) {
        this.http = http;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public int register(String subject, Schema schema) {
        return cachedId(subject, schema, () -> http.send("POST", "/subjects/" + encode(subject) + "/versions",
                schemaBody(schema), error -> switch (error.status()) {
                    case 409 -> new IncompatibleSchemaException(subject, error.message());
                    default -> RegistryHttp.requestRefused("register a schema under subject " + subject, error);
                }));
    }

    @Override
    public int idOf(String subject, Schema schema) {
        return cachedId(subject, schema, () -> http.send("POST", "/subjects/" + encode(subject), schemaBody(schema),
                error -> switch (error.status()) {
                    case 404 -> new SchemaNotFoundException("subject " + subject + " does not hold schema "
                            + schema.getFullName() + " and auto-registration is off: " + error.describe());
                    default -> RegistryHttp.requestRefused("look up a schema under subject " + subject, error);
                }));
    }

    @Override
    public Schema schemaById(int id) {
        Schema cached = schemas.get(id);
        if (cached != null) {
            return cached;
        }
        JsonNode reply = http.send("GET", "/schemas/ids/" + id, null, error -> switch (error.status()) {
            case 404 -> new SchemaNotFoundException("schema registry knows no schema with id " + id
                    + " (was the record written against another registry?): " + error.describe());
            default -> RegistryHttp.requestRefused("fetch schema id " + id, error);
        });
        String type = reply.path("schemaType").asText("AVRO");
        if (!"AVRO".equals(type)) {
            throw new SchemaRegistryException("schema id " + id + " is a " + type + " schema, not Avro");
        }
        Schema schema;
        try {
            schema = new Schema.Parser().parse(reply.path("schema").asText());
        } catch (SchemaParseException e) {
            throw new SchemaRegistryException("schema id " + id + " from the registry is not valid Avro", e);
        }
        Schema previous = schemas.putIfAbsent(id, schema);
        return previous != null ? previous : schema;
    }

    @Override
    public void setCompatibility(String subject, Compatibility compatibility) {
        ObjectNode body = http.json().createObjectNode().put("compatibility", compatibility.name());
        try {
            http.send("PUT", "/config/" + encode(subject), body, error -> error.status() == 409
                    ? new RuleRaced(error)
                    : RegistryHttp.requestRefused("set compatibility " + compatibility + " on subject " + subject,
                            error));
        } catch (RuleRaced raced) {
            // Apicurio answers 409 "rule already exists" when another writer (a second stream thread, another
            // collector) created the subject's rule between its check and its insert. The rule is there: it
            // is done if it is the one asked for.
            Compatibility now = compatibility(subject);
            if (now != compatibility) {
                throw RegistryHttp.requestRefused("set compatibility " + compatibility + " on subject " + subject
                        + " (another writer set " + now + " at the same time)", raced.reply);
            }
        }
    }

    /** A 409 to a compatibility update: another writer set the subject's rule at the same moment. */
    private static final class RuleRaced extends SchemaRegistryException {
        private final RegistryHttp.ErrorReply reply;

        RuleRaced(RegistryHttp.ErrorReply reply) {
            super(reply.describe());
            this.reply = reply;
        }
    }

    @Override
    public Compatibility compatibility(String subject) {
        JsonNode reply = http.send("GET", "/config/" + encode(subject) + "?defaultToGlobal=true", null,
                error -> RegistryHttp.requestRefused("read the compatibility of subject " + subject, error));
        String level = reply.path("compatibilityLevel").asText(reply.path("compatibility").asText("BACKWARD"));
        return Compatibility.valueOf(level.toUpperCase(Locale.ROOT));
    }

    @Override
    public void close() {
        http.close();
    }

    /** Network IO happens outside the map's locks; two racing lookups get the same id from the registry. */
    private int cachedId(String subject, Schema schema, Supplier<JsonNode> request) {
        SubjectSchema key = new SubjectSchema(subject, schema);
        Integer cached = ids.get(key);
        if (cached != null) {
            return cached;
        }
        int id = requireId(request.get(), subject);
        ids.putIfAbsent(key, id);
        schemas.putIfAbsent(id, schema);
        return id;
    }

    private ObjectNode schemaBody(Schema schema) {
        return http.json().createObjectNode().put("schema", schema.toString());
    }

    private static int requireId(JsonNode reply, String subject) {
        JsonNode id = reply.get("id");
        if (id == null || !id.canConvertToInt()) {
            throw new SchemaRegistryException("schema registry answered for subject " + subject
                    + " without a schema id: " + reply);
        }
        return id.asInt();
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Settings of an {@link HttpSchemaRegistryClient}. */
    public static final class Builder {
        private List<String> urls = List.of();
        private Optional<RegistryCredentials> credentials = Optional.empty();
        private Optional<SSLContext> sslContext = Optional.empty();
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration requestTimeout = Duration.ofSeconds(10);

        private Builder() {
        }

        /** Registry base URLs, tried in order while unreachable (required, e.g. http://host:8081). */
        public Builder urls(List<String> urls) {
            this.urls = List.copyOf(urls);
            return this;
        }

        /**
         * Basic-auth credentials as {@code user:password}; default none. Replaces a {@link #bearerToken(String)}:
         * a request carries one {@code Authorization} header.
         *
         * @throws IllegalArgumentException when there is no colon (the message does not show the value)
         */
        public Builder userInfo(String userInfo) {
            this.credentials = Optional.ofNullable(userInfo).filter(info -> !info.isEmpty())
                    .map(info -> RegistryCredentials.Basic.parse(info, AvroSerdeConfig.BASIC_AUTH_USER_INFO));
            return this;
        }

        /** Basic auth or a bearer token, with the setting a refusal's hint names. */
        Builder credentials(RegistryCredentials credentials) {
            this.credentials = Optional.of(credentials);
            return this;
        }

        /**
         * A static bearer token, sent as {@code Authorization: Bearer <token>}; default none. Replaces
         * {@link #userInfo(String)}.
         */
        public Builder bearerToken(String token) {
            this.credentials = Optional.ofNullable(token).filter(t -> !t.isBlank())
                    .map(t -> new RegistryCredentials.Bearer(t.strip()));
            return this;
        }

        /** TLS context for https URLs; default the JVM's. */
        public Builder sslContext(SSLContext sslContext) {
            this.sslContext = Optional.ofNullable(sslContext);
            return this;
        }

        /** Time to establish a connection; default 5 s. */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
            return this;
        }

        /** Time for a whole request; default 10 s. */
        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
            return this;
        }

        public HttpSchemaRegistryClient build() {
            if (urls.isEmpty() || urls.stream().anyMatch(String::isBlank)) {
                throw new IllegalArgumentException("a schema registry client needs at least one URL, got " + urls);
            }
            for (String url : urls) {
                if (!url.startsWith("http://") && !url.startsWith("https://")) {
                    throw new IllegalArgumentException("schema registry URL " + url + " is neither http:// nor https://");
                }
            }
            return new HttpSchemaRegistryClient(new RegistryHttp(urls, credentials, sslContext, connectTimeout,
                    requestTimeout));
        }
    }
}
