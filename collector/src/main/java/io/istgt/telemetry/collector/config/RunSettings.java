package io.istgt.telemetry.collector.config;

import io.istgt.telemetry.client.ClientSettings;
import io.istgt.telemetry.collector.exporter.ExporterSeries;
import io.istgt.telemetry.client.Durations;
import io.istgt.telemetry.protocol.ControlProtocol;
import io.istgt.telemetry.schemas.IstgtTopic;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Every setting of {@code istgt-collector run}, each declared once with its doc, default and validation. The
 * command line, the environment ({@code ISTGT_COLLECTOR_<KEY>}) and the {@code --config} file all use these,
 * in that precedence; {@link SettingsResolver} applies it.
 */
public final class RunSettings {

    public static final Duration MIN_INTERVAL = Duration.ofMillis(500);
    /**
     * The shortest timeout a poll may have: istgt answers ISTGTSTATUS and REPLICA only after about 0.9 s while a
     * replica connects (0.90-0.92 s measured on a real istgt), so a shorter timeout would fail a poll of a target
     * that is merely busy.
     */
    public static final Duration MIN_TIMEOUT = Duration.ofSeconds(2);
    /** Where a cStor target pod's istgt reads its istgt.conf. */
    public static final String DEFAULT_ISTGT_CONF = "/usr/local/etc/istgt/istgt.conf";
    public static final String DEFAULT_VOLUME_TOPIC = IstgtTopic.VOLUME_STATUS.defaultName();
    public static final String DEFAULT_REPLICA_TOPIC = IstgtTopic.REPLICA_STATUS.defaultName();
    private static final Set<String> COMPRESSIONS = Set.of("zstd", "lz4", "snappy", "gzip", "uncompressed", "producer");

    public static final Setting<String> CONFIG = Setting.of("config", "FILE", null, RunSettings::text,
            "Properties file with any of these settings, keyed like the long options without dashes"
                    + " (interval=10s); command line and environment override it.");
    public static final Setting<RunConfig.SocketTarget> SOCKET = new Setting<>("socket", "[NAME=]PATH",
            "Control socket of an istgt to poll; repeat for several. NAME names the target in records and metrics"
                    + " (default: the path). Without --socket, --socket-dir and --kubelet-pods-dir: "
                    + ControlProtocol.DEFAULT_SOCKET_PATH + " (the sidecar case).", null, RunSettings::socket,
            true, false);
    public static final Setting<Path> SOCKET_DIR = Setting.of("socket-dir", "DIR", null, RunSettings::path,
            "Poll every unix socket in DIR whose name matches socket-glob; sockets appearing or leaving are picked up"
                    + " or dropped. Excludes --socket and --kubelet-pods-dir.");
    public static final Setting<String> SOCKET_GLOB = Setting.of("socket-glob", "GLOB", "*", RunSettings::text,
            "Which socket names in socket-dir count (glob). Only unix socket files ever count.");
    public static final Setting<Duration> RESCAN_INTERVAL = Setting.of("rescan-interval", "DURATION", "30s",
            RunSettings::positiveDuration, "How often socket-dir or kubelet-pods-dir is rescanned besides watching"
                    + " it for changes (a socket made inside a pod directory that already existed is found by the"
                    + " rescan).");
    public static final Setting<Path> KUBELET_PODS_DIR = Setting.of("kubelet-pods-dir", "DIR", null,
            RunSettings::path, "The kubelet's pod directories (/var/lib/kubelet/pods on the node, mounted read-only at"
                    + " a short path such as /pods: a unix socket's path holds at most 107 bytes): poll the socket at"
                    + " pod-socket in every pod directory that has one, picking pods up and dropping them as they come"
                    + " and go (the node collector). Excludes --socket and --socket-dir.");
    public static final Setting<Path> POD_SOCKET = Setting.of("pod-socket", "PATH",
            "volumes/kubernetes.io~empty-dir/sockfile/istgt_ctl_sock", RunSettings::relativePath,
            "Where istgt's control socket is inside a pod directory of kubelet-pods-dir: cStor's target pod has it in"
                    + " its emptyDir \"sockfile\".");
    public static final Setting<Path> POD_ISTGT_CONF = Setting.of("pod-istgt-conf", "PATH",
            "volumes/kubernetes.io~empty-dir/conf/istgt.conf", RunSettings::relativePath,
            "Where istgt.conf is inside a pod directory of kubelet-pods-dir (cStor's emptyDir \"conf\"); it takes"
                    + " the place of istgt-conf for the targets found there.");
    public static final Setting<String> BOOTSTRAP_SERVERS = Setting.of("bootstrap-servers", "HOST:PORT[,...]", null,
            RunSettings::text, "Kafka brokers (required). Overrides bootstrap.servers of producer-config.");
    public static final Setting<String> SCHEMA_REGISTRY_URL = Setting.of("schema-registry-url", "URL[,...]", null,
            RunSettings::url, "Schema registry's Confluent API (required), e.g. http://registry:8081 or Apicurio's"
                    + " http://host:8080/apis/ccompat/v7.");
    public static final Setting<Duration> INTERVAL = Setting.of("interval", "DURATION", "10s", RunSettings::interval,
            "Time between two polls of a target, e.g. 500ms, 10s, 1m; at least " + Durations.format(MIN_INTERVAL)
                    + ". Each target starts at its own random phase.");
    public static final Setting<Duration> TIMEOUT = Setting.of("timeout", "DURATION", "5s", RunSettings::timeout,
            "Limit for connecting, each read and each request to istgt; at least " + Durations.format(MIN_TIMEOUT)
                    + " (istgt takes about 0.9 s to answer while a replica connects). It may exceed the interval:"
                    + " a slot that comes while the target's poll still runs is skipped and counted, never queued.");
    public static final Setting<Integer> MAX_LINE_BYTES = Setting.of("max-line-bytes", "BYTES", "65536",
            text -> atLeast(text, ClientSettings.MIN_MAX_LINE_BYTES),
            "Longest reply line accepted; istgt's are at most 4096 bytes.");
    public static final Setting<String> COLLECTOR_ID = Setting.of("collector-id", "ID", null, RunSettings::text,
            "This collector's name in every record (metadata.collectorId). Default: the host name (the pod name"
                    + " in Kubernetes).");
    public static final Setting<String> VOLUME_TOPIC = Setting.of("volume-topic", "TOPIC", DEFAULT_VOLUME_TOPIC,
            RunSettings::text, "Topic of the VolumeStatus records.");
    public static final Setting<String> REPLICA_TOPIC = Setting.of("replica-topic", "TOPIC", DEFAULT_REPLICA_TOPIC,
            RunSettings::text, "Topic of the ReplicaStatus records.");
    public static final Setting<Integer> TOPIC_PARTITIONS = Setting.of("topic-partitions", "N", "6",
            text -> atLeast(text, 1), "Partitions of a topic the collector creates; an existing topic needs at least"
                    + " as many.");
    public static final Setting<Optional<Short>> TOPIC_REPLICATION_FACTOR = Setting.of("topic-replication-factor",
            "N|broker", "broker", RunSettings::replicationFactor, "Replication factor of a topic the collector creates"
                    + " (broker: the broker's default.replication.factor); an existing topic needs at least as many.");
    public static final Setting<Long> TOPIC_RETENTION = Setting.of("topic-retention", "DURATION|unlimited",
            IstgtTopic.Retention.STATUS.duration().orElseThrow().toDays() + "d",
            RunSettings::retention, "How long the topics keep records (retention.ms), e.g. 7d, 720h, unlimited;"
                    + " an existing topic must keep them at least as long. Long-term history is in the history"
                    + " topics the analytics write (a year).");
    public static final Setting<String> TOPIC_COMPRESSION = Setting.of("topic-compression", "TYPE", "zstd",
            RunSettings::compression, "compression.type of a topic the collector creates: zstd, lz4, snappy, gzip,"
                    + " uncompressed or producer.");
    public static final Setting<Boolean> NO_CREATE_TOPICS = new Setting<>("no-create-topics", null,
            "Do not create missing topics, only check the existing ones (a missing topic fails the start).",
            "false", RunSettings::bool, false, true);
    public static final Setting<Path> PRODUCER_CONFIG = Setting.of("producer-config", "FILE", null,
            RunSettings::path, "Kafka producer and schema registry client properties (security, TLS, SASL, tuning);"
                    + " they win over the collector's defaults, except enable.idempotence=true and acks=all.");
    public static final String DEFAULT_SPOOL_DIR = "/var/lib/istgt-collector/spool";
    public static final Setting<Path> SPOOL_DIR = Setting.of("spool-dir", "DIR", DEFAULT_SPOOL_DIR, RunSettings::path,
            "Directory of the on-disk spool every poll's records go through on their way to Kafka; they wait there"
                    + " while Kafka or the registry is unreachable, and survive a restart. One collector per directory;"
                    + " in Kubernetes mount an emptyDir (or a hostPath) here.");
    public static final Setting<Long> SPOOL_MAX_BYTES = Setting.of("spool-max-bytes", "SIZE", "1GiB",
            RunSettings::size, "Size cap of the spool, e.g. 1GiB, 512MiB, 64MB; over it the oldest polls are dropped,"
                    + " counted and announced to consumers in a gap notice (metadata.droppedPolls).");
    public static final Setting<Duration> SPOOL_FSYNC_INTERVAL = Setting.of("spool-fsync-interval", "DURATION", "1s",
            RunSettings::positiveDuration, "How often appends to the spool are forced to disk: a machine crash can lose"
                    + " this much (a killed collector loses nothing). The checkpoint is forced before every send.");
    public static final Setting<Integer> HTTP_PORT = Setting.of("http-port", "PORT", "9404", RunSettings::port,
            "Port of /healthz, /readyz and /metrics; 0 turns the HTTP server off.");
    /** m-exporter's port, which the Prometheus configurations written for cStor volumes scrape. */
    public static final int M_EXPORTER_PORT = 9500;
    public static final Setting<Integer> EXPORTER_PORT = Setting.of("exporter-port", "PORT", "0", RunSettings::port,
            "Also serve /metrics (the same series as http-port) on this port, on http-address: " + M_EXPORTER_PORT
                    + " is where OpenEBS's maya-exporter sidecar served them, so existing scrape configurations find"
                    + " the collector there. 0 (the default) serves them on http-port only.");
    public static final Setting<ExporterSeries> EXPORTER_SERIES = Setting.of("exporter-series", "all|compatible|none",
            "all", RunSettings::exporterSeries, "Which istgt series /metrics carries: all (m-exporter's openebs_* and"
                    + " the deep istgt_*), compatible (openebs_* only) or none (the collector's own only). A scrape of"
                    + " every series of 1000 targets holds about 100 MiB of heap while it renders: a fleet collector"
                    + " that Prometheus scrapes wants -Xmx192m, or fewer series.");
    public static final Setting<String> HTTP_ADDRESS = Setting.of("http-address", "ADDRESS", "0.0.0.0",
            RunSettings::text, "Address the HTTP server binds to; 127.0.0.1 keeps it local.");
    public static final Setting<Path> ISTGT_CONF = Setting.of("istgt-conf", "FILE", DEFAULT_ISTGT_CONF,
            RunSettings::path, "istgt's istgt.conf, read for each volume's ReplicationFactor, ConsistencyFactor and"
                    + " DesiredReplicationFactor (istgt's socket does not report them), and read again when it changes."
                    + " A file beside a target's socket, named like the socket plus .conf, is that target's own and"
                    + " comes first. Missing or malformed: a warning, and records without the settings.");
    public static final Setting<Duration> SHUTDOWN_TIMEOUT = Setting.of("shutdown-timeout", "DURATION", "10s",
            RunSettings::positiveDuration, "On SIGTERM: how long polls under way and then the Kafka flush may take.");

    /** In --help order. */
    public static final List<Setting<?>> ALL = List.of(CONFIG, SOCKET, SOCKET_DIR, SOCKET_GLOB, KUBELET_PODS_DIR,
            POD_SOCKET, POD_ISTGT_CONF, RESCAN_INTERVAL,
            BOOTSTRAP_SERVERS, SCHEMA_REGISTRY_URL, INTERVAL, TIMEOUT, MAX_LINE_BYTES, COLLECTOR_ID, VOLUME_TOPIC,
            REPLICA_TOPIC, TOPIC_PARTITIONS, TOPIC_REPLICATION_FACTOR, TOPIC_RETENTION, TOPIC_COMPRESSION,
            NO_CREATE_TOPICS, PRODUCER_CONFIG, SPOOL_DIR, SPOOL_MAX_BYTES, SPOOL_FSYNC_INTERVAL, HTTP_PORT, EXPORTER_PORT,
            EXPORTER_SERIES, HTTP_ADDRESS,
            ISTGT_CONF,
            SHUTDOWN_TIMEOUT);

    /** The keys of run's settings that a config file may hold: every setting's but {@code config} itself. */
    public static final List<String> FILE_KEYS = ALL.stream().map(Setting::key).filter(k -> !k.equals(CONFIG.key()))
            .toList();

    private RunSettings() {
    }

    static String text(String value) {
        if (value.isBlank()) {
            throw new IllegalArgumentException("must not be empty");
        }
        return value.strip();
    }

    static Path path(String value) {
        return Path.of(text(value));
    }

    /** A path inside another directory: relative, and not leaving it. */
    static Path relativePath(String value) {
        Path p = Path.of(text(value)).normalize();
        if (p.isAbsolute() || p.startsWith("..") || p.toString().isEmpty()) {
            throw new IllegalArgumentException("expected a path relative to the pod directory, such as"
                    + " volumes/kubernetes.io~empty-dir/sockfile/istgt_ctl_sock");
        }
        return p;
    }

    static RunConfig.SocketTarget socket(String value) {
        String v = text(value);
        int eq = v.indexOf('=');
        // NAME=PATH only when the part before '=' is a name, not a path with '=' in it.
        if (eq > 0 && v.substring(0, eq).indexOf('/') < 0) {
            String path = v.substring(eq + 1).strip();
            if (path.isEmpty()) {
                throw new IllegalArgumentException("expected NAME=PATH with a path after '='");
            }
            return new RunConfig.SocketTarget(v.substring(0, eq).strip(), Path.of(path));
        }
        return new RunConfig.SocketTarget(v, Path.of(v));
    }

    static String url(String value) {
        for (String url : text(value).split(",")) {
            if (!url.strip().matches("(?i)https?://\\S+|mock://\\S*")) {
                throw new IllegalArgumentException("expected http:// or https:// URLs, comma-separated");
            }
        }
        return value.strip();
    }

    static Duration positiveDuration(String value) {
        Duration d = Durations.parse(value);
        if (d.isZero()) {
            throw new IllegalArgumentException("must be longer than 0");
        }
        return d;
    }

    static Duration interval(String value) {
        Duration d = Durations.parse(value);
        if (d.compareTo(MIN_INTERVAL) < 0) {
            throw new IllegalArgumentException("must be at least " + Durations.format(MIN_INTERVAL)
                    + ": polling istgt more often costs it more than it tells");
        }
        return d;
    }

    static Duration timeout(String value) {
        Duration d = Durations.parse(value);
        if (d.compareTo(MIN_TIMEOUT) < 0) {
            throw new IllegalArgumentException("must be at least " + Durations.format(MIN_TIMEOUT)
                    + ": istgt takes about 0.9 s to answer ISTGTSTATUS and REPLICA while a replica connects, and a"
                    + " poll that times out then would report a busy target as unreachable");
        }
        return d;
    }

    static int atLeast(String value, int min) {
        int n;
        try {
            n = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a whole number of at least " + min, e);
        }
        if (n < min) {
            throw new IllegalArgumentException("must be at least " + min);
        }
        return n;
    }

    /** A size in bytes: a number with an optional unit B, KB, MB, GB (powers of 1000) or KiB, MiB, GiB (of 1024). */
    static long size(String value) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,15})\\s*([KMG]i?B|B)?")
                .matcher(value.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("expected a size such as 1GiB, 512MiB, 100MB or 1048576");
        }
        long n = Long.parseLong(m.group(1));
        long unit = switch (m.group(2) == null ? "B" : m.group(2)) {
            case "KB" -> 1000L;
            case "MB" -> 1000L * 1000;
            case "GB" -> 1000L * 1000 * 1000;
            case "KiB" -> 1L << 10;
            case "MiB" -> 1L << 20;
            case "GiB" -> 1L << 30;
            default -> 1L;
        };
        long bytes = Math.multiplyExact(n, unit);
        if (bytes < 1L << 20) {
            throw new IllegalArgumentException("must be at least 1MiB");
        }
        return bytes;
    }

    static ExporterSeries exporterSeries(String value) {
        try {
            return ExporterSeries.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("expected all, compatible or none");
        }
    }

    static int port(String value) {
        int port = atLeast(value, 0);
        if (port > 65535) {
            throw new IllegalArgumentException("expected a port 0..65535 (0 turns the HTTP server off)");
        }
        return port;
    }

    static Optional<Short> replicationFactor(String value) {
        if (value.strip().equalsIgnoreCase("broker")) {
            return Optional.empty();
        }
        int n = atLeast(value, 1);
        if (n > Short.MAX_VALUE) {
            throw new IllegalArgumentException("expected broker or a number 1.." + Short.MAX_VALUE);
        }
        return Optional.of((short) n);
    }

    static long retention(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        if (v.equals("unlimited") || v.equals("-1")) {
            return -1;
        }
        Duration d;
        if (v.matches("\\d{1,6}d")) {
            d = Duration.ofDays(Long.parseLong(v.substring(0, v.length() - 1)));
        } else {
            try {
                d = Durations.parse(v);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("expected a duration such as 30d, 720h, 90m, or unlimited", e);
            }
        }
        if (d.isZero()) {
            throw new IllegalArgumentException("must be longer than 0, or unlimited");
        }
        return d.toMillis();
    }

    static String compression(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        if (!COMPRESSIONS.contains(v)) {
            throw new IllegalArgumentException("expected one of " + COMPRESSIONS.stream().sorted().toList());
        }
        return v;
    }

    static boolean bool(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw new IllegalArgumentException("expected true or false");
        };
    }

    /** Parses with {@code setting}'s parser, failing with a message naming the setting, the value and its source. */
    /** {@code value} read by {@code setting}'s parser; a value it refuses is named with its source. */
    public static <T> T parse(Setting<T> setting, String value, String source) throws SettingException {
        try {
            return setting.parser().apply(value);
        } catch (IllegalArgumentException e) {
            throw new SettingException("invalid " + setting.key() + " '" + value + "' (" + source + "): "
                    + e.getMessage());
        }
    }
}
