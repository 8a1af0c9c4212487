package io.istgt.telemetry.collector.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.istgt.telemetry.collector.config.RunConfig;
import io.istgt.telemetry.collector.config.SettingsResolver;
import io.istgt.telemetry.schemas.FailureKeySource;
import io.istgt.telemetry.schemas.PollFailureKind;
import io.istgt.telemetry.schemas.ReplicaKey;
import io.istgt.telemetry.schemas.ReplicaStatus;
import io.istgt.telemetry.schemas.VolumeKey;
import io.istgt.telemetry.schemas.VolumeStatus;
import io.istgt.telemetry.sim.EmulatedIstgt;
import io.istgt.telemetry.sim.ManualClock;
import io.istgt.telemetry.sim.SimConfig;
import io.istgt.telemetry.sim.fault.Fault;
import io.istgt.telemetry.testsupport.ApicurioRegistry;
import io.istgt.telemetry.testsupport.KafkaTestBroker;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The collector's run loop end to end: the emulated istgt on a unix socket, the real in-process KRaft broker,
 * the real Apicurio registry, and a consumer reading both topics with the project's Avro deserializer.
 */
class CollectorPublishingIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static KafkaTestBroker kafka;
    private static String registry;

    @TempDir
    Path dir;
    private final ManualClock simClock = new ManualClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private final String volumeTopic = "it.volumes." + UUID.randomUUID();
    private final String replicaTopic = "it.replicas." + UUID.randomUUID();
    private EmulatedIstgt istgt;
    private CollectorApp app;

    @BeforeAll
    static void startKafka() {
        registry = ApicurioRegistry.shared().ccompatUrl();
        kafka = KafkaTestBroker.start();
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        if (istgt != null) {
            istgt.close();
        }
    }

    private RunConfig config(Map<String, List<String>> extra) throws Exception {
        Map<String, List<String>> flags = new HashMap<>(Map.of(
                "bootstrap-servers", List.of(kafka.bootstrapServers()),
                "schema-registry-url", List.of(registry),
                "interval", List.of("500ms"),
                "volume-topic", List.of(volumeTopic),
                "replica-topic", List.of(replicaTopic),
                "topic-partitions", List.of("2"),
                "http-port", List.of(Integer.toString(freePort())),
                "http-address", List.of("127.0.0.1"),
                "collector-id", List.of("it-collector"),
                "spool-dir", List.of(dir.resolve("spool").toString())));
        flags.putAll(extra);
        return new SettingsResolver(Map.of(), () -> "unused").resolve(flags);
    }

    private EmulatedIstgt emulator(String name) {
        istgt = EmulatedIstgt.start(dir.resolve(name), SimConfig.builder().clock(simClock)
                .rebuildTime(Duration.ofSeconds(20)).replicaIds(SimConfig.ReplicaIds.GUID).idleTimeout(Duration.ofMinutes(5))
                .build());
        return istgt;
    }

    private TopicReader<VolumeKey, VolumeStatus> volumes() {
        return new TopicReader<>(kafka.bootstrapServers(), registry, volumeTopic, VolumeKey.class, VolumeStatus.class);
    }

    private TopicReader<ReplicaKey, ReplicaStatus> replicas() {
        return new TopicReader<>(kafka.bootstrapServers(), registry, replicaTopic, ReplicaKey.class, ReplicaStatus.class);
    }

    @Test
    void shouldPublishEveryRecordOfAPollUnderItsKeyWithTheValuesTheEmulatorServes() throws Exception {
        EmulatedIstgt sim = emulator("istgt.sock");
        simClock.advance(Duration.ofSeconds(90));
        List<String> ids = sim.replicaIds("vol1");
        String gone = ids.get(1);
        sim.apply("vol1 replica-disconnect " + gone);
        String iqn = sim.iqn("vol1");
        JsonNode iostats = RawControl.json(sim.socketPath(), "IOSTATS");
        JsonNode deep = RawControl.json(sim.socketPath(), "ISTGTSTATUS");

        app = CollectorApp.start(config(Map.of("socket", List.of(sim.socketPath().toString()))), Clock.systemUTC());

        ConsumerRecord<VolumeKey, VolumeStatus> volume;
        try (var reader = volumes()) {
            volume = reader.awaitUntil(seen -> !seen.isEmpty(), WAIT).getFirst();
        }
        long sequence = volume.value().getMetadata().getSequence();
        List<ConsumerRecord<ReplicaKey, ReplicaStatus>> replicaRecords;
        try (var reader = replicas()) {
            replicaRecords = reader.awaitUntil(seen -> seen.stream()
                    .filter(r -> r.value().getMetadata().getSequence() == sequence).count() == ids.size(), WAIT)
                    .stream().filter(r -> r.value().getMetadata().getSequence() == sequence).toList();
        }

        assertThat(volume.key()).isEqualTo(new VolumeKey(iqn));
        VolumeStatus v = volume.value();
        assertThat(v.getFailure()).isNull();
        assertThat(v.getMetadata().getCollectorId()).isEqualTo("it-collector");
        assertThat(v.getMetadata().getTarget()).isEqualTo(sim.socketPath().toString());
        assertThat(v.getMetadata().getCommandSet().name()).isEqualTo("DEEP_ISTGTSTATUS");
        assertThat(v.getTarget().getStatus().name()).isEqualTo(sim.status("vol1").wire());
        assertThat(v.getTarget().getStatus().name()).isEqualTo(iostats.get("Status").asText());
        assertThat(v.getTarget().getSizeBytes()).isEqualTo(iostats.get("Size").asLong());
        assertThat(v.getTarget().getUpTimeSeconds()).isEqualTo(iostats.get("UpTime").asLong());
        assertThat(v.getIoTotals().getReadCommands()).isEqualTo(iostats.get("ReadIOPS").asLong()).isPositive();
        assertThat(v.getIoTotals().getWriteBytes()).isEqualTo(iostats.get("TotalWriteBytes").asLong());
        assertThat(v.getIoTotals().getReplicationReadTimeNs()).isEqualTo(iostats.get("ReplicationTotalReadTime").asLong());
        assertThat(v.getIoCounters().getRead10()).isEqualTo(deep.get("read10Cnt").asLong());
        assertThat(v.getIoCounters().getWrite16()).isEqualTo(deep.get("write16Cnt").asLong());
        assertThat(v.getIscsiConnections().getLuWorkers()).isEqualTo(deep.get("luWorkers").asInt());
        assertThat(v.getReplicaCounts().getConnectedReplicaIds()).containsExactlyInAnyOrderElementsOf(
                ids.stream().filter(id -> !id.equals(gone)).toList());
        assertThat(v.getReplicaCounts().getOfflineReplicaIds()).containsExactly(gone);
        assertThat(v.getReplicaCounts().getOffline()).isEqualTo(1);
        // the emulator keeps its istgt.conf beside its socket, as a target of a socket directory has its own
        assertThat(v.getReplicationSettings()).as("RF, CF and DRF from %s", sim.confPath())
                .isEqualTo(new io.istgt.telemetry.schemas.ReplicationSettings(3, 2, 3, sim.confPath().toString()));

        Map<String, JsonNode> served = new HashMap<>();
        deep.get("replicas").forEach(r -> served.put(r.get("replicaId").asText(), r));
        Map<String, JsonNode> servedIo = new HashMap<>();
        iostats.get("Replicas").forEach(r -> servedIo.put(r.get("replicaId").asText(), r));
        assertThat(replicaRecords).extracting(r -> r.key().getReplicaId()).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(ids).as("production-like GUIDs, one above Long.MAX_VALUE")
                .anySatisfy(id -> assertThat(new java.math.BigInteger(id)).isGreaterThan(
                        java.math.BigInteger.valueOf(Long.MAX_VALUE)));
        for (ConsumerRecord<ReplicaKey, ReplicaStatus> r : replicaRecords) {
            String id = r.key().getReplicaId();
            assertThat(r.key().getIqn()).isEqualTo(iqn);
            ReplicaStatus value = r.value();
            assertThat(value.getMetadata()).isEqualTo(v.getMetadata());
            if (id.equals(gone)) {
                assertThat(value.getConnected()).isFalse();
                assertThat(value.getMode()).isNull();
                assertThat(value.getErrors().getMgmtConnErrors()).isEqualTo(1L);
                assertThat(value.getErrors().getDataConnErrors()).isEqualTo(1L);
            } else {
                assertThat(value.getConnected()).isTrue();
                assertThat(value.getMode().name()).isEqualTo(served.get(id).get("Mode").asText());
                assertThat(value.getUpTimeSeconds()).isEqualTo(served.get(id).get("upTime").asLong());
                assertThat(value.getPort()).isEqualTo(served.get(id).get("Port").asInt());
                assertThat(value.getRead().getResponseTimeNs()).isEqualTo(servedIo.get(id).get("ReadRespTime").asLong());
                assertThat(value.getQueues().getWaitQueueLength()).isEqualTo(served.get(id).get("waitQ").asLong());
            }
        }
        assertThat(http("/readyz")).isEqualTo("200 ready\n");
        assertThat(http("/metrics")).contains("istgt_collector_polls_total{outcome=\"success\",target=\""
                + sim.socketPath() + "\"}", "istgt_collector_records_sent_total{topic=\"" + volumeTopic + "\"}");
    }

    @Test
    void shouldPublishFailureRecordsKeyedByTheLastKnownIqnOrTheTargetName() throws Exception {
        EmulatedIstgt sim = emulator("istgt.sock");
        simClock.advance(Duration.ofSeconds(30));
        Path nothing = dir.resolve("nobody-home.sock");
        app = CollectorApp.start(config(Map.of("socket", List.of(sim.socketPath().toString(), nothing.toString()))),
                Clock.systemUTC());

        try (var reader = volumes()) {
            reader.awaitUntil(seen -> seen.stream().anyMatch(r -> r.value().getFailure() == null), WAIT);
            sim.fault(Fault.notInitialized());
            // both failures: the two targets are polled and delivered independently, in either order
            List<ConsumerRecord<VolumeKey, VolumeStatus>> seen = reader.awaitUntil(all -> all.stream().anyMatch(r ->
                    r.value().getFailure() != null && r.key().getIqn().equals(sim.iqn("vol1")))
                    && all.stream().anyMatch(r -> r.key().getIqn().equals(nothing.toString())), WAIT);

            VolumeStatus unreachable = seen.stream().filter(r -> r.key().getIqn().equals(nothing.toString()))
                    .findFirst().orElseThrow().value();
            assertThat(unreachable.getFailure().getKind()).isEqualTo(PollFailureKind.UNREACHABLE);
            assertThat(unreachable.getFailure().getKeySource()).isEqualTo(FailureKeySource.TARGET_NAME);
            assertThat(unreachable.getFailure().getLastSuccessAt()).isNull();
            assertThat(unreachable.getTarget()).isNull();

            VolumeStatus dark = seen.stream().filter(r -> r.value().getFailure() != null
                    && r.key().getIqn().equals(sim.iqn("vol1"))).findFirst().orElseThrow().value();
            assertThat(dark.getIqn()).isEqualTo(sim.iqn("vol1"));
            assertThat(dark.getFailure().getKind()).isEqualTo(PollFailureKind.ERROR_REPLY);
            assertThat(dark.getFailure().getErrorReply()).isEqualTo("replication module not initialized");
            assertThat(dark.getFailure().getCommand()).isEqualTo("ISTGTSTATUS");
            assertThat(dark.getFailure().getKeySource()).isEqualTo(FailureKeySource.LAST_KNOWN_IQN);
            assertThat(dark.getFailure().getConsecutiveFailures()).isEqualTo(1);
            assertThat(dark.getFailure().getLastSuccessAt()).isNotNull();
            Map<String, List<Long>> sequences = seen.stream().collect(Collectors.groupingBy(
                    r -> r.value().getMetadata().getTarget(),
                    Collectors.mapping(r -> r.value().getMetadata().getSequence(), Collectors.toList())));
            assertThat(sequences.get(sim.socketPath().toString())).as("one per poll, from 1")
                    .startsWith(1L).isSorted().doesNotHaveDuplicates();
        }
        assertThat(http("/metrics")).contains("istgt_collector_poll_failures_total{kind=\"no_socket\",target=\""
                + nothing + "\"}");
    }

    @Test
    void shouldPollSocketsAppearingInTheWatchedDirectoryAndDropThoseLeaving() throws Exception {
        app = CollectorApp.start(config(Map.of("socket-dir", List.of(dir.toString()))), Clock.systemUTC());
        assertThat(app.collector().targets()).isEmpty();

        EmulatedIstgt sim = emulator("vol1.sock");
        try (var reader = volumes()) {
            var seen = reader.awaitUntil(all -> all.stream().anyMatch(r -> r.value().getFailure() == null), WAIT);
            assertThat(seen.getLast().value().getMetadata().getTarget()).isEqualTo(sim.socketPath().toString());
        }
        sim.close();
        istgt = null;

        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!app.collector().targets().isEmpty() && System.nanoTime() < deadline) {
            // Checking a condition every 20 ms until a bounded deadline; nothing here waits a fixed time.
            java.util.concurrent.locks.LockSupport.parkNanos(20_000_000);
        }
        assertThat(app.collector().targets()).as("the emulator removed its socket: dropped").isEmpty();
    }

    @Test
    void shouldRefuseToStartOnACompactedTopic() throws Exception {
        try (Admin admin = kafka.admin()) {
            admin.createTopics(List.of(new NewTopic(volumeTopic, 2, (short) 1)
                    .configs(Map.of("cleanup.policy", "compact", "retention.ms", "-1")))).all().get();
        }
        RunConfig config = config(Map.of("socket", List.of(dir.resolve("x.sock").toString())));

        assertThatThrownBy(() -> CollectorApp.start(config, Clock.systemUTC()))
                .isInstanceOf(StartException.class)
                .hasMessage("topic " + volumeTopic + " has cleanup.policy=compact, the collector needs delete"
                        + " (compaction would keep only the latest record per key and lose the history): run"
                        + " kafka-configs.sh --alter --entity-type topics --entity-name " + volumeTopic
                        + " --add-config cleanup.policy=delete, or use another topic (volume-topic)");
    }

    @Test
    void shouldCreateTheTopicsAsAsked() throws Exception {
        app = CollectorApp.start(config(Map.of("socket", List.of(dir.resolve("x.sock").toString()),
                "topic-retention", List.of("7d"))), Clock.systemUTC());

        try (Admin admin = kafka.admin()) {
            var resource = new org.apache.kafka.common.config.ConfigResource(
                    org.apache.kafka.common.config.ConfigResource.Type.TOPIC, replicaTopic);
            var config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
            assertThat(config.get("cleanup.policy").value()).isEqualTo("delete");
            assertThat(config.get("retention.ms").value()).isEqualTo(Long.toString(Duration.ofDays(7).toMillis()));
            assertThat(config.get("compression.type").value()).isEqualTo("zstd");
            assertThat(admin.describeTopics(List.of(replicaTopic)).allTopicNames().get().get(replicaTopic)
                    .partitions()).hasSize(2);
        }
    }

    private String http(String path) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + app.httpPort().orElseThrow() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        return path.equals("/metrics") ? r.body() : r.statusCode() + " " + r.body();
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
