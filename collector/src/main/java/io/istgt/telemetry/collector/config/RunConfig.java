package io.istgt.telemetry.collector.config;

import io.istgt.telemetry.collector.exporter.ExporterSeries;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The resolved settings of {@code istgt-collector run}; see {@link RunSettings} for each one's doc and default.
 *
 * @param sockets            the targets to poll when no socket directory is watched
 * @param kubeletPodsDir     the kubelet's pod directories, each searched for {@code podSocket} and
 *                           {@code podIstgtConf} (the node collector); excludes the others
 * @param producerConfig     Kafka producer settings from {@code producer-config} (empty without it)
 * @param topicReplication   empty: the broker's default replication factor
 * @param httpPort           0: no HTTP server
 * @param exporterPort       0: /metrics on httpPort only
 * @param istgtConf          the istgt.conf read when a target has none of its own beside its socket
 */
public record RunConfig(
        List<SocketTarget> sockets,
        Optional<Path> socketDir,
        String socketGlob,
        Optional<Path> kubeletPodsDir,
        Path podSocket,
        Path podIstgtConf,
        Duration rescanInterval,
        String bootstrapServers,
        String schemaRegistryUrl,
        Duration interval,
        Duration timeout,
        int maxLineBytes,
        String collectorId,
        String volumeTopic,
        String replicaTopic,
        int topicPartitions,
        Optional<Short> topicReplication,
        long topicRetentionMs,
        String topicCompression,
        boolean createTopics,
        Map<String, String> producerConfig,
        Path spoolDir,
        long spoolMaxBytes,
        Duration spoolFsyncInterval,
        int httpPort,
        int exporterPort,
        ExporterSeries exporterSeries,
        String httpAddress,
        Path istgtConf,
        Duration shutdownTimeout) {

    public RunConfig {
        sockets = List.copyOf(sockets);
        producerConfig = Map.copyOf(producerConfig);
        Objects.requireNonNull(socketDir, "socketDir");
        Objects.requireNonNull(exporterSeries, "exporterSeries");
        Objects.requireNonNull(kubeletPodsDir, "kubeletPodsDir");
        Objects.requireNonNull(podSocket, "podSocket");
        Objects.requireNonNull(podIstgtConf, "podIstgtConf");
        Objects.requireNonNull(topicReplication, "topicReplication");
        Objects.requireNonNull(spoolDir, "spoolDir");
        Objects.requireNonNull(istgtConf, "istgtConf");
    }

    /** A socket polled under a name (by default its path). */
    public record SocketTarget(String name, Path path) {
        public SocketTarget {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(path, "path");
        }
    }
}
