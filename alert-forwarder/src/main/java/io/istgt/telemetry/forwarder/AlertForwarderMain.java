package io.istgt.telemetry.forwarder;

import io.istgt.telemetry.health.HealthServer;
import io.istgt.telemetry.options.ConfigFile;
import io.istgt.telemetry.options.OtherKeys;
import io.istgt.telemetry.options.ProgramDefaults;
import io.istgt.telemetry.options.ProgramOptions;
import io.istgt.telemetry.schemas.serde.AvroSerdeConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code istgt-alert-forwarder}: wires the configuration, the forwarder, its HTTP port and a shutdown hook;
 * nothing else.
 */
@Command(name = "istgt-alert-forwarder", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Forwards the analytics' alerts to Prometheus Alertmanager (API v2): each change at once, what"
                + " fires again every resend interval; offsets committed only once every Alertmanager answered.",
        version = "istgt-alert-forwarder 0.1.0",
        footer = {"%nEvery key of the forwarder (--print-config lists them with their values) and any Kafka consumer or"
                + " schema registry setting can be given in --config FILE (Java properties, dotted keys) beside the"
                + " options (<option>=<value>). ISTGT_FORWARDER_JAVA_OPTS: the JVM's options."})
public final class AlertForwarderMain implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(AlertForwarderMain.class);
    private static final String PROGRAM = "istgt-alert-forwarder";
    /** The file's keys without a dot that are not options: the forwarder's own and Kafka consumer settings. */
    static final Set<String> UNDOTTED_KEYS = Stream.concat(Stream.of(ForwarderConfig.STATIC_LABELS),
            ConsumerConfig.configNames().stream().filter(k -> k.indexOf('.') < 0)).collect(Collectors.toUnmodifiableSet());

    @Option(names = "--bootstrap-servers", defaultValue = "localhost:9092",
            description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).")
    String bootstrapServers;

    @Option(names = "--schema-registry-url",
            defaultValue = "http://localhost:8081",
            description = "Schema registry (Confluent REST API) URL (default: ${DEFAULT-VALUE}).")
    String schemaRegistryUrl;

    @Option(names = "--alertmanager-url", split = ",", paramLabel = "URL",
            description = "An Alertmanager's base URL, e.g. http://alertmanager:9093; repeat it (or give a comma list)"
                    + " for each member of a cluster: each gets every alert.")
    List<String> alertmanagerUrls;

    @Option(names = "--label", split = ",", paramLabel = "NAME=VALUE",
            description = "A static label on every alert (cluster=eu-1); repeatable.")
    List<String> labels;

    @Option(names = "--runbook-url-template",
            description = "The runbook_url annotation; placeholders " + UrlTemplate.PLACEHOLDER_LIST
                    + " (default: " + ForwarderConfig.DEFAULT_RUNBOOK + "; empty for none).")
    String runbookUrlTemplate;

    @Option(names = "--generator-url-template",
            description = "The generatorURL, e.g. a dashboard https://grafana.example/d/istgt?var-volume={volume}"
                    + " (default: none).")
    String generatorUrlTemplate;

    @Option(names = "--resend-interval", paramLabel = "MS",
            description = "Milliseconds between re-sends of every firing alert; endsAt is put 4 intervals ahead"
                    + " (default: 60000).")
    Long resendIntervalMs;

    @Option(names = "--batch-size",
            description = "Alerts per POST at most (default: 64).")
    Integer batchSize;

    @Option(names = "--group-id",
            description = "Consumer group of the changes (default: istgt-alert-forwarder).")
    String groupId;

    @Option(names = "--basic-auth-user",
            description = "Basic auth user towards Alertmanager; with --basic-auth-password-file.")
    String basicAuthUser;

    @Option(names = "--basic-auth-password-file", paramLabel = "FILE",
            description = "File holding the basic auth password.")
    Path basicAuthPasswordFile;

    @Option(names = "--bearer-token-file", paramLabel = "FILE",
            description = "File holding a bearer token (Authorization: Bearer).")
    Path bearerTokenFile;

    @Option(names = "--ca-file", paramLabel = "FILE",
            description = "PEM file of the CA certificates of the Alertmanagers' https (default: the JVM's CAs).")
    Path caFile;

    @Option(names = "--keystore-file", paramLabel = "FILE",
            description = "PKCS12 key store with the client certificate for mutual TLS; with --keystore-password-file.")
    Path keystoreFile;

    @Option(names = "--keystore-password-file", paramLabel = "FILE",
            description = "File holding the key store's password.")
    Path keystorePasswordFile;

    @Option(names = "--config",
            description = "Properties file: the forwarder's keys, Kafka consumer and schema registry settings.")
    Path configFile;

    @Option(names = "--http-port", defaultValue = "9406",
            description = "Port of /healthz, /readyz and /metrics (default: ${DEFAULT-VALUE}); 0 picks a free one.")
    int httpPort;

    @Option(names = "--http-address", defaultValue = "0.0.0.0",
            description = "Address the HTTP port is bound to (default: ${DEFAULT-VALUE}).")
    String httpAddress;

    @Option(names = "--print-config", description = "Print the configuration in effect (secrets hidden) and exit.")
    boolean printConfig;

    @Spec
    CommandSpec spec;

    private final ProgramDefaults defaults;

    AlertForwarderMain(Map<String, String> environment) {
        this.defaults = new ProgramDefaults("FORWARDER", environment, OtherKeys.dotted("the forwarder's keys"
                + " (--print-config), Kafka consumer and schema registry settings (dotted keys)", UNDOTTED_KEYS));
    }

    public static void main(String[] args) {
        System.exit(commandLine(System.getenv()).execute(args));
    }

    /**
     * The command line: every option from the command line, ISTGT_FORWARDER_<OPTION> or the --config file, in that
     * precedence.
     */
    static CommandLine commandLine(Map<String, String> environment) {
        AlertForwarderMain main = new AlertForwarderMain(environment);
        return ProgramOptions.install(new CommandLine(main), main.defaults);
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Map<String, Object> settings = settings();
        ForwarderConfig config;
        try {
            config = new ForwarderConfig(settings);
        } catch (ConfigException e) {
            err.println(PROGRAM + ": bad configuration: " + e.getMessage());
            return 2;
        }
        if (printConfig) {
            Map<String, Object> shown = new HashMap<>(settings);
            config.values().forEach(shown::putIfAbsent);
            ForwarderConfig.masked(shown).forEach((k, v) -> out.println(k + "=" + v));
            out.flush();
            return 0;
        }
        if (httpPort < 0 || httpPort > 65_535) {
            err.println(PROGRAM + ": " + defaults.withSources(spec, "--http-port " + httpPort
                    + ": expected a port 0..65535 (0 picks a free one)"));
            return 2;
        }
        Running running;
        try {
            running = start(settings, new InetSocketAddress(httpAddress, httpPort));
        } catch (ConfigException e) {
            err.println(PROGRAM + ": bad configuration: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println(PROGRAM + ": cannot serve /healthz, /readyz and /metrics on " + httpAddress + ":"
                    + httpPort + " (--http-address, --http-port): " + e.getMessage());
            return 2;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            running.close();
            stopped.countDown();
        }, PROGRAM + "-shutdown"));
        stopped.await();
        return 0;
    }

    /** The forwarder and its HTTP port, running; closing stops both. */
    public record Running(AlertForwarder forwarder, HealthServer http) implements AutoCloseable {
        @Override
        public void close() {
            try {
                forwarder.close();
            } finally {
                http.close();
            }
        }
    }

    /** Binds the HTTP port first (a port taken fails before anything else), then starts the forwarder. */
    public static Running start(Map<String, Object> settings, InetSocketAddress http) throws IOException {
        ForwarderMetrics metrics = new ForwarderMetrics();
        var started = new java.util.concurrent.atomic.AtomicReference<AlertForwarder>();
        HealthServer server = new HealthServer(PROGRAM, http, metrics.registry(),
                () -> started.get() == null || started.get().alive(),
                () -> started.get() == null ? Optional.of(PROGRAM + " is starting") : started.get().notReadyWhy());
        log.info("/healthz, /readyz and /metrics on http://{}:{}", http.getHostString(), server.port());
        try {
            started.set(AlertForwarder.start(settings, metrics, InstantSource.system()));
            return new Running(started.get(), server);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    private Map<String, Object> settings() {
        Map<String, Object> settings = new HashMap<>(defaults.configFile(spec).map(ConfigFile::others).orElse(Map.of()));
        settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        settings.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, schemaRegistryUrl);
        putIfGiven(settings, ForwarderConfig.ALERTMANAGER_URLS, alertmanagerUrls == null ? null
                : String.join(",", alertmanagerUrls));
        putIfGiven(settings, ForwarderConfig.STATIC_LABELS, labels == null ? null : String.join(",", labels));
        putIfGiven(settings, ForwarderConfig.RUNBOOK_URL_TEMPLATE, runbookUrlTemplate);
        putIfGiven(settings, ForwarderConfig.GENERATOR_URL_TEMPLATE, generatorUrlTemplate);
        putIfGiven(settings, ForwarderConfig.RESEND_INTERVAL_MS, resendIntervalMs);
        putIfGiven(settings, ForwarderConfig.BATCH_SIZE, batchSize);
        putIfGiven(settings, ForwarderConfig.GROUP_ID, groupId);
        putIfGiven(settings, ForwarderConfig.BASIC_AUTH_USER, basicAuthUser);
        putIfGiven(settings, ForwarderConfig.BASIC_AUTH_PASSWORD_FILE, basicAuthPasswordFile);
        putIfGiven(settings, ForwarderConfig.BEARER_TOKEN_FILE, bearerTokenFile);
        putIfGiven(settings, ForwarderConfig.CA_FILE, caFile);
        putIfGiven(settings, ForwarderConfig.KEYSTORE_FILE, keystoreFile);
        putIfGiven(settings, ForwarderConfig.KEYSTORE_PASSWORD_FILE, keystorePasswordFile);
        return settings;
    }

    private static void putIfGiven(Map<String, Object> settings, String key, Object value) {
        if (value != null && !value.toString().isEmpty()) {
            settings.put(key, value.toString());
        }
    }
}
