package io.istgt.telemetry.analytics;

import io.istgt.telemetry.analytics.health.AnalyticsMetrics;
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
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code istgt-analytics}: wires the configuration, the output topics, the topology and a shutdown hook;
 * nothing else.
 */
@Command(name = "istgt-analytics", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Derives alerts and transitions from the istgt status topics (Kafka Streams, exactly once).",
        version = "istgt-analytics 0.1.0",
        footer = {"%nThe analytics' keys (thresholds, windows, topics, severities) and any Kafka Streams or client"
                + " setting go in the --config file too; --print-config lists the analytics' keys with their"
                + " defaults. ISTGT_ANALYTICS_JAVA_OPTS: the JVM's options."})
public final class AnalyticsMain implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(AnalyticsMain.class);
    private static final String PROGRAM = "istgt-analytics";

    /** Kafka settings without a dot in their names (acks, retries): the config file takes them too. */
    static final Set<String> UNDOTTED_KAFKA_KEYS = Stream.of(StreamsConfig.configDef().names(),
                    ProducerConfig.configNames(), ConsumerConfig.configNames(), AdminClientConfig.configNames())
            .flatMap(Set::stream).filter(k -> k.indexOf('.') < 0).collect(Collectors.toUnmodifiableSet());

    @Option(names = "--bootstrap-servers", defaultValue = "localhost:9092",
            description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).")
    String bootstrapServers;

    @Option(names = "--schema-registry-url", defaultValue = "http://localhost:8081",
            description = "Schema registry (Confluent REST API) URL (default: ${DEFAULT-VALUE}).")
    String schemaRegistryUrl;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Properties file: analytics keys, Kafka Streams and client settings, serde settings.")
    Path configFile;

    @Option(names = "--application-id", defaultValue = "istgt-analytics",
            description = "Kafka Streams application id: the consumer group and the prefix of internal topics (default: ${DEFAULT-VALUE}).")
    String applicationId;

    @Option(names = "--state-dir", defaultValue = "/tmp/istgt-analytics",
            description = "Where the local state stores live (default: ${DEFAULT-VALUE}); rebuilt from changelogs if lost.")
    Path stateDir;

    @Option(names = "--http-port", defaultValue = "9405",
            description = "Port of /healthz, /readyz and /metrics (default: ${DEFAULT-VALUE}; the collector's is 9404);"
                    + " 0 picks a free one, which the log names.")
    int httpPort;

    @Option(names = "--http-address", defaultValue = "0.0.0.0",
            description = "Address the HTTP port is bound to (default: ${DEFAULT-VALUE}).")
    String httpAddress;

    @Option(names = "--print-config", description = "Print the analytics' configuration keys with defaults and exit.")
    boolean printConfig;

    @Spec
    CommandSpec spec;

    private final ProgramDefaults defaults;

    AnalyticsMain(Map<String, String> environment) {
        this.defaults = new ProgramDefaults("ANALYTICS", environment, OtherKeys.dotted("the analytics' keys"
                + " (--print-config), Kafka Streams, client and serde settings (dotted keys)", UNDOTTED_KAFKA_KEYS));
    }

    public static void main(String[] args) {
        System.exit(commandLine(System.getenv()).execute(args));
    }

    /**
     * The command line: every option from the command line, ISTGT_ANALYTICS_<OPTION> or the --config file, in that
     * precedence.
     */
    static CommandLine commandLine(Map<String, String> environment) {
        AnalyticsMain main = new AnalyticsMain(environment);
        return ProgramOptions.install(new CommandLine(main), main.defaults);
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        if (printConfig) {
            spec.commandLine().getOut().println(AnalyticsConfig.reference());
            spec.commandLine().getOut().flush();
            return 0;
        }
        Map<String, Object> settings = settings();
        try {
            new AnalyticsConfig(settings); // fail here, with the key named, rather than inside Kafka Streams
        } catch (ConfigException e) {
            err.println("istgt-analytics: bad configuration: " + e.getMessage());
            return 2;
        }
        if (httpPort < 0 || httpPort > 65_535) {
            err.println(PROGRAM + ": " + defaults.withSources(spec, "--http-port " + httpPort
                    + ": expected a port 0..65535 (0 picks a free one)"));
            return 2;
        }
        settings.putIfAbsent(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        settings.putIfAbsent(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        Running running;
        try {
            running = start(settings, new InetSocketAddress(httpAddress, httpPort));
        } catch (HttpPortException e) {
            err.println(PROGRAM + ": " + e.getMessage());
            return 2;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            running.close();
            stopped.countDown();
        }, "istgt-analytics-shutdown"));
        stopped.await();
        return 0;
    }

    /** The analytics and their HTTP port, running; closing stops both. */
    record Running(AnalyticsApp app, HealthServer http) implements AutoCloseable {
        @Override
        public void close() {
            try {
                app.close();
            } finally {
                http.close();
            }
        }
    }

    /** The HTTP port could not be bound: the message names it and the options that set it. */
    static final class HttpPortException extends Exception {
        private static final long serialVersionUID = 1L;

        HttpPortException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Serves {@code /healthz}, {@code /readyz} and {@code /metrics} on {@code http}, then starts the analytics
     * (Kafka Streams app and history writer). The port is bound first: a port taken fails the start before anything
     * else, and the probes answer while the output topics are created (not ready: starting).
     */
    static Running start(Map<String, Object> settings, InetSocketAddress http)
            throws InterruptedException, HttpPortException {
        AnalyticsMetrics metrics = new AnalyticsMetrics(InstantSource.system());
        AtomicReference<AnalyticsApp> started = new AtomicReference<>();
        HealthServer server;
        try {
            server = new HealthServer(PROGRAM, http, metrics.registry(),
                    () -> started.get() == null || started.get().health().alive(),
                    () -> started.get() == null ? Optional.of(PROGRAM + " is starting (output topics, Kafka Streams)")
                            : started.get().health().notReadyReason());
        } catch (IOException e) {
            throw new HttpPortException("cannot serve /healthz, /readyz and /metrics on " + http.getHostString() + ":"
                    + http.getPort() + " (--http-address, --http-port): " + e.getMessage(), e);
        }
        log.info("/healthz, /readyz and /metrics on http://{}:{}", http.getHostString(), server.port());
        try {
            AnalyticsApp app = AnalyticsApp.start(settings, metrics.historyWriter());
            metrics.watchStreams(app::state);
            started.set(app);
            return new Running(app, server);
        } catch (RuntimeException | InterruptedException e) {
            server.close();
            throw e;
        }
    }

    /** The config file's dotted keys (the analytics' own, Kafka's, the serde's), then the options they need. */
    private Map<String, Object> settings() {
        Map<String, Object> settings = new HashMap<>(defaults.configFile(spec).map(ConfigFile::others).orElse(Map.of()));
        settings.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        settings.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, schemaRegistryUrl);
        return settings;
    }
}
