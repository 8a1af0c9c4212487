package io.istgt.telemetry.demo;

import io.istgt.telemetry.collector.app.CollectorApp;
import io.istgt.telemetry.collector.config.RunConfig;
import io.istgt.telemetry.collector.config.SettingsResolver;
import io.istgt.telemetry.local.LoopbackPorts;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The collector ({@link CollectorApp}: what {@code istgt-collector run} runs) in this JVM, polling every
 * emulated istgt and publishing to the status topics, with its health and metrics endpoint on a free loopback
 * port.
 */
final class CollectorStage implements AutoCloseable {

    static final String COLLECTOR_ID = "istgt-demo";

    private final CollectorApp app;

    private CollectorStage(CollectorApp app) {
        this.app = app;
    }

    /** The collector's settings, under the names of {@code istgt-collector run}'s options. */
    static Map<String, List<String>> settings(List<Path> sockets, String bootstrapServers, String registryUrl,
                                              Optional<Path> clientConfig, Duration interval, Path spoolDir) {
        Map<String, List<String>> flags = new LinkedHashMap<>();
        List<String> paths = new ArrayList<>();
        sockets.forEach(s -> paths.add(s.toString()));
        flags.put("socket", paths);
        flags.put("bootstrap-servers", List.of(bootstrapServers));
        flags.put("schema-registry-url", List.of(registryUrl));
        // --client-config is a Kafka client and registry settings file, as the collector's producer-config is
        clientConfig.ifPresent(f -> flags.put("producer-config", List.of(f.toString())));
        flags.put("interval", List.of(interval.toMillis() + "ms"));
        flags.put("volume-topic", List.of(DemoTopics.VOLUME_STATUS));
        flags.put("replica-topic", List.of(DemoTopics.REPLICA_STATUS));
        flags.put("topic-partitions", List.of(Integer.toString(DemoTopics.PARTITIONS)));
        flags.put("http-address", List.of("127.0.0.1"));
        flags.put("http-port", List.of(Integer.toString(LoopbackPorts.free())));
        flags.put("collector-id", List.of(COLLECTOR_ID));
        flags.put("shutdown-timeout", List.of("5s"));
        // under the demo's data directory: removed with it, and no leftovers shared with another run
        flags.put("spool-dir", List.of(spoolDir.toString()));
        return flags;
    }

    static CollectorStage start(List<Path> sockets, String bootstrapServers, String registryUrl,
                                Optional<Path> clientConfig, Duration interval, Path spoolDir) throws Exception {
        RunConfig config = new SettingsResolver(Map.of(), () -> COLLECTOR_ID)
                .resolve(settings(sockets, bootstrapServers, registryUrl, clientConfig, interval, spoolDir));
        return new CollectorStage(CollectorApp.start(config, Clock.systemUTC()));
    }

    /** Where its Prometheus metrics are served. */
    Optional<String> metricsUrl() {
        return app.httpPort().map(port -> "http://127.0.0.1:" + port + "/metrics");
    }

    @Override
    public void close() throws InterruptedException {
        app.close();
    }
}
