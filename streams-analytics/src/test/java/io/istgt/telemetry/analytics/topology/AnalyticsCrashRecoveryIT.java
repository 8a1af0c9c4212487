package io.istgt.telemetry.analytics.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.istgt.telemetry.analytics.AnalyticsConfig;
import io.istgt.telemetry.analytics.AnalyticsMain;
import io.istgt.telemetry.schemas.Alert;
import io.istgt.telemetry.schemas.AlertKey;
import io.istgt.telemetry.schemas.VolumeKey;
import io.istgt.telemetry.schemas.VolumeStatus;
import io.istgt.telemetry.testrecords.StatusRecords;
import io.istgt.telemetry.testsupport.AcceptedSends;
import io.istgt.telemetry.testsupport.ApicurioRegistry;
import io.istgt.telemetry.testsupport.Await;
import io.istgt.telemetry.testsupport.KafkaTestBroker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import io.istgt.telemetry.analytics.AnalyticsApp;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exactly once under crashes and rebalances: the analytics run as their own process and are killed with SIGKILL
 * several times while status records stream in; or two instances share the work and one of them stops, its
 * partitions and state moving to the other. Either way the alerts topic read with read_committed must equal,
 * alert for alert, what an uninterrupted run of the same topology derives from the same input: none lost, none
 * twice.
 */
class AnalyticsCrashRecoveryIT {

    private static final Logger log = LoggerFactory.getLogger(AnalyticsCrashRecoveryIT.class);
    private static final int VOLUMES = 12;
    private static final int SNAPSHOTS = 120;
    private static final int KILLS = 3;

    private static KafkaTestBroker broker;
    private static ApicurioRegistry registry;

    @TempDir
    Path work;

    @BeforeAll
    static void startCluster() {
        broker = KafkaTestBroker.start();
        registry = ApicurioRegistry.shared();
        broker.createTopic("istgt.volume.status", 4);
        broker.createTopic("istgt.replica.status", 4);
    }

    @AfterAll
    static void stopCluster() {
        broker.close();
    }

    @Test
    void shouldPublishExactlyTheAlertsOfAnUninterruptedRunDespiteKillNine() throws Exception {
        List<VolumeStatus> input = history(new Random(42));
        List<String> expected = uninterrupted(input);
        assertThat(expected).as("the input raises alerts at all").hasSizeGreaterThan(50);

        Path config = work.resolve("analytics.properties");
        Files.writeString(config, String.join("\n",
                AnalyticsConfig.TOPIC_REPLICATION + "=1",
                AnalyticsConfig.TOPIC_PARTITIONS + "=4",
                AnalyticsConfig.RESOLVE_AFTER_MS + "=30000",
                // the uninterrupted run has no wall clock to speak of: keep silence out of the comparison
                AnalyticsConfig.SILENCE_INTERVALS + "=100000",
                "consumer.auto.offset.reset=earliest",
                // a killed member leaves the group after this, not Kafka's default 45 s
                "consumer.session.timeout.ms=6000",
                "consumer.heartbeat.interval.ms=1500",
                "commit.interval.ms=200"));

        Process analytics = startAnalytics(config, 0);
        int committed = 0;
        try (KafkaProducer<VolumeKey, VolumeStatus> producer = topics().volumeProducer()) {
            AcceptedSends sends = new AcceptedSends("the crash test's input");
            int perKill = input.size() / (KILLS + 1);
            for (int i = 0; i < input.size(); i++) {
                VolumeStatus v = input.get(i);
                sends.send(producer, ClusterTopics.record(v));
                if (i > 0 && i % perKill == 0 && i / perKill <= KILLS) {
                    sends.awaitAccepted();
                    // kill only once this instance has processed and committed work of its own
                    committed = awaitMoreAlertsCommittedThan(committed);
                    log.info("kill -9 of the analytics after {} records in, {} alerts committed", i, committed);
                    analytics.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                    // what the killed instance committed; the next one must commit more before its own kill
                    committed = countCommittedAlerts();
                    analytics = startAnalytics(config, i / perKill);
                }
            }
            sends.awaitAccepted();
        }
        try {
            List<String> actual = readAlerts(expected.size(), Duration.ofSeconds(120));
            assertThat(actual).containsExactlyInAnyOrderElementsOf(expected);
        } finally {
            analytics.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void shouldHandOverPartitionsAndStateWhenOneOfTwoInstancesStops() throws Exception {
        List<VolumeStatus> input = history(new Random(7));
        List<String> expected = uninterrupted(input);
        String prefix = "handover.";
        broker.createTopic(prefix + "volume.status", 4);
        broker.createTopic(prefix + "replica.status", 4);
        String alerts = prefix + "alerts";

        try (AnalyticsApp first = AnalyticsApp.start(handoverSettings(prefix, "first"));
             AnalyticsApp second = AnalyticsApp.start(handoverSettings(prefix, "second"));
             KafkaProducer<VolumeKey, VolumeStatus> producer = topics().volumeProducer()) {
            AcceptedSends sends = new AcceptedSends("the handover test's input");
            int half = input.size() / 2;
            for (VolumeStatus v : input.subList(0, half)) {
                sends.send(producer, new ProducerRecord<>(prefix + "volume.status", null,
                        v.getMetadata().getCollectedAt().toEpochMilli(), new VolumeKey(v.getIqn()), v));
            }
            sends.awaitAccepted();
            awaitSharedBy(2, "analytics-handover");
            int before = readAlerts(alerts, 1, Duration.ofSeconds(60)).size();
            log.info("both instances at work, {} alerts committed; stopping the second", before);

            second.close();
            for (VolumeStatus v : input.subList(half, input.size())) {
                sends.send(producer, new ProducerRecord<>(prefix + "volume.status", null,
                        v.getMetadata().getCollectedAt().toEpochMilli(), new VolumeKey(v.getIqn()), v));
            }
            sends.awaitAccepted();

            List<String> actual = readAlerts(alerts, expected.size(), Duration.ofSeconds(120));
            assertThat(actual).containsExactlyInAnyOrderElementsOf(expected);
            awaitSharedBy(1, "analytics-handover");
            assertThat(first.state()).isEqualTo(org.apache.kafka.streams.KafkaStreams.State.RUNNING);
        }
    }

    private Map<String, Object> handoverSettings(String prefix, String instance) throws IOException {
        Map<String, Object> s = new HashMap<>();
        s.put(org.apache.kafka.streams.StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        s.put(org.apache.kafka.streams.StreamsConfig.APPLICATION_ID_CONFIG, "analytics-handover");
        s.put(org.apache.kafka.streams.StreamsConfig.STATE_DIR_CONFIG,
                Files.createDirectories(work.resolve("handover-" + instance)).toString());
        s.put("schema.registry.url", registry.ccompatUrl());
        s.put(AnalyticsConfig.VOLUME_TOPIC, prefix + "volume.status");
        s.put(AnalyticsConfig.REPLICA_TOPIC, prefix + "replica.status");
        s.put(AnalyticsConfig.ALERTS_TOPIC, prefix + "alerts");
        s.put(AnalyticsConfig.ACTIVE_ALERTS_TOPIC, prefix + "alerts.active");
        s.put(AnalyticsConfig.TRANSITIONS_TOPIC, prefix + "replica.transitions");
        s.put(AnalyticsConfig.VOLUME_TRANSITIONS_TOPIC, prefix + "volume.transitions");
        s.put(AnalyticsConfig.TOPIC_REPLICATION, "1");
        s.put(AnalyticsConfig.TOPIC_PARTITIONS, "4");
        s.put(AnalyticsConfig.RESOLVE_AFTER_MS, "30000");
        s.put(AnalyticsConfig.SILENCE_INTERVALS, "100000");
        s.put("consumer.auto.offset.reset", "earliest");
        s.put("commit.interval.ms", "200");
        return s;
    }

    /** Waits until the application's consumer group has {@code members} members, each with partitions. */
    private static void awaitSharedBy(int members, String group) throws Exception {
        try (org.apache.kafka.clients.admin.Admin admin = broker.admin()) {
            Await.atMost(Duration.ofSeconds(90)).every(Duration.ofMillis(250)).until(
                    () -> admin.describeConsumerGroups(List.of(group)).all().get().get(group),
                    description -> description.members().size() == members && description.members().stream()
                            .allMatch(m -> !m.assignment().topicPartitions().isEmpty()),
                    description -> members + " instances sharing the work: " + description);
        }
    }

    /** What the topology derives from the input without interruption (TopologyTestDriver, same code). */
    private List<String> uninterrupted(List<VolumeStatus> input) throws IOException {
        Path stateDir = Files.createDirectories(work.resolve("driver-state"));
        try (AnalyticsDriver driver = new AnalyticsDriver(stateDir, Map.of(
                AnalyticsConfig.RESOLVE_AFTER_MS, "30000", AnalyticsConfig.SILENCE_INTERVALS, "100000"))) {
            input.forEach(driver::volume);
            return driver.alerts.readValuesToList().stream().map(AnalyticsCrashRecoveryIT::line).sorted().toList();
        }
    }

    /**
     * Volumes whose replicas drop out and come back, and whose snapshots sometimes fail, at random: 20 minutes of
     * polls ending before now (records sent to the broker are dated relative to now, never on a fixed date that
     * the broker's retention would one day delete).
     */
    private static List<VolumeStatus> history(Random random) {
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofSeconds(10L * SNAPSHOTS + 600));
        List<String> ids = List.of("6161", "6162", "6163");
        List<VolumeStatus> out = new ArrayList<>();
        Map<Integer, Map<String, String>> modes = new HashMap<>();
        Map<Integer, long[]> snapshots = new HashMap<>();
        for (int s = 0; s < SNAPSHOTS; s++) {
            for (int v = 0; v < VOLUMES; v++) {
                Map<String, String> m = modes.computeIfAbsent(v, k -> new LinkedHashMap<>(
                        Map.of("6161", "Healthy", "6162", "Healthy", "6163", "Healthy")));
                String id = ids.get(random.nextInt(ids.size()));
                int dice = random.nextInt(20);
                if (dice == 0) {
                    m.remove(id);
                } else if (dice == 1 && !m.containsKey(id)) {
                    m.put(id, "Degraded");
                } else if (dice < 6 && "Degraded".equals(m.get(id))) {
                    m.put(id, "Healthy");
                }
                long[] snap = snapshots.computeIfAbsent(v, k -> new long[2]);
                snap[0] += random.nextInt(3);
                snap[1] += random.nextInt(10) == 0 ? 0 : 1;
                snap[1] = Math.min(snap[1], snap[0]);
                int healthy = (int) m.values().stream().filter("Healthy"::equals).count();
                String status = healthy >= 2 ? "Healthy" : (m.size() >= 2 && healthy >= 1) || m.size() >= 2 ? "Degraded" : "Offline";
                VolumeStatus record = StatusRecords.volume(t0.plusSeconds(10L * s), status, new LinkedHashMap<>(m),
                        100 + 10L * s, snap[0], snap[1], "collector-a", s);
                out.add(VolumeStatus.newBuilder(record).setIqn("iqn.2016-09.com.openebs.cstor:vol" + v).build());
            }
        }
        return out;
    }

    private Process startAnalytics(Path config, int generation) throws IOException {
        Path logFile = work.resolve("analytics-" + generation + ".log");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.istgt.telemetry.schemas",
                "-cp", System.getProperty("java.class.path"), AnalyticsMain.class.getName(),
                "--bootstrap-servers", broker.bootstrapServers(),
                "--schema-registry-url", registry.ccompatUrl(),
                "--application-id", "analytics-crash",
                "--state-dir", work.resolve("state-" + generation).toString(),
                "--config", config.toString(),
                "--http-port", "0", "--http-address", "127.0.0.1");
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
    }

    private int awaitMoreAlertsCommittedThan(int before) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        try (KafkaConsumer<AlertKey, Alert> consumer = topics().alertConsumer()) {
            consumer.subscribe(List.of("istgt.alerts"));
            int seen = 0;
            while (seen <= before && System.nanoTime() < deadline) {
                seen += consumer.poll(Duration.ofMillis(200)).count();
            }
            assertThat(seen).as("alerts committed by this instance before its kill").isGreaterThan(before);
            return seen;
        }
    }

    /** Every alert committed so far: read up to the last stable offset of each partition. */
    private int countCommittedAlerts() {
        try (KafkaConsumer<AlertKey, Alert> consumer = topics().alertConsumer()) {
            List<org.apache.kafka.common.TopicPartition> partitions = consumer.partitionsFor("istgt.alerts").stream()
                    .map(p -> new org.apache.kafka.common.TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<org.apache.kafka.common.TopicPartition, Long> end = consumer.endOffsets(partitions);
            int count = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp)) && System.nanoTime() < deadline) {
                count += consumer.poll(Duration.ofMillis(200)).count();
            }
            return count;
        }
    }

    private List<String> readAlerts(int expected, Duration timeout) {
        return readAlerts("istgt.alerts", expected, timeout);
    }

    private List<String> readAlerts(String topic, int expected, Duration timeout) {
        List<String> lines = new ArrayList<>();
        try (KafkaConsumer<AlertKey, Alert> consumer = topics().alertConsumer()) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (lines.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> lines.add(line(r.value())));
            }
            consumer.poll(Duration.ofSeconds(3)).forEach(r -> lines.add(line(r.value())));
        }
        return lines.stream().sorted().toList();
    }



    private static ClusterTopics topics() {
        return new ClusterTopics(broker, registry);
    }

    private static String line(Alert a) {
        return a.getIqn() + " " + a.getKind() + " " + a.getReplicaId() + " " + a.getState() + " "
                + a.getStartedAt() + " " + a.getEndedAt() + " " + a.getEventAt() + " " + a.getSummary();
    }
}
