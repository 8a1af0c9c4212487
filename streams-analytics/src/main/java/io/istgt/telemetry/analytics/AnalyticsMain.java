package io.istgt.telemetry.analytics;

import io.istgt.telemetry.analytics.health.AnalyticsMetrics;
import io.istgt.telemetry.health.HealthServer;
import io.istgt.telemetry.schemas.serde.AvroSerdeConfig;
import java.io.IOException;
import java.io.Reader;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code istgt-analytics}: wires the configuration, the output topics, the topology and a shutdown hook;
 * nothing else.
 */
@Command(name = "istgt-analytics", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Derives alerts and transitions from the istgt status topics (Kafka Streams, exactly once).",
        version = "istgt-analytics 0.1.0",
        footer = {"%nEvery key of the analytics (thresholds, windows, topics, severities) and any Kafka Streams or "
                + "client setting can be given in --config FILE (Java properties); --print-config lists the "
                + "analytics' keys with their defaults.",
                "%nEnvironment: ISTGT_ANALYTICS_BOOTSTRAP_SERVERS, ISTGT_ANALYTICS_SCHEMA_REGISTRY_URL, "
                + "ISTGT_ANALYTICS_CONFIG, ISTGT_ANALYTICS_STATE_DIR, ISTGT_ANALYTICS_HTTP_PORT, "
                + "ISTGT_ANALYTICS_HTTP_ADDRESS; ISTGT_ANALYTICS_JAVA_OPTS for the JVM."})
public final class AnalyticsMain implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(AnalyticsMain.class);
    private static final String PROGRAM = "istgt-analytics";

    @Option(names = "--bootstrap-servers", defaultValue = "${env:ISTGT_ANALYTICS_BOOTSTRAP_SERVERS:-localhost:9092}",
            description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).")
    String bootstrapServers;

    @Option(names = "--schema-registry-url", defaultValue = "${env:ISTGT_ANALYTICS_SCHEMA_REGISTRY_URL:-http://localhost:8081}",
            description = "Schema registry (Confluent REST API) URL (default: ${DEFAULT-VALUE}).")
    String schemaRegistryUrl;

    @Option(names = "--config", defaultValue = "${env:ISTGT_ANALYTICS_CONFIG}",
            description = "Properties file: analytics keys, Kafka Streams and client settings, serde settings.")
    Path configFile;

    @Option(names = "--application-id", defaultValue = "istgt-analytics",
            description = "Kafka Streams application id: the consumer group and the prefix of internal topics (default: ${DEFAULT-VALUE}).")
    String applicationId;

    @Option(names = "--state-dir", defaultValue = "${env:ISTGT_ANALYTICS_STATE_DIR:-/tmp/istgt-analytics}",
            description = "Where the local state stores live (default: ${DEFAULT-VALUE}); rebuilt from changelogs if lost.")
    Path stateDir;

    @Option(names = "--http-port", defaultValue = "${env:ISTGT_ANALYTICS_HTTP_PORT:-9405}",
            description = "Port of /healthz, /readyz and /metrics (default: ${DEFAULT-VALUE}; the collector's is 9404);"
                    + " 0 picks a free one, which the log names.")
    int httpPort;

    @Option(names = "--http-address", defaultValue = "${env:ISTGT_ANALYTICS_HTTP_ADDRESS:-0.0.0.0}",
            description = "Address the HTTP port is bound to (default: ${DEFAULT-VALUE}).")
    String httpAddress;

    @Option(names = "--print-config", description = "Print the analytics' configuration keys with defaults and exit.")
    boolean printConfig;

    public static void main(String[] args) {
        System.exit(new CommandLine(new AnalyticsMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (printConfig) {
            System.out.println(AnalyticsConfig.reference());
            return 0;
        }
        Map<String, Object> settings = settings();
        try {
            new AnalyticsConfig(settings); // fail here, with the key named, rather than inside Kafka Streams
        } catch (ConfigException e) {
            System.err.println("istgt-analytics: bad configuration: " + e.getMessage());
            return 2;
        }
        if (httpPort < 0 || httpPort > 65_535) {
            System.err.println(PROGRAM + ": --http-port " + httpPort + ": expected a port 0..65535 (0 picks a free one)");
            return 2;
        }
        settings.putIfAbsent(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        settings.putIfAbsent(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        Running running;
        try {
            running = start(settings, new InetSocketAddress(httpAddress, httpPort));
        } catch (HttpPortException e) {
            System.err.println(PROGRAM + ": " + e.getMessage());
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

    private Map<String, Object> settings() throws IOException {
        Map<String, Object> settings = new HashMap<>();
        if (configFile != null) {
            if (!Files.isReadable(configFile)) {
                throw new CommandLine.ParameterException(new CommandLine(this),
                        "--config " + configFile + ": no readable file there");
            }
            Properties file = new Properties();
            try (Reader r = Files.newBufferedReader(configFile)) {
                file.load(r);
            }
            file.forEach((k, v) -> settings.put(k.toString(), v.toString().trim()));
        }
        settings.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        settings.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, schemaRegistryUrl);
        return settings;
    }

}
