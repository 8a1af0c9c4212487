package io.istgt.telemetry.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.istgt.telemetry.schemas.IstgtTopic;
import io.istgt.telemetry.schemas.ReplicaKey;
import io.istgt.telemetry.schemas.ReplicaStatus;
import io.istgt.telemetry.schemas.VolumeKey;
import io.istgt.telemetry.schemas.VolumeStatus;
import io.istgt.telemetry.schemas.serde.AvroSerdeConfig;
import io.istgt.telemetry.schemas.serde.AvroSerializer;
import io.istgt.telemetry.testsupport.AcceptedSends;
import io.istgt.telemetry.testsupport.ApicurioRegistry;
import io.istgt.telemetry.testsupport.SecuredKafka;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import picocli.CommandLine;

/**
 * The replay against a broker whose only listener is SASL_SSL with SCRAM, or SSL with client certificates required,
 * and which allows nothing without an ACL:
 * with exactly the ACLs docs/security.md lists for it (READ and DESCRIBE on the topics it reads, no group, nothing
 * written), its client settings and password from files, it prints the volume's timeline.
 */
class ReplaySecuredKafkaIT {

    private static final String USER = "istgt-replay";

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(SecuredKafka.Mode.class)
    void shouldReadAVolumesHistoryWithReadOnlyAcls(SecuredKafka.Mode mode) throws Exception {
        try (SecuredKafka kafka = SecuredKafka.start(mode, dir.resolve("kafka"))) {
            List<NewTopic> topics = java.util.Arrays.stream(IstgtTopic.values())
                    .map(t -> new NewTopic(t.defaultName(), 3, (short) 1)).toList();
            kafka.admin().createTopics(topics).all().get(60, TimeUnit.SECONDS);
            Instant t0 = ScenarioHistory.incidentStart(Instant.now());
            publish(kafka, ScenarioHistory.polls(t0).subList(0, 20));

            kafka.createUser(USER);
            String password = kafka.password(USER);
            for (IstgtTopic topic : IstgtTopic.values()) {
                kafka.allow(USER, ResourceType.TOPIC, topic.defaultName(), PatternType.LITERAL, AclOperation.READ,
                        AclOperation.DESCRIBE);
            }
            Path config = kafka.clientConfigFileWithPasswordInAFile(USER, dir.resolve("replay.properties"));

            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CommandLine cli = new CommandLine(new ReplayMain());
            cli.setOut(new PrintWriter(out));
            cli.setErr(new PrintWriter(err));
            int exit = cli.execute("--bootstrap-servers", kafka.bootstrapServers(), "--schema-registry-url",
                    ApicurioRegistry.shared().ccompatUrl(), "--config", config.toString(), "--iqn", StatusShapes.IQN,
                    "--from", t0.toString(), "--to", t0.plusSeconds(300).toString(), "--zone", "UTC", "--quiet");

            assertThat(exit).as("exit code; stderr:%n%s", err).isZero();
            assertThat(out.toString()).contains("Healthy");
            if (!password.isEmpty()) { // SCRAM; with mTLS the secret is the key store's
                assertThat(out.toString()).doesNotContain(password);
                assertThat(err.toString()).doesNotContain(password);
            }
        }
    }

    private static void publish(SecuredKafka kafka, List<ScenarioHistory.Poll> polls) {
        Map<String, Object> props = new HashMap<>(kafka.clientSettings(SecuredKafka.SUPER_USER));
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (KafkaProducer<VolumeKey, VolumeStatus> volumes = new KafkaProducer<>(props, serializer(true),
                serializer(false));
             KafkaProducer<ReplicaKey, ReplicaStatus> replicas = new KafkaProducer<>(props, serializer(true),
                     serializer(false))) {
            for (ScenarioHistory.Poll p : polls) {
                long ts = p.volume().getMetadata().getCollectedAt().toEpochMilli();
                AcceptedSends.sendAndAwait(volumes, new ProducerRecord<>("istgt.volume.status", null, ts,
                        new VolumeKey(p.volume().getIqn()), p.volume()));
                for (ReplicaStatus r : p.replicas()) {
                    AcceptedSends.sendAndAwait(replicas, new ProducerRecord<>("istgt.replica.status", null, ts,
                            new ReplicaKey(r.getIqn(), r.getReplicaId()), r));
                }
            }
        }
    }

    private static <T extends org.apache.avro.specific.SpecificRecord> AvroSerializer<T> serializer(boolean key) {
        AvroSerializer<T> s = new AvroSerializer<>();
        s.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, ApicurioRegistry.shared().ccompatUrl()), key);
        return s;
    }
}
