package io.istgt.telemetry.analytics;

import io.istgt.telemetry.schemas.serde.AvroSerdeConfig;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;
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
                + "ISTGT_ANALYTICS_CONFIG, ISTGT_ANALYTICS_STATE_DIR; ISTGT_ANALYTICS_JAVA_OPTS for the JVM."})
public final class AnalyticsMain implements Callable<Integer> {

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
        settings.putIfAbsent(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        settings.putIfAbsent(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        AnalyticsApp app = AnalyticsApp.start(settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            stopped.countDown();
        }, "istgt-analytics-shutdown"));
        stopped.await();
        return 0;
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
