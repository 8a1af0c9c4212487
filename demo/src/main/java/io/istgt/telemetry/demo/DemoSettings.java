package io.istgt.telemetry.demo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything one demo run is told, validated once: a bad value fails at start naming its option.
 *
 * @param duration          how long the pipeline runs once everything is up; empty: until Ctrl-C
 * @param bootstrapServers  an existing Kafka to use instead of the embedded broker
 * @param schemaRegistryUrl an existing Confluent-compatible registry to use instead of the embedded Apicurio
 * @param dataDir           where the broker's data, the logs and the streams state go
 * @param keep              leave {@code dataDir} in place at the end
 * @param kafkaPort         the embedded broker's port on 127.0.0.1, 0 for any free one
 * @param registryPort      the embedded registry's port on 127.0.0.1, 0 for any free one
 * @param volumes           emulated volumes (one istgt each)
 * @param scenario          a scenario file; empty: the built-in demo scenario
 * @param pollInterval      the collector's poll interval
 * @param rebuildTime       how long an emulated replica stays Degraded after it connects
 * @param resolveAfter      the analytics' alert hysteresis (alert.resolve.after.ms)
 * @param view              how progress and the live view are shown
 * @param clientConfig      Kafka client and schema registry settings for an existing, secured cluster (security
 *                          protocol, SASL, TLS, registry auth), given to every client of the run
 * @param alertmanager      an existing Alertmanager to forward the alerts to instead of starting Debian's
 */
public record DemoSettings(Optional<Duration> duration, Optional<String> bootstrapServers,
                           Optional<String> schemaRegistryUrl, Path dataDir, boolean keep, int kafkaPort,
                           int registryPort, int volumes, Optional<Path> scenario, Duration pollInterval,
                           Duration rebuildTime, Duration resolveAfter, ViewMode view, Optional<Path> clientConfig,
                           Optional<String> alertmanager) {

    /** How the run is shown. */
    public enum ViewMode {
        /** A live ANSI screen when stdout is a terminal, plain lines otherwise. */
        AUTO,
        /** The live ANSI screen. */
        ANSI,
        /** One line per event and a status line every few seconds: for logs, CI and pipes. */
        PLAIN
    }

    public static final int MAX_VOLUMES = 50;

    public DemoSettings {
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(schemaRegistryUrl, "schemaRegistryUrl");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(view, "view");
        Objects.requireNonNull(clientConfig, "clientConfig");
        Objects.requireNonNull(alertmanager, "alertmanager");
        duration.ifPresent(d -> positive(d, "--duration"));
        positive(pollInterval, "--poll-interval");
        positive(rebuildTime, "--rebuild-time");
        if (resolveAfter.isNegative()) {
            throw new IllegalArgumentException("--resolve-after must not be negative, got " + resolveAfter);
        }
        if (volumes < 1 || volumes > MAX_VOLUMES) {
            throw new IllegalArgumentException("--volumes must be 1.." + MAX_VOLUMES + ", got " + volumes);
        }
        port(kafkaPort, "--kafka-port");
        port(registryPort, "--registry-port");
        if (kafkaPort != 0 && kafkaPort == registryPort) {
            throw new IllegalArgumentException("--kafka-port and --registry-port must differ, both are " + kafkaPort);
        }
        if (bootstrapServers.isPresent() && kafkaPort != 0) {
            throw new IllegalArgumentException("--kafka-port is for the embedded broker and conflicts with"
                    + " --bootstrap-servers " + bootstrapServers.get());
        }
        if (schemaRegistryUrl.isPresent() && registryPort != 0) {
            throw new IllegalArgumentException("--registry-port is for the embedded registry and conflicts with"
                    + " --schema-registry-url " + schemaRegistryUrl.get());
        }
        clientConfig.ifPresent(f -> {
            if (!java.nio.file.Files.isReadable(f)) {
                throw new IllegalArgumentException("--client-config " + f + ": no readable file there");
            }
        });
        if (clientConfig.isPresent() && bootstrapServers.isEmpty()) {
            throw new IllegalArgumentException("--client-config " + clientConfig.get() + " is for an existing cluster:"
                    + " give its --bootstrap-servers too (the embedded broker takes no credentials)");
        }
        bootstrapServers.ifPresent(b -> {
            if (b.isBlank()) {
                throw new IllegalArgumentException("--bootstrap-servers must not be empty");
            }
        });
        schemaRegistryUrl.ifPresent(u -> {
            if (!u.startsWith("http://") && !u.startsWith("https://")) {
                throw new IllegalArgumentException("--schema-registry-url must be an http(s) URL of a Confluent-compatible"
                        + " API (e.g. http://registry:8081 or Apicurio's http://host:8080/apis/ccompat/v7), got " + u);
            }
        });
        alertmanager.ifPresent(u -> {
            if (!u.startsWith("http://") && !u.startsWith("https://")) {
                throw new IllegalArgumentException("--alertmanager must be the http(s) URL of an Alertmanager (e.g."
                        + " http://alertmanager:9093), got " + u);
            }
        });
    }

    /** Whether Kafka is the embedded broker (no --bootstrap-servers). */
    public boolean embeddedKafka() {
        return bootstrapServers.isEmpty();
    }

    /** Whether the registry is the embedded Apicurio (no --schema-registry-url). */
    public boolean embeddedRegistry() {
        return schemaRegistryUrl.isEmpty();
    }

    private static void positive(Duration d, String option) {
        Objects.requireNonNull(d, option);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(option + " must be positive, got " + d);
        }
    }

    private static void port(int port, String option) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException(option + " must be 1..65535 (or 0 for any free port), got " + port);
        }
    }
}
