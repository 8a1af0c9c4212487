package io.istgt.telemetry.collector.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.istgt.telemetry.collector.config.SettingsResolver;
import io.istgt.telemetry.schemas.ReplicationSettings;
import io.istgt.telemetry.schemas.VolumeKey;
import io.istgt.telemetry.schemas.VolumeStatus;
import io.istgt.telemetry.sim.EmulatedIstgt;
import io.istgt.telemetry.sim.SimConfig;
import io.istgt.telemetry.sim.SimulatorCluster;
import io.istgt.telemetry.testsupport.ApicurioRegistry;
import io.istgt.telemetry.testsupport.Await;
import io.istgt.telemetry.testsupport.KafkaTestBroker;
import io.istgt.telemetry.testsupport.KubeletPodDirs;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node collector end to end: emulated istgts laid out as the kubelet lays out cStor target pods (socket in
 * the pod's "sockfile" emptyDir, istgt.conf in its "conf" emptyDir), pods added and removed while the collector
 * runs, records keyed by the iqn each istgt reports reaching the real broker through the real registry.
 */
class NodeCollectorIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static KafkaTestBroker kafka;
    private static String registry;

    @TempDir
    Path dir;
    private final String volumeTopic = "it.node.volumes." + UUID.randomUUID();
    private final String replicaTopic = "it.node.replicas." + UUID.randomUUID();
    private final KubeletPodDirs pods = KubeletPodDirs.create();
    private SimulatorCluster istgts;
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
        try {
            if (app != null) {
                app.close();
            }
        } finally {
            if (istgts != null) {
                istgts.close();
            }
            pods.close();
        }
    }

    private CollectorApp startCollector() throws Exception {
        Map<String, List<String>> flags = new HashMap<>(Map.of(
                "kubelet-pods-dir", List.of(pods.root().toString()),
                "rescan-interval", List.of("500ms"),
                "bootstrap-servers", List.of(kafka.bootstrapServers()),
                "schema-registry-url", List.of(registry),
                "interval", List.of("500ms"),
                "volume-topic", List.of(volumeTopic),
                "replica-topic", List.of(replicaTopic),
                "topic-partitions", List.of("2"),
                "http-port", List.of(Integer.toString(freePort())),
                "http-address", List.of("127.0.0.1")));
        flags.put("collector-id", List.of("it-node"));
        flags.put("spool-dir", List.of(dir.resolve("spool").toString()));
        return CollectorApp.start(new SettingsResolver(Map.of(), () -> "unused").resolve(flags), Clock.systemUTC());
    }

    @Test
    void shouldPollEveryTargetPodOfTheNodeAsPodsComeAndGo() throws Exception {
        istgts = SimulatorCluster.start(dir.resolve("istgts"), 3, SimConfig.builder()
                .rebuildTime(Duration.ofSeconds(5)).idleTimeout(Duration.ofMinutes(5)).build());
        EmulatedIstgt first = istgts.targets().get(0);
        EmulatedIstgt second = istgts.targets().get(1);
        EmulatedIstgt unconfigured = istgts.targets().get(2);
        String firstIqn = iqn(first);
        String secondIqn = iqn(second);
        String unconfiguredIqn = iqn(unconfigured);
        KubeletPodDirs.Pod firstPod = pods.addPodServing(first.socketPath(), first.confPath());
        pods.addPodWithoutVolumes();                       // any other pod of the node
        pods.addPod();                                     // a target pod whose istgt has not made its socket yet

        app = startCollector();

        try (var reader = new TopicReader<>(kafka.bootstrapServers(), registry, volumeTopic, VolumeKey.class,
                VolumeStatus.class)) {
            VolumeStatus v = success(reader, firstIqn);
            assertThat(v.getMetadata().getTarget()).isEqualTo(firstPod.socket().toString());
            assertThat(v.getReplicationSettings()).as("RF, CF and DRF from the pod's conf emptyDir")
                    .isEqualTo(new ReplicationSettings(3, 2, 3, firstPod.conf().toString()));
            assertThat(app.collector().targets()).as("only the pod with a socket").containsExactly(
                    firstPod.socket().toString());

            KubeletPodDirs.Pod secondPod = pods.addPodServing(second.socketPath(), second.confPath());
            KubeletPodDirs.Pod unconfiguredPod = pods.addPodServing(unconfigured.socketPath(), null);

            VolumeStatus added = success(reader, secondIqn);
            assertThat(added.getMetadata().getTarget()).as("a pod that came while the collector ran")
                    .isEqualTo(secondPod.socket().toString());
            assertThat(added.getReplicationSettings().getSource()).isEqualTo(secondPod.conf().toString());
            VolumeStatus bare = success(reader, unconfiguredIqn);
            assertThat(bare.getMetadata().getTarget()).isEqualTo(unconfiguredPod.socket().toString());
            assertThat(bare.getReplicationSettings()).as("no istgt.conf in its pod: polled all the same, without"
                    + " the settings").isNull();

            pods.remove(firstPod);

            Await.atMost(WAIT).until(() -> !app.collector().targets().contains(firstPod.socket().toString()),
                    () -> "the deleted pod's target still polled: " + app.collector().targets());
            assertThat(app.collector().targets()).containsExactlyInAnyOrder(secondPod.socket().toString(),
                    unconfiguredPod.socket().toString());
            Instant removedAt = Instant.now();
            // the collector goes on with the others: a poll of the second collected after the removal ...
            reader.awaitUntil(seen -> seen.stream().anyMatch(r -> r.key().getIqn().equals(secondIqn)
                    && r.value().getMetadata().getCollectedAt().isAfter(removedAt)), WAIT);
            // ... and none of the removed pod's istgt since
            assertThat(reader.awaitUntil(seen -> true, WAIT)).filteredOn(r -> r.key().getIqn().equals(firstIqn))
                    .as("records of the removed pod's istgt").isNotEmpty()
                    .allSatisfy(r -> assertThat(r.value().getMetadata().getCollectedAt()).isBefore(removedAt));
        }
    }

    private static String iqn(EmulatedIstgt istgt) {
        return istgt.iqn(istgt.volumes().getFirst());
    }

    /** The first record of a successful poll of {@code iqn}. */
    private static VolumeStatus success(TopicReader<VolumeKey, VolumeStatus> reader, String iqn) {
        return reader.awaitUntil(seen -> first(seen, iqn).isPresent(), WAIT).stream()
                .filter(r -> r.key().getIqn().equals(iqn) && r.value().getFailure() == null)
                .findFirst().orElseThrow().value();
    }

    private static Optional<ConsumerRecord<VolumeKey, VolumeStatus>> first(
            List<ConsumerRecord<VolumeKey, VolumeStatus>> seen, String iqn) {
        return seen.stream().filter(r -> r.key().getIqn().equals(iqn) && r.value().getFailure() == null).findFirst();
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
