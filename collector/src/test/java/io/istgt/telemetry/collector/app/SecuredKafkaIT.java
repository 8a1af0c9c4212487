package io.istgt.telemetry.collector.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.istgt.telemetry.collector.config.RunConfig;
import io.istgt.telemetry.collector.config.SettingsResolver;
import io.istgt.telemetry.schemas.ReplicaKey;
import io.istgt.telemetry.schemas.ReplicaStatus;
import io.istgt.telemetry.schemas.VolumeKey;
import io.istgt.telemetry.schemas.VolumeStatus;
import io.istgt.telemetry.sim.EmulatedIstgt;
import io.istgt.telemetry.sim.SimConfig;
import io.istgt.telemetry.testsupport.ApicurioRegistry;
import io.istgt.telemetry.testsupport.Await;
import io.istgt.telemetry.testsupport.SecuredKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The collector against a broker as a data platform runs it (its only listener secured, nothing allowed without an
 * ACL): with the ACLs docs/security.md lists it delivers; refused, it says who was refused what, keeps polling into
 * the spool and delivers once granted; a wrong password is named at once; its password, read through Kafka's file
 * config provider, shows nowhere (logs, readiness, metrics, spool).
 */
class SecuredKafkaIT {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final String VOLUMES = "secured.volumes";
    private static final String REPLICAS = "secured.replicas";

    @TempDir
    Path dir;

    /** One SCRAM broker for the tests that use it (a broker process takes a while to start); mTLS has its own. */
    @TempDir
    static Path brokerDir;
    private static SecuredKafka scram;

    @BeforeAll
    static void startTheScramBroker() {
        scram = SecuredKafka.start(SecuredKafka.Mode.SCRAM, brokerDir.resolve("kafka"));
    }

    @AfterAll
    static void stopTheScramBroker() {
        if (scram != null) {
            scram.close();
        }
    }

    @RegisterExtension
    final SecretWatch secrets = new SecretWatch();

    @Test
    void shouldDeliverWithItsAclsNameWhatIsRefusedAndShowNoSecret() throws Exception {
        SecuredKafka kafka = scram;
        try (EmulatedIstgt istgt = EmulatedIstgt.start(dir.resolve("istgt.sock"),
                     SimConfig.builder().idleTimeout(Duration.ofMinutes(5)).build())) {
            kafka.createUser("collector");
            String password = kafka.password("collector");
            grantTheCollectorsAcls(kafka, "collector");
            kafka.revoke("collector", ResourceType.TOPIC, REPLICAS, PatternType.LITERAL, AclOperation.WRITE);
            List<String> seen = new ArrayList<>();

            try (CollectorApp app = CollectorApp.start(config(kafka, istgt,
                    kafka.clientSettingsWithPasswordInAFile("collector", dir.resolve("secrets"))), Clock.systemUTC())) {
                String refused = Await.atMost(WAIT).until(app::notReadyReason,
                        r -> r.filter(s -> s.contains("not authorized")).isPresent(),
                        r -> "readiness still says " + r).orElseThrow();
                assertThat(refused).contains("Kafka refused SASL user 'collector' (SCRAM-SHA-512) to write to topic "
                        + REPLICAS + ": not authorized on topic " + REPLICAS).doesNotContain("unreachable");
                long pollsWhenRefusalSeen = CollectorWaits.polls(app);
                long pollsWhileRefused = pollsWhenRefusalSeen + 2;
                CollectorWaits.awaitPolls(app, pollsWhileRefused, WAIT);
                seen.add(refused);
                seen.add(SecretWatch.probeAnswers(app));

                kafka.allow("collector", ResourceType.TOPIC, REPLICAS, PatternType.LITERAL, AclOperation.WRITE);

                try (var reader = new TopicReader<>(adminReader(kafka), ApicurioRegistry.shared().ccompatUrl(), REPLICAS,
                        ReplicaKey.class, ReplicaStatus.class)) {
                    var records = reader.awaitUntil(all -> all.stream()
                            .anyMatch(r -> r.value().getMetadata().getSequence() >= pollsWhileRefused), WAIT);
                    // A poll that failed (the first one can time out on a busy machine) has no replica records, so
                    // the first replica record is the first successful poll's, made while refused all the same.
                    assertThat(records.stream().mapToLong(r -> r.value().getMetadata().getSequence()).min().orElseThrow())
                            .as("the first replica records, made while refused, waited in the spool and arrived")
                            .isLessThanOrEqualTo(Math.max(1, pollsWhenRefusalSeen));
                }
                try (var reader = new TopicReader<>(adminReader(kafka), ApicurioRegistry.shared().ccompatUrl(), VOLUMES,
                        VolumeKey.class, VolumeStatus.class)) {
                    var records = reader.awaitUntil(all -> all.stream()
                            .anyMatch(r -> r.value().getMetadata().getSequence() >= pollsWhileRefused), WAIT);
                    assertThat(records.stream().map(r -> r.value().getMetadata().getSequence()).distinct())
                            .as("every poll has its volume record, the first one and the last made while refused included")
                            .contains(1L, pollsWhileRefused);
                }
                CollectorWaits.awaitReady(app, WAIT);
                seen.add(SecretWatch.probeAnswers(app));
            }
            secrets.assertShowsNowhere(password, seen, dir.resolve("spool"));
        }
    }

    @Test
    void shouldSayThatASecuredListenerLooksUnreachableWithoutSecuritySettings() throws Exception {
        SecuredKafka kafka = scram;
        try (EmulatedIstgt istgt = EmulatedIstgt.start(dir.resolve("istgt.sock"), SimConfig.builder().build());
             CollectorApp app = CollectorApp.start(config(kafka, istgt, Map.of()), Clock.systemUTC())) {
            String unreachable = Await.atMost(WAIT).until(app::notReadyReason,
                    r -> r.filter(s -> s.contains("unreachable")).isPresent(),
                    r -> "readiness still says " + r).orElseThrow();
            assertThat(unreachable).contains("A listener that needs TLS or SASL looks the same to a client without"
                    + " security.protocol and its settings in --producer-config");
        }
    }

    @Test
    void shouldNameAWrongPasswordAtOnce() throws Exception {
        SecuredKafka kafka = scram;
        try (EmulatedIstgt istgt = EmulatedIstgt.start(dir.resolve("istgt.sock"), SimConfig.builder().build())) {
            Map<String, String> settings = kafka.createUser("collector");
            grantTheCollectorsAcls(kafka, "collector");
            String wrong = "not-" + kafka.password("collector");
            settings.put("sasl.jaas.config", settings.get("sasl.jaas.config").replace(kafka.password("collector"), wrong));

            try (CollectorApp app = CollectorApp.start(config(kafka, istgt, settings), Clock.systemUTC())) {
                String refused = Await.atMost(WAIT).until(app::notReadyReason,
                        r -> r.filter(s -> s.contains("credentials")).isPresent(),
                        r -> "readiness still says " + r).orElseThrow();
                assertThat(refused).contains("Kafka did not accept the credentials of SASL user 'collector' (SCRAM-SHA-512)")
                        .contains("check the user and password (sasl.jaas.config)")
                        .doesNotContain(wrong);
                secrets.assertShowsNowhere(wrong, List.of(refused, SecretWatch.probeAnswers(app)),
                        dir.resolve("spool"));
            }
        }
    }

    @Test
    void shouldDeliverOverMutualTlsWithItsAcls() throws Exception {
        try (SecuredKafka kafka = SecuredKafka.start(SecuredKafka.Mode.MTLS, dir.resolve("kafka"));
             EmulatedIstgt istgt = EmulatedIstgt.start(dir.resolve("istgt.sock"), SimConfig.builder().build())) {
            Map<String, String> settings = kafka.createUser("collector");
            grantTheCollectorsAcls(kafka, "collector");

            try (CollectorApp app = CollectorApp.start(config(kafka, istgt, settings), Clock.systemUTC());
                 var reader = new TopicReader<>(adminReader(kafka), ApicurioRegistry.shared().ccompatUrl(), REPLICAS,
                         ReplicaKey.class, ReplicaStatus.class)) {
                reader.awaitUntil(all -> !all.isEmpty(), WAIT);
                CollectorWaits.awaitReady(app, WAIT);
            }
        }
    }

    /** Exactly the collector's ACLs as docs/security.md lists them, topic creation included. */
    static void grantTheCollectorsAcls(SecuredKafka kafka, String user) {
        for (String topic : List.of(VOLUMES, REPLICAS)) {
            kafka.allow(user, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.CREATE,
                    AclOperation.DESCRIBE, AclOperation.DESCRIBE_CONFIGS, AclOperation.WRITE, AclOperation.READ);
        }
    }

    private RunConfig config(SecuredKafka kafka, EmulatedIstgt istgt, Map<String, String> clientSettings) throws Exception {
        Path producerConfig = dir.resolve("producer.properties");
        StringBuilder text = new StringBuilder();
        clientSettings.forEach((k, v) -> {
            if (!k.equals("bootstrap.servers")) {
                text.append(k).append('=').append(v.replace("\\", "\\\\")).append('\n');
            }
        });
        Files.writeString(producerConfig, text);
        return new SettingsResolver(Map.of(), () -> "unused").resolve(Map.ofEntries(
                Map.entry("bootstrap-servers", List.of(kafka.bootstrapServers())),
                Map.entry("schema-registry-url", List.of(ApicurioRegistry.shared().ccompatUrl())),
                Map.entry("socket", List.of(istgt.socketPath().toString())),
                Map.entry("interval", List.of("500ms")),
                Map.entry("volume-topic", List.of(VOLUMES)),
                Map.entry("replica-topic", List.of(REPLICAS)),
                Map.entry("topic-replication-factor", List.of("1")),
                Map.entry("producer-config", List.of(producerConfig.toString())),
                Map.entry("http-port", List.of(Integer.toString(io.istgt.telemetry.local.LoopbackPorts.free()))),
                Map.entry("spool-dir", List.of(dir.resolve("spool").toString())),
                // Kafka's share of a stop: what a refused or unreachable collector holds stays in the spool anyway.
                Map.entry("shutdown-timeout", List.of("3s"))));
    }

    private static Map<String, String> adminReader(SecuredKafka kafka) {
        Map<String, String> settings = new java.util.HashMap<>(kafka.clientSettings(SecuredKafka.SUPER_USER));
        settings.put("bootstrap.servers", kafka.bootstrapServers());
        return settings;
    }
}
