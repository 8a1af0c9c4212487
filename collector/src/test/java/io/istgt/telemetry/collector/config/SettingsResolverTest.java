package io.istgt.telemetry.collector.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.istgt.telemetry.collector.exporter.ExporterSeries;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsResolverTest {

    @TempDir
    Path dir;
    private final Map<String, String> env = new HashMap<>();
    private final Map<String, List<String>> flags = new LinkedHashMap<>(Map.of(
            "bootstrap-servers", List.of("kafka:9092"), "schema-registry-url", List.of("http://registry:8081")));

    private RunConfig resolve() throws SettingException {
        return new SettingsResolver(env, () -> "host-7").resolve(flags);
    }

    private Path configFile(String text) throws Exception {
        Path file = dir.resolve("collector.properties");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void shouldFillEveryDefault() throws Exception {
        RunConfig c = resolve();

        assertThat(c.sockets()).containsExactly(new RunConfig.SocketTarget("/var/run/istgt_ctl_sock",
                Path.of("/var/run/istgt_ctl_sock")));
        assertThat(c.socketDir()).isEmpty();
        assertThat(c.socketGlob()).isEqualTo("*");
        assertThat(c.rescanInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.interval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.maxLineBytes()).isEqualTo(65536);
        assertThat(c.collectorId()).isEqualTo("host-7");
        assertThat(c.volumeTopic()).isEqualTo("istgt.volume.status");
        assertThat(c.replicaTopic()).isEqualTo("istgt.replica.status");
        assertThat(c.topicPartitions()).isEqualTo(6);
        assertThat(c.topicReplication()).isEmpty();
        assertThat(c.topicRetentionMs()).isEqualTo(Duration.ofDays(7).toMillis());
        assertThat(c.topicCompression()).isEqualTo("zstd");
        assertThat(c.createTopics()).isTrue();
        assertThat(c.producerConfig()).isEmpty();
        assertThat(c.spoolDir()).isEqualTo(java.nio.file.Path.of("/var/lib/istgt-collector/spool"));
        assertThat(c.spoolMaxBytes()).isEqualTo(1L << 30);
        assertThat(c.spoolFsyncInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.httpPort()).isEqualTo(9404);
        assertThat(c.exporterPort()).isZero();
        assertThat(c.exporterSeries()).isEqualTo(ExporterSeries.ALL);
        assertThat(c.httpAddress()).isEqualTo("0.0.0.0");
        assertThat(c.shutdownTimeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void shouldPreferFlagsToEnvironmentToConfigFileToDefaults() throws Exception {
        Path file = configFile("interval=1m\ntopic-partitions=3\nvolume-topic=file.volumes\nhttp-port=9000\n");
        env.put("ISTGT_COLLECTOR_CONFIG", file.toString());
        env.put("ISTGT_COLLECTOR_INTERVAL", "30s");
        env.put("ISTGT_COLLECTOR_TOPIC_PARTITIONS", "4");
        flags.put("interval", List.of("2s"));

        RunConfig c = resolve();

        assertThat(c.interval()).as("flag over environment and file").isEqualTo(Duration.ofSeconds(2));
        assertThat(c.topicPartitions()).as("environment over file").isEqualTo(4);
        assertThat(c.volumeTopic()).as("file over default").isEqualTo("file.volumes");
        assertThat(c.httpPort()).isEqualTo(9000);
        assertThat(c.timeout()).as("default: 5 s whatever the interval; a poll that outlasts it skips a slot")
                .isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void shouldReadRepeatedSocketsWithNamesAndCommaSeparatedOnesFromTheEnvironment() throws Exception {
        flags.put("socket", List.of("vol1=/run/a.sock", "/run/b.sock"));

        assertThat(resolve().sockets()).containsExactly(new RunConfig.SocketTarget("vol1", Path.of("/run/a.sock")),
                new RunConfig.SocketTarget("/run/b.sock", Path.of("/run/b.sock")));

        flags.remove("socket");
        env.put("ISTGT_COLLECTOR_SOCKET", "/run/c.sock, /run/d.sock");
        assertThat(resolve().sockets()).extracting(RunConfig.SocketTarget::name).containsExactly("/run/c.sock",
                "/run/d.sock");
    }

    @Test
    void shouldServeMayaExportersPortWhenAskedAndRefuseItOnTheHttpPort() throws Exception {
        env.put("ISTGT_COLLECTOR_EXPORTER_PORT", "9500");
        assertThat(resolve().exporterPort()).isEqualTo(9500);

        flags.put("http-port", List.of("9500"));
        assertThatThrownBy(this::resolve).isInstanceOf(SettingException.class).hasMessage("exporter-port and"
                + " http-port are both 9500: /metrics is served on http-port already; give exporter-port another port,"
                + " or 0");
    }

    @Test
    void shouldKeepToTheSeriesAskedForAndNameTheChoicesOfABadOne() throws Exception {
        env.put("ISTGT_COLLECTOR_EXPORTER_SERIES", "Compatible");
        assertThat(resolve().exporterSeries()).isEqualTo(ExporterSeries.COMPATIBLE);

        flags.put("exporter-series", List.of("deep"));
        assertThatThrownBy(this::resolve).isInstanceOf(SettingException.class)
                .hasMessageContaining("exporter-series").hasMessageContaining("expected all, compatible or none");
    }

    @Test
    void shouldRefuseAnIntervalBelowTheFloor() {
        flags.put("interval", List.of("100ms"));

        assertThatThrownBy(this::resolve).isInstanceOf(SettingException.class).hasMessage(
                "invalid interval '100ms' (--interval): must be at least 500ms: polling istgt more often costs it"
                        + " more than it tells");
    }

    @Test
    void shouldNameTheKeySourceAndAllowedFormOfABadValue() throws Exception {
        env.put("ISTGT_COLLECTOR_TOPIC_RETENTION", "forever");
        assertThatThrownBy(this::resolve).hasMessage("invalid topic-retention 'forever' (environment"
                + " ISTGT_COLLECTOR_TOPIC_RETENTION): expected a duration such as 30d, 720h, 90m, or unlimited");

        env.clear();
        env.put("ISTGT_COLLECTOR_CONFIG", configFile("topic-compression=brotli\n").toString());
        assertThatThrownBy(this::resolve).hasMessage("invalid topic-compression 'brotli' (config file " + dir
                .resolve("collector.properties") + "): expected one of [gzip, lz4, producer, snappy, uncompressed, zstd]");

        env.clear();
        flags.put("http-port", List.of("70000"));
        assertThatThrownBy(this::resolve).hasMessage(
                "invalid http-port '70000' (--http-port): expected a port 0..65535 (0 turns the HTTP server off)");
    }

    @Test
    void shouldReadSpoolSizesInDecimalAndBinaryUnitsAndRefuseTinyOrUnknownOnes() throws Exception {
        flags.put("spool-max-bytes", List.of("512MiB"));
        flags.put("spool-dir", List.of("/data/spool"));
        assertThat(resolve().spoolMaxBytes()).isEqualTo(512L << 20);
        assertThat(resolve().spoolDir()).isEqualTo(Path.of("/data/spool"));
        flags.put("spool-max-bytes", List.of("2GB"));
        assertThat(resolve().spoolMaxBytes()).isEqualTo(2_000_000_000L);

        flags.put("spool-max-bytes", List.of("100KiB"));
        assertThatThrownBy(this::resolve).hasMessage(
                "invalid spool-max-bytes '100KiB' (--spool-max-bytes): must be at least 1MiB");
        flags.put("spool-max-bytes", List.of("1 TB"));
        assertThatThrownBy(this::resolve).hasMessage("invalid spool-max-bytes '1 TB' (--spool-max-bytes): expected a"
                + " size such as 1GiB, 512MiB, 100MB or 1048576");
    }

    @Test
    void shouldRequireKafkaAndTheRegistry() {
        flags.remove("bootstrap-servers");

        assertThatThrownBy(this::resolve).hasMessage("bootstrap-servers is required: set --bootstrap-servers,"
                + " ISTGT_COLLECTOR_BOOTSTRAP_SERVERS or bootstrap-servers in the config file");
    }

    @Test
    void shouldRefuseSocketAndSocketDirTogether() {
        flags.put("socket", List.of("/run/a.sock"));
        flags.put("socket-dir", List.of("/run"));

        assertThatThrownBy(this::resolve).hasMessage("socket and socket-dir exclude each other: poll given sockets"
                + " (socket) or every socket of a directory (socket-dir), not both");
    }

    @Test
    void shouldFindTargetPodsThroughTheKubeletsPodDirectories() throws Exception {
        env.put("ISTGT_COLLECTOR_KUBELET_PODS_DIR", "/pods");

        RunConfig c = resolve();

        assertThat(c.kubeletPodsDir()).contains(Path.of("/pods"));
        assertThat(c.sockets()).as("no default socket beside the pods").isEmpty();
        assertThat(c.podSocket()).isEqualTo(Path.of("volumes/kubernetes.io~empty-dir/sockfile/istgt_ctl_sock"));
        assertThat(c.podIstgtConf()).isEqualTo(Path.of("volumes/kubernetes.io~empty-dir/conf/istgt.conf"));
    }

    @Test
    void shouldRefuseKubeletPodsDirWithSocketOrSocketDir() {
        flags.put("kubelet-pods-dir", List.of("/pods"));
        flags.put("socket-dir", List.of("/run"));

        assertThatThrownBy(this::resolve).hasMessage("kubelet-pods-dir excludes socket-dir: poll every target pod of"
                + " the node (kubelet-pods-dir), given sockets (socket) or a directory's sockets (socket-dir), one of"
                + " them");
    }

    @Test
    void shouldRefuseAPodsDirWhoseSocketPathsAUnixSocketAddressCannotHold() {
        flags.put("kubelet-pods-dir", List.of("/var/lib/kubelet/pods"));

        assertThatThrownBy(this::resolve).hasMessage("kubelet-pods-dir /var/lib/kubelet/pods with pod-socket"
                + " volumes/kubernetes.io~empty-dir/sockfile/istgt_ctl_sock gives socket paths of 114 bytes"
                + " (/var/lib/kubelet/pods/00000000-0000-0000-0000-000000000000/volumes/kubernetes.io~empty-dir/"
                + "sockfile/istgt_ctl_sock), over the 107 a unix socket address holds: mount the pod directories at"
                + " a path at most 14 bytes long (such as /pods) and set kubelet-pods-dir to it");
    }

    @Test
    void shouldRefuseAPodSocketOutsideThePodDirectory() {
        flags.put("kubelet-pods-dir", List.of("/pods"));
        flags.put("pod-socket", List.of("../../run/istgt_ctl_sock"));

        assertThatThrownBy(this::resolve).hasMessage("invalid pod-socket '../../run/istgt_ctl_sock' (--pod-socket):"
                + " expected a path relative to the pod directory, such as"
                + " volumes/kubernetes.io~empty-dir/sockfile/istgt_ctl_sock");
    }

    @Test
    void shouldRefuseATimeoutThatAConnectingReplicaWouldReach() {
        flags.put("interval", List.of("1s"));
        flags.put("timeout", List.of("500ms"));

        assertThatThrownBy(this::resolve).hasMessage("invalid timeout '500ms' (--timeout): must be at least 2s:"
                + " istgt takes about 0.9 s to answer ISTGTSTATUS and REPLICA while a replica connects, and a poll"
                + " that times out then would report a busy target as unreachable");
    }

    @Test
    void shouldAcceptATimeoutLongerThanTheInterval() throws Exception {
        flags.put("interval", List.of("1s"));
        flags.put("timeout", List.of("3s"));

        RunConfig c = resolve();

        assertThat(c.interval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.timeout()).as("a slot that comes while the poll runs is skipped").isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void shouldRefuseUnknownKeysInTheConfigFile() throws Exception {
        flags.put("config", List.of(configFile("intervall=10s\n").toString()));

        assertThatThrownBy(this::resolve).hasMessageStartingWith("unknown key intervall in config file "
                + dir.resolve("collector.properties") + " (--config): it takes the options' names without dashes"
                + " (bootstrap-servers, collector-id,");
    }

    @Test
    void shouldReadUnlimitedRetentionBrokerReplicationAndTheNoCreateFlag() throws Exception {
        flags.put("topic-retention", List.of("unlimited"));
        flags.put("topic-replication-factor", List.of("3"));
        flags.put("no-create-topics", List.of("true"));

        RunConfig c = resolve();

        assertThat(c.topicRetentionMs()).isEqualTo(-1);
        assertThat(c.topicReplication()).isEqualTo(Optional.of((short) 3));
        assertThat(c.createTopics()).isFalse();
    }

    @Test
    void shouldLoadTheProducerConfigFile() throws Exception {
        Path producer = dir.resolve("producer.properties");
        Files.writeString(producer, "security.protocol=SSL\nlinger.ms=100\n");
        flags.put("producer-config", List.of(producer.toString()));

        assertThat(resolve().producerConfig()).containsExactlyInAnyOrderEntriesOf(
                Map.of("security.protocol", "SSL", "linger.ms", "100"));

        flags.put("producer-config", List.of(dir.resolve("missing.properties").toString()));
        assertThatThrownBy(this::resolve).hasMessageStartingWith("cannot read producer-config file "
                + dir.resolve("missing.properties") + ": java.nio.file.NoSuchFileException");
    }

    @Test
    void shouldDeclareEveryKeyOnceWithADoc() {
        assertThat(RunSettings.ALL).extracting(Setting::key).doesNotHaveDuplicates();
        assertThat(RunSettings.ALL).allSatisfy(s -> assertThat(s.doc()).isNotBlank());
        assertThat(RunSettings.INTERVAL.environmentVariable()).isEqualTo("ISTGT_COLLECTOR_INTERVAL");
    }
}
