package io.istgt.telemetry.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.istgt.telemetry.analytics.AnalyticsApp;
import io.istgt.telemetry.analytics.AnalyticsConfig;
import io.istgt.telemetry.schemas.Alert;
import io.istgt.telemetry.schemas.AlertKey;
import io.istgt.telemetry.schemas.ReplicaKey;
import io.istgt.telemetry.schemas.ReplicaStatus;
import io.istgt.telemetry.schemas.VolumeKey;
import io.istgt.telemetry.schemas.VolumeStatus;
import io.istgt.telemetry.schemas.serde.AvroDeserializer;
import io.istgt.telemetry.schemas.serde.AvroSerdeConfig;
import io.istgt.telemetry.schemas.serde.AvroSerializer;
import io.istgt.telemetry.testsupport.AcceptedSends;
import io.istgt.telemetry.testsupport.ApicurioRegistry;
import io.istgt.telemetry.testsupport.Await;
import io.istgt.telemetry.testsupport.KafkaTestBroker;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The replay against a real broker and a real registry, over history the real analytics (Kafka Streams,
 * exactly once) turned into transitions and alerts: the scripted incident of {@link ScenarioHistory},
 * published keyed and timestamped like the collector publishes, with the project's serializer; an older
 * incident of the same volume and a second volume's records around it.
 */
class ReplayIT {

    private static final String VOL2 = "iqn.2016-09.com.openebs.cstor:vol2";
    private static KafkaTestBroker broker;
    private static String registryUrl;
    private static Instant t0;
    /** Timestamps of the volume topic's records by partition: what a seek by timestamp leaves to read. */
    private static final Map<Integer, List<Instant>> volumeTopicTimes = new HashMap<>();
    private static int vol1Partition;

    @TempDir
    static Path stateDir;

    @BeforeAll
    static void recordIncidentAndRunAnalytics() throws Exception {
        broker = KafkaTestBroker.start();
        registryUrl = ApicurioRegistry.shared().ccompatUrl();
        broker.createTopic("istgt.volume.status", 3);
        broker.createTopic("istgt.replica.status", 3);
        t0 = ScenarioHistory.incidentStart(Instant.now());
        publish();
        Map<String, Object> settings = new HashMap<>();
        settings.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        settings.put(StreamsConfig.APPLICATION_ID_CONFIG, "replay-it-analytics");
        settings.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        settings.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registryUrl);
        settings.put(AnalyticsConfig.TOPIC_REPLICATION, "1");
        settings.put(AnalyticsConfig.TOPIC_PARTITIONS, "3");
        try (AnalyticsApp app = AnalyticsApp.start(settings)) {
            // the incident's last alert: the error spike on 6161 resolves at +780
            awaitAlert(t0.plusSeconds(780));
            // That alert comes from the replica records; the volume records are another task, which may lag:
            // wait until the analytics committed (exactly once: with their outputs) the end of both inputs.
            awaitCommittedToEnd("replay-it-analytics", List.of("istgt.volume.status", "istgt.replica.status"));
        }
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void shouldPrintTheIncidentsTimelineAndReDeriveTheAlertsThatWereRaised() throws Exception {
        Path html = Path.of("target", "replay-it", "incident.html");
        Files.createDirectories(html.getParent());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new ReplayMain());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));

        int exit = cli.execute("--bootstrap-servers", broker.bootstrapServers(), "--schema-registry-url", registryUrl,
                "--iqn", StatusShapes.IQN, "--from", t0.toString(), "--to", t0.plusSeconds(910).toString(),
                "--zone", "UTC", "--html", html.toString(), "--rederive");

        String text = out.toString();
        assertThat(exit).as("exit code; stderr:%n%s", err).isZero();
        List<String> lines = text.lines().toList();
        // the volume's status intervals, with rates from the cumulative counters
        assertThat(lines).anyMatch(l -> l.matches("  " + hms(0) + "  " + hms(300) + "  5m       Healthy\\s+20\\.00\\s+20\\.00.*"));
        assertThat(lines).anyMatch(l -> l.startsWith("  " + hms(300) + "  " + hms(350) + "  50s      unreachable"));
        assertThat(lines).anyMatch(l -> l.startsWith("  " + hms(500) + "  " + hms(520) + "  20s      Offline"));
        assertThat(lines).anyMatch(l -> l.startsWith("  " + hms(520) + "  " + hms(580) + "  1m       Degraded"));
        // replica 6163's disconnection and reconnection, from the status records and from the analytics' transitions
        assertThat(lines).anyMatch(l -> l.matches("    " + hms(130) + "  " + hms(210) + "  1m20s    disconnected\\s+errors: data conn \\+1"));
        assertThat(lines).anyMatch(l -> l.startsWith("  " + hms(130) + "  replica      6163 disconnected (was Healthy"));
        assertThat(lines).anyMatch(l -> l.startsWith("  " + hms(210) + "  replica      6163 appeared Degraded"));
        assertThat(lines).anyMatch(l -> l.startsWith("  " + hms(500) + "  volume       Healthy → Offline"));
        // the gap, the outage and the restart
        assertThat(lines).anyMatch(l -> l.startsWith("  " + hms(370) + "  gap          no data") && l.contains("1 poll lost"));
        assertThat(lines).anyMatch(l -> l.startsWith("  " + hms(300) + "  unreachable  ") && l.contains("5 failed polls"));
        assertThat(lines).anyMatch(l -> l.startsWith("  " + hms(450) + "  restart"));
        // the alerts the analytics raised, and the same re-derived offline with the default thresholds
        // (the polls fail from +300; the fourth, 30 s after the first, makes the target unreachable)
        assertThat(lines).anyMatch(l -> l.startsWith("  " + hms(330) + "  alert        FIRING   critical TARGET_UNREACHABLE"));
        assertThat(lines).anyMatch(l -> l.startsWith("  " + hms(600) + "  alert        FIRING   warning  CONNECTION_ERROR_SPIKE 6161"));
        String summary = lines.stream().filter(l -> l.startsWith("  → ")).findFirst().orElseThrow();
        assertThat(summary).matches("  → [1-9][0-9]* same, 0 only re-derived, 0 only raised");
        assertThat(lines).noneMatch(l -> l.contains(VOL2));

        // only vol1's partition was read, from the window's start (less the warm-up) by timestamp
        Instant statusFrom = t0.minus(Replay.defaultWarmup(new AnalyticsConfig(Map.of())));
        List<Instant> partition = volumeTopicTimes.get(vol1Partition);
        long inWindow = partition.stream().filter(t -> !t.isBefore(statusFrom)).count();
        assertThat(err.toString()).contains("reading istgt.volume.status: 1 partition, at most " + inWindow + " records");
        assertThat(inWindow).isLessThan(partition.size());

        // nothing left behind: the analytics' groups (the alerts' and the history writer's) are the only ones
        Set<String> groups = broker.admin().listGroups().all().get().stream().map(GroupListing::groupId)
                .collect(Collectors.toSet());
        assertThat(groups).containsExactlyInAnyOrder("replay-it-analytics",
                new AnalyticsConfig(Map.of()).getString(AnalyticsConfig.HISTORY_GROUP_ID));

        String report = Files.readString(html);
        assertThat(report).contains("id=\"lane-volume\"", "id=\"lane-replica-6163\"", "data-kind=\"VOLUME_OFFLINE\"",
                "<table id=\"rederive\">", "class=\"diff diff-same\"");
        assertThat(report).doesNotContain("class=\"diff diff-only-raised\"", "class=\"diff diff-only-rederived\"");
    }

    @Test
    void shouldShowWhatOtherThresholdsWouldHaveRaised() throws Exception {
        Path config = stateDir.resolve("strict.properties");
        Files.writeString(config, AnalyticsConfig.SPIKE_ABSOLUTE + "=20\n" + AnalyticsConfig.SPIKE_MINIMUM + "=20\n");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new ReplayMain());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));

        int exit = cli.execute("--bootstrap-servers", broker.bootstrapServers(), "--schema-registry-url", registryUrl,
                "--iqn", StatusShapes.IQN, "--from", t0.toString(), "--to", t0.plusSeconds(910).toString(),
                "--zone", "UTC", "--rederive", "--config", config.toString(), "--quiet");

        assertThat(exit).as("stderr:%n%s", err).isZero();
        assertThat(err.toString()).doesNotContain("reading ");
        assertThat(out.toString().lines()).anyMatch(l -> l.startsWith("  only raised      " + hms(600)
                + "  FIRING   CONNECTION_ERROR_SPIKE 6161"));
        assertThat(out.toString().lines()).anyMatch(l -> l.matches("  → [1-9][0-9]* same, 0 only re-derived, 2 only raised"));
    }

    private static String hms(int seconds) {
        return t0.plusSeconds(seconds).toString().substring(11, 19);
    }

    /** vol1's incident, vol1's quiet polls an hour before, and vol2 polled alongside. */
    private static void publish() throws Exception {
        Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", AvroSerdeConfig.SCHEMA_REGISTRY_URL, registryUrl);
        try (KafkaProducer<VolumeKey, VolumeStatus> volumes = new KafkaProducer<>(props, serializer(true),
                serializer(false));
             KafkaProducer<ReplicaKey, ReplicaStatus> replicas = new KafkaProducer<>(props, serializer(true),
                     serializer(false))) {
            // an hour earlier: a quiet quarter of an hour (no episode left open to resolve in the window)
            List<ScenarioHistory.Poll> older = ScenarioHistory.polls(t0.minus(Duration.ofHours(1))).subList(0, 10);
            for (ScenarioHistory.Poll p : older) {
                send(volumes, replicas, p);
            }
            for (ScenarioHistory.Poll p : ScenarioHistory.polls(t0)) {
                vol1Partition = send(volumes, replicas, p);
                VolumeStatus other = VolumeStatus.newBuilder(p.volume()).setIqn(VOL2).build();
                RecordMetadata sent = AcceptedSends.sendAndAwait(volumes, new ProducerRecord<>("istgt.volume.status",
                        null, other.getMetadata().getCollectedAt().toEpochMilli(), new VolumeKey(VOL2), other));
                volumeTopicTimes.computeIfAbsent(sent.partition(), k -> new ArrayList<>())
                        .add(Instant.ofEpochMilli(sent.timestamp()));
            }
        }
    }

    /** Publishes one poll as the collector does (keyed, timestamped with its collection time). */
    private static int send(KafkaProducer<VolumeKey, VolumeStatus> volumes,
                            KafkaProducer<ReplicaKey, ReplicaStatus> replicas, ScenarioHistory.Poll p) throws Exception {
        long ts = p.volume().getMetadata().getCollectedAt().toEpochMilli();
        RecordMetadata sent = AcceptedSends.sendAndAwait(volumes, new ProducerRecord<>("istgt.volume.status", null, ts,
                new VolumeKey(p.volume().getIqn()), p.volume()));
        volumeTopicTimes.computeIfAbsent(sent.partition(), k -> new ArrayList<>())
                .add(Instant.ofEpochMilli(sent.timestamp()));
        for (ReplicaStatus r : p.replicas()) {
            AcceptedSends.sendAndAwait(replicas, new ProducerRecord<>("istgt.replica.status", null, ts,
                    new ReplicaKey(r.getIqn(), r.getReplicaId()), r));
        }
        return sent.partition();
    }

    private static <T extends org.apache.avro.specific.SpecificRecord> AvroSerializer<T> serializer(boolean key) {
        AvroSerializer<T> s = new AvroSerializer<>();
        s.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registryUrl), key);
        return s;
    }

    /** Waits until consumer group {@code group} has committed the end offset of every partition of {@code topics}. */
    private static void awaitCommittedToEnd(String group, List<String> topics) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(topics).allTopicNames().get().forEach((name, d) -> d.partitions()
                    .forEach(p -> latest.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
            Map<TopicPartition, Long> end = new HashMap<>();
            admin.listOffsets(latest).all().get().forEach((tp, info) -> end.put(tp, info.offset()));
            Await.atMost(Duration.ofSeconds(60)).every(Duration.ofMillis(100)).until(
                    () -> admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(),
                    committed -> end.entrySet().stream().allMatch(e -> e.getValue() == 0
                            || (committed.get(e.getKey()) != null && committed.get(e.getKey()).offset() >= e.getValue())),
                    committed -> "group " + group + " committing " + end + "; committed " + committed);
        }
    }

    private static void awaitAlert(Instant atOrAfter) throws Exception {
        Map<String, Object> props = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", AvroSerdeConfig.SCHEMA_REGISTRY_URL, registryUrl,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, AvroDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, AvroDeserializer.class);
        try (KafkaConsumer<AlertKey, Alert> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> parts = consumer.partitionsFor("istgt.alerts").stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<AlertKey, Alert> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.value().getIqn().equals(StatusShapes.IQN) && !r.value().getEventAt().isBefore(atOrAfter)) {
                        return;
                    }
                }
            }
            throw new IllegalStateException("the analytics raised no alert at or after " + atOrAfter + " within 60 s");
        }
    }
}
