package io.istgt.telemetry.forwarder;

import io.istgt.telemetry.schemas.IstgtTopic;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * The forwarder's own settings. Each key is declared once here with its type, default, validation and doc;
 * {@link #reference()} prints them. Any other key (Kafka client settings, the serde's {@code schema.registry.*})
 * passes through to the consumers.
 */
public final class ForwarderConfig extends AbstractConfig {

    public static final String ALERTMANAGER_URLS = "alertmanager.urls";
    public static final String ALERTS_TOPIC = "alerts.topic";
    public static final String ACTIVE_ALERTS_TOPIC = "alerts.active.topic";
    public static final String GROUP_ID = "group.id";
    public static final String STATIC_LABELS = "labels";
    public static final String RUNBOOK_URL_TEMPLATE = "runbook.url.template";
    public static final String GENERATOR_URL_TEMPLATE = "generator.url.template";
    public static final String RESEND_INTERVAL_MS = "resend.interval.ms";
    public static final String RESEND_RATE = "resend.max.alerts.per.second";
    public static final String BATCH_SIZE = "batch.size";
    public static final String TIMEOUT_MS = "alertmanager.timeout.ms";
    public static final String BACKOFF_INITIAL_MS = "retry.backoff.initial.ms";
    public static final String BACKOFF_MAX_MS = "retry.backoff.max.ms";
    public static final String MAX_QUEUED = "max.queued.changes";
    public static final String BASIC_AUTH_USER = "alertmanager.basic.auth.user";
    public static final String BASIC_AUTH_PASSWORD_FILE = "alertmanager.basic.auth.password.file";
    public static final String BEARER_TOKEN_FILE = "alertmanager.bearer.token.file";
    public static final String CA_FILE = "alertmanager.tls.ca.file";
    public static final String KEYSTORE_FILE = "alertmanager.tls.keystore.file";
    public static final String KEYSTORE_PASSWORD_FILE = "alertmanager.tls.keystore.password.file";

    /** The default runbook: the alert kinds' table of the project's docs. */
    public static final String DEFAULT_RUNBOOK = "docs/alerts.md#alert-kinds";

    static final ConfigDef DEFINITION = new ConfigDef()
            .define(ALERTMANAGER_URLS, Type.LIST, List.of(), Importance.HIGH,
                    "Comma-separated Alertmanager base URLs (http://host:9093). Each gets every alert, as Prometheus"
                    + " sends to each member of an Alertmanager cluster; each has a sender of its own. Required.")
            .define(ALERTS_TOPIC, Type.STRING, IstgtTopic.ALERTS.defaultName(), Importance.MEDIUM,
                    "Each alert change, read in the consumer group " + GROUP_ID + " (read_committed).")
            .define(ACTIVE_ALERTS_TOPIC, Type.STRING, IstgtTopic.ACTIVE_ALERTS.defaultName(), Importance.MEDIUM,
                    "What fires now (compacted), read from its beginning at every start without a group.")
            .define(GROUP_ID, Type.STRING, "istgt-alert-forwarder", Importance.MEDIUM,
                    "Consumer group of the changes: its committed offsets are what every Alertmanager has answered."
                    + " A new group starts at the changes of the minute before the forwarder started (what fired"
                    + " before comes from " + ACTIVE_ALERTS_TOPIC + ") and commits that start at once.")
            .define(STATIC_LABELS, Type.LIST, List.of(), Importance.MEDIUM,
                    "Labels added to every alert, as name=value pairs separated by commas (cluster=eu-1,env=prod).")
            .define(RUNBOOK_URL_TEMPLATE, Type.STRING, DEFAULT_RUNBOOK, Importance.MEDIUM,
                    "The runbook_url annotation; placeholders " + UrlTemplate.PLACEHOLDER_LIST + " (values"
                    + " percent-encoded). Empty for none.")
            .define(GENERATOR_URL_TEMPLATE, Type.STRING, "", Importance.MEDIUM,
                    "The generatorURL (Alertmanager's link 'Source'), e.g. a dashboard:"
                    + " https://grafana.example/d/istgt?var-volume={volume}; placeholders as " + RUNBOOK_URL_TEMPLATE
                    + ". Empty (default) for none.")
            .define(RESEND_INTERVAL_MS, Type.LONG, 60_000L, Range.atLeast(100), Importance.MEDIUM,
                    "Every firing alert is sent again this often, with endsAt 4 intervals ahead: one that still fires"
                    + " never expires in Alertmanager, and with the forwarder gone they expire on their own.")
            .define(RESEND_RATE, Type.DOUBLE, 1000.0, Range.atLeast(1), Importance.LOW,
                    "Re-sent alerts per second at most, per Alertmanager (new changes are never held by it).")
            .define(BATCH_SIZE, Type.INT, 64, Range.between(1, 10_000), Importance.LOW,
                    "Alerts per POST /api/v2/alerts at most.")
            .define(TIMEOUT_MS, Type.LONG, 10_000L, Range.atLeast(1), Importance.LOW,
                    "Time to connect to an Alertmanager, and for one POST to be answered, before it counts as failed.")
            .define(BACKOFF_INITIAL_MS, Type.LONG, 500L, Range.atLeast(1), Importance.LOW,
                    "First wait after a failed POST; doubled after each further failure, up to " + "retry.backoff.max.ms.")
            .define(BACKOFF_MAX_MS, Type.LONG, 30_000L, Range.atLeast(1), Importance.LOW,
                    "Longest wait between retries of a failed POST. A change is retried until accepted.")
            .define(MAX_QUEUED, Type.INT, 100_000, Range.atLeast(1), Importance.LOW,
                    "Changes read but not yet accepted by an Alertmanager, at most: reading pauses beyond.")
            .define(BASIC_AUTH_USER, Type.STRING, "", Importance.MEDIUM,
                    "Basic auth user towards Alertmanager (a proxy in front of it); needs " + BASIC_AUTH_PASSWORD_FILE
                    + ". Empty for none.")
            .define(BASIC_AUTH_PASSWORD_FILE, Type.STRING, "", Importance.MEDIUM,
                    "File holding the basic auth password (one line; read at start).")
            .define(BEARER_TOKEN_FILE, Type.STRING, "", Importance.MEDIUM,
                    "File holding a bearer token sent as Authorization: Bearer (read at start). Excludes basic auth.")
            .define(CA_FILE, Type.STRING, "", Importance.MEDIUM,
                    "PEM file of the CA certificates that sign the Alertmanagers' (https). Empty: the JVM's CAs.")
            .define(KEYSTORE_FILE, Type.STRING, "", Importance.MEDIUM,
                    "PKCS12 key store with the client certificate and key, for an Alertmanager (or its proxy) asking"
                    + " for mutual TLS. Needs " + KEYSTORE_PASSWORD_FILE + ".")
            .define(KEYSTORE_PASSWORD_FILE, Type.STRING, "", Importance.MEDIUM,
                    "File holding the key store's password (and its key's).");

    /** Keys whose value is a secret or names no secret but is shown masked anyway: none here hold one inline. */
    static final Set<String> SECRET_KEY_MARKERS = Set.of("password", "secret", "token", "jaas", "user.info");

    public ForwarderConfig(Map<String, ?> settings) {
        super(DEFINITION, settings, false);
        if (getList(ALERTMANAGER_URLS).isEmpty()) {
            throw new ConfigException(ALERTMANAGER_URLS, "", "missing: give at least one Alertmanager URL"
                    + " (--alertmanager-url)");
        }
        if (getLong(BACKOFF_MAX_MS) < getLong(BACKOFF_INITIAL_MS)) {
            throw new ConfigException(BACKOFF_MAX_MS + " (" + getLong(BACKOFF_MAX_MS) + ") is less than "
                    + BACKOFF_INITIAL_MS + " (" + getLong(BACKOFF_INITIAL_MS) + ")");
        }
        if (!getString(BEARER_TOKEN_FILE).isEmpty() && !getString(BASIC_AUTH_USER).isEmpty()) {
            throw new ConfigException("both " + BEARER_TOKEN_FILE + " and " + BASIC_AUTH_USER + " are set, but a"
                    + " request carries one Authorization header: keep one of them");
        }
        if (getString(BASIC_AUTH_USER).isEmpty() != getString(BASIC_AUTH_PASSWORD_FILE).isEmpty()) {
            throw new ConfigException(BASIC_AUTH_USER + " and " + BASIC_AUTH_PASSWORD_FILE + " go together: set both"
                    + " or neither");
        }
        if (getString(KEYSTORE_FILE).isEmpty() != getString(KEYSTORE_PASSWORD_FILE).isEmpty()) {
            throw new ConfigException(KEYSTORE_FILE + " and " + KEYSTORE_PASSWORD_FILE + " go together: set both"
                    + " or neither");
        }
        urls();
        mapping();
    }

    /** The Alertmanagers' base URLs. */
    List<URI> urls() {
        return getList(ALERTMANAGER_URLS).stream().map(String::strip).filter(s -> !s.isEmpty()).map(url -> {
            try {
                URI uri = new URI(url);
                if (uri.getScheme() == null || !uri.getScheme().matches("https?") || uri.getHost() == null) {
                    throw new ConfigException(ALERTMANAGER_URLS, url, "expected http(s)://host:port");
                }
                if (uri.getUserInfo() != null) {
                    throw new ConfigException(ALERTMANAGER_URLS, AlertmanagerClient.withoutUserInfo(uri),
                            "credentials do not go in the URL: give " + BASIC_AUTH_USER + " and "
                            + BASIC_AUTH_PASSWORD_FILE);
                }
                return uri;
            } catch (java.net.URISyntaxException e) {
                throw new ConfigException(ALERTMANAGER_URLS, url, "not a URL: " + e.getReason());
            }
        }).toList();
    }

    String alertsTopic() {
        return getString(ALERTS_TOPIC);
    }

    String activeAlertsTopic() {
        return getString(ACTIVE_ALERTS_TOPIC);
    }

    String groupId() {
        return getString(GROUP_ID);
    }

    int maxQueued() {
        return getInt(MAX_QUEUED);
    }

    Duration timeout() {
        return Duration.ofMillis(getLong(TIMEOUT_MS));
    }

    SendSettings sendSettings() {
        return new SendSettings(getInt(BATCH_SIZE), Duration.ofMillis(getLong(RESEND_INTERVAL_MS)),
                getDouble(RESEND_RATE), Duration.ofMillis(getLong(BACKOFF_INITIAL_MS)),
                Duration.ofMillis(getLong(BACKOFF_MAX_MS)));
    }

    AlertMapping mapping() {
        Map<String, String> labels = new LinkedHashMap<>();
        for (String pair : getList(STATIC_LABELS)) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new ConfigException(STATIC_LABELS, pair, "expected name=value");
            }
            labels.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
        }
        try {
            return new AlertMapping(labels, new UrlTemplate(getString(RUNBOOK_URL_TEMPLATE)),
                    new UrlTemplate(getString(GENERATOR_URL_TEMPLATE)), sendSettings().validity());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(STATIC_LABELS + ", " + RUNBOOK_URL_TEMPLATE + " or " + GENERATOR_URL_TEMPLATE
                    + ": " + e.getMessage());
        }
    }

    AlertmanagerAuth auth() {
        if (!getString(BEARER_TOKEN_FILE).isEmpty()) {
            return new AlertmanagerAuth.Bearer(secret(BEARER_TOKEN_FILE));
        }
        if (!getString(BASIC_AUTH_USER).isEmpty()) {
            return new AlertmanagerAuth.Basic(getString(BASIC_AUTH_USER), secret(BASIC_AUTH_PASSWORD_FILE));
        }
        return new AlertmanagerAuth.None();
    }

    /** The TLS context towards the Alertmanagers, when a CA or a client certificate is configured. */
    Optional<javax.net.ssl.SSLContext> sslContext() {
        String ca = getString(CA_FILE);
        String keystore = getString(KEYSTORE_FILE);
        if (ca.isEmpty() && keystore.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(TlsContexts.of(ca.isEmpty() ? Optional.empty() : Optional.of(Path.of(ca)), CA_FILE,
                keystore.isEmpty() ? Optional.empty() : Optional.of(Path.of(keystore)), KEYSTORE_FILE,
                keystore.isEmpty() ? null : secret(KEYSTORE_PASSWORD_FILE).toCharArray()));
    }

    /** The first line of the file a key names, stripped; fails naming the key and the file, never the content. */
    private String secret(String key) {
        Path file = Path.of(getString(key));
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            String firstLine = text.lines().findFirst().orElse("").strip();
            if (firstLine.isEmpty()) {
                throw new ConfigException(key, file.toString(), "the file is empty");
            }
            return firstLine;
        } catch (IOException e) {
            throw new ConfigException(key, file.toString(), "cannot read it: " + e);
        }
    }

    /**
     * The settings as given, each value whose key names a secret masked: what {@code --print-config} shows. The
     * secrets of this program are in files; the Kafka and registry settings may hold some inline.
     */
    static Map<String, String> masked(Map<String, ?> settings) {
        Map<String, String> shown = new TreeMap<>();
        settings.forEach((key, value) -> {
            boolean secret = !key.endsWith(".file") && !key.endsWith(".location")
                    && SECRET_KEY_MARKERS.stream().anyMatch(key.toLowerCase(java.util.Locale.ROOT)::contains);
            shown.put(key, secret ? "(hidden)" : String.valueOf(value));
        });
        return shown;
    }

    /** Every key of the forwarder with its doc and default. */
    public static String reference() {
        return DEFINITION.toEnrichedRst();
    }
}
