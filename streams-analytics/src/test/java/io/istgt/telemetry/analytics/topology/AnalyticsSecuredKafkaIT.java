package io.istgt.telemetry.analytics.topology;

import static io.istgt.telemetry.testrecords.StatusRecords.volume;
import static org.assertj.core.api.Assertions.assertThat;

import io.istgt.telemetry.analytics.AnalyticsApp;
import io.istgt.telemetry.analytics.AnalyticsConfig;
import io.istgt.telemetry.schemas.Alert;
import io.istgt.telemetry.schemas.AlertKey;
import io.istgt.telemetry.schemas.VolumeKey;
import io.istgt.telemetry.schemas.VolumeStatus;
import io.istgt.telemetry.schemas.serde.AvroDeserializer;
import io.istgt.telemetry.schemas.serde.AvroSerializer;
import io.istgt.telemetry.testsupport.AcceptedSends;
import io.istgt.telemetry.testsupport.ApicurioRegistry;
import io.istgt.telemetry.testsupport.Await;
import io.istgt.telemetry.testsupport.SecuredKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The analytics (Kafka Streams, exactly once, and the history writer beside it) against a broker whose only
 * listener is SASL_SSL with SCRAM, or SSL with client certificates required, and which allows nothing without an ACL: with exactly the ACLs docs/security.md
 * lists for it, it creates its topics and derives the alerts, exactly once.
 */
class AnalyticsSecuredKafkaIT {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final String USER = "istgt-analytics";

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(SecuredKafka.Mode.class)
    void shouldCreateItsTopicsAndDeriveAlertsWithItsDocumentedAcls(SecuredKafka.Mode mode) throws Exception {
        try (SecuredKafka kafka = SecuredKafka.start(mode, dir.resolve("kafka"))) {
            kafka.admin().createTopics(List.of(new NewTopic("istgt.volume.status", 3, (short) 1),
                    new NewTopic("istgt.replica.status", 3, (short) 1))).all().get(60, TimeUnit.SECONDS);
            Map<String, Object> settings = new HashMap<>(kafka.createUser(USER));
            grantTheAnalyticsAcls(kafka);
            settings.put(StreamsConfig.APPLICATION_ID_CONFIG, "istgt-analytics");
            settings.put(StreamsConfig.STATE_DIR_CONFIG, dir.resolve("state").toString());
            settings.put("schema.registry.url", ApicurioRegistry.shared().ccompatUrl());
            settings.put(AnalyticsConfig.TOPIC_REPLICATION, "1");
            settings.put(AnalyticsConfig.TOPIC_PARTITIONS, "3");
            settings.put(AnalyticsConfig.RESOLVE_AFTER_MS, "20000");
            settings.put("consumer." + ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");

            Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            List<VolumeStatus> history = List.of(
                    volume(t0, "Healthy", Map.of("6161", "Healthy", "6162", "Healthy", "6163", "Healthy"), 100),
                    volume(t0.plusSeconds(10), "Healthy", Map.of("6161", "Healthy", "6162", "Healthy"), 110),
                    volume(t0.plusSeconds(20), "Healthy", Map.of("6161", "Healthy", "6162", "Healthy", "6163", "Healthy"), 120));
            try (AnalyticsApp app = AnalyticsApp.start(settings)) {
                produce(kafka, history);

                List<String> alerts = read(kafka, "istgt.alerts", 3, t0);
                assertThat(alerts).containsExactly("10 QUORUM_AT_RISK FIRING", "10 REPLICA_DISCONNECTED/6163 FIRING",
                        "20 REPLICA_DISCONNECTED/6163 RESOLVED");
                assertThat(app.state()).isEqualTo(KafkaStreams.State.RUNNING);
            }
        }
    }

    @Test
    void shouldStopAndSayWhatIsRefusedWithoutItsTransactionalIdAcl() throws Exception {
        try (SecuredKafka kafka = SecuredKafka.start(SecuredKafka.Mode.SCRAM, dir.resolve("kafka"))) {
            kafka.admin().createTopics(List.of(new NewTopic("istgt.volume.status", 3, (short) 1),
                    new NewTopic("istgt.replica.status", 3, (short) 1))).all().get(60, TimeUnit.SECONDS);
            Map<String, Object> settings = new HashMap<>(kafka.createUser(USER));
            grantTheAnalyticsAcls(kafka);
            kafka.revoke(USER, ResourceType.TRANSACTIONAL_ID, "istgt-analytics", PatternType.PREFIXED,
                    AclOperation.WRITE, AclOperation.DESCRIBE);
            settings.put(StreamsConfig.APPLICATION_ID_CONFIG, "istgt-analytics");
            settings.put(StreamsConfig.STATE_DIR_CONFIG, dir.resolve("state").toString());
            settings.put("schema.registry.url", ApicurioRegistry.shared().ccompatUrl());
            settings.put(AnalyticsConfig.TOPIC_REPLICATION, "1");
            settings.put(AnalyticsConfig.TOPIC_PARTITIONS, "3");
            settings.put(AnalyticsConfig.HISTORY_ENABLED, "false");

            try (AnalyticsApp app = AnalyticsApp.start(settings)) {
                String why = Await.atMost(WAIT).until(() -> app.health().notReadyReason(),
                        r -> r.filter(s -> s.startsWith("Kafka refused")).isPresent(),
                        r -> "readiness still says " + r).orElseThrow();
                assertThat(why).startsWith("Kafka refused SASL user 'istgt-analytics' (SCRAM-SHA-512) to run Kafka"
                        + " Streams as application istgt-analytics: not authorized on its transactional id");
                Await.atMost(WAIT).until(app::state, s -> s == KafkaStreams.State.ERROR,
                        s -> "Kafka Streams stopped (ERROR), not " + s);
                assertThat(app.health().alive()).as("not alive: a restart with the ACL granted is what helps").isFalse();
            }
        }
    }

    /** Exactly the analytics' ACLs as docs/security.md lists them (topics created by the analytics included). */
    private static void grantTheAnalyticsAcls(SecuredKafka kafka) {
        for (String input : List.of("istgt.volume.status", "istgt.replica.status")) {
            kafka.allow(USER, ResourceType.TOPIC, input, PatternType.LITERAL, AclOperation.READ, AclOperation.DESCRIBE);
        }
        for (String group : List.of("istgt-analytics", "istgt-history-writer")) {
            kafka.allow(USER, ResourceType.GROUP, group, PatternType.LITERAL, AclOperation.READ, AclOperation.DESCRIBE);
        }
        kafka.allow(USER, ResourceType.TRANSACTIONAL_ID, "istgt-analytics", PatternType.PREFIXED,
                AclOperation.WRITE, AclOperation.DESCRIBE);
        kafka.allow(USER, ResourceType.TOPIC, "istgt-analytics-", PatternType.PREFIXED, AclOperation.CREATE,
                AclOperation.READ, AclOperation.WRITE, AclOperation.DESCRIBE, AclOperation.DESCRIBE_CONFIGS,
                AclOperation.DELETE);
        for (String output : List.of("istgt.alerts", "istgt.alerts.active", "istgt.replica.transitions",
                "istgt.volume.transitions", "istgt.volume.history", "istgt.replica.history")) {
            kafka.allow(USER, ResourceType.TOPIC, output, PatternType.LITERAL, AclOperation.WRITE,
                    AclOperation.DESCRIBE, AclOperation.CREATE, AclOperation.DESCRIBE_CONFIGS);
        }
    }

    private static void produce(SecuredKafka kafka, List<VolumeStatus> history) {
        Map<String, Object> props = admin(kafka);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        AvroSerializer<VolumeKey> keys = new AvroSerializer<>();
        keys.configure(Map.of("schema.registry.url", ApicurioRegistry.shared().ccompatUrl()), true);
        AvroSerializer<VolumeStatus> values = new AvroSerializer<>();
        values.configure(Map.of("schema.registry.url", ApicurioRegistry.shared().ccompatUrl()), false);
        try (KafkaProducer<VolumeKey, VolumeStatus> producer = new KafkaProducer<>(props, keys, values)) {
            for (VolumeStatus v : history) {
                AcceptedSends.sendAndAwait(producer, new ProducerRecord<>("istgt.volume.status", null,
                        v.getMetadata().getCollectedAt().toEpochMilli(), new VolumeKey(v.getIqn()), v));
            }
        }
    }

    /** Reads {@code topic} as the super user until {@code expected} alerts are there, sorted by event time. */
    private static List<String> read(SecuredKafka kafka, String topic, int expected, Instant t0) throws Exception {
        Map<String, Object> props = admin(kafka);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + System.nanoTime());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        AvroDeserializer<AlertKey> keys = new AvroDeserializer<>();
        keys.configure(Map.of("schema.registry.url", ApicurioRegistry.shared().ccompatUrl()), true);
        AvroDeserializer<Alert> values = new AvroDeserializer<>();
        values.configure(Map.of("schema.registry.url", ApicurioRegistry.shared().ccompatUrl()), false);
        List<ConsumerRecord<AlertKey, Alert>> records = new ArrayList<>();
        try (KafkaConsumer<AlertKey, Alert> consumer = new KafkaConsumer<>(props, keys, values)) {
            consumer.subscribe(List.of(topic));
            Await.atMost(WAIT).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return records.size() >= expected;
            }, () -> records.size() + " of " + expected + " alerts in " + topic + ": " + records);
        }
        return records.stream().map(ConsumerRecord::value)
                .map(a -> Duration.between(t0, a.getEventAt()).toSeconds() + " " + a.getKind()
                        + (a.getReplicaId() == null ? "" : "/" + a.getReplicaId()) + " " + a.getState())
                .sorted()
                .toList();
    }

    private static Map<String, Object> admin(SecuredKafka kafka) {
        Map<String, Object> props = new HashMap<>(kafka.clientSettings(SecuredKafka.SUPER_USER));
        props.put("bootstrap.servers", kafka.bootstrapServers());
        return props;
    }
}
