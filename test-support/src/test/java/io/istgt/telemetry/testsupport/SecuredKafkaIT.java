package io.istgt.telemetry.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The secured brokers the security tests run against: what they grant, they allow; what they do not, they refuse. */
class SecuredKafkaIT {

    @TempDir
    Path dir;

    @Test
    void shouldAuthenticateWithScramAndEnforceAcls() throws Exception {
        try (SecuredKafka kafka = SecuredKafka.start(SecuredKafka.Mode.SCRAM, dir)) {
            assertGrantedWritesAndRefusesTheRest(kafka);

            Map<String, String> wrong = kafka.createUser("mallory");
            wrong.put("sasl.jaas.config", wrong.get("sasl.jaas.config").replace(kafka.password("mallory"), "guess"));
            assertThatThrownBy(() -> send(wrong, "granted"))
                    .hasCauseInstanceOf(SaslAuthenticationException.class);
        }
    }

    @Test
    void shouldRequireClientCertificatesAndEnforceAcls() throws Exception {
        try (SecuredKafka kafka = SecuredKafka.start(SecuredKafka.Mode.MTLS, dir)) {
            assertGrantedWritesAndRefusesTheRest(kafka);

            // A certificate from another CA: the broker does not trust it.
            Map<String, String> stranger = kafka.createUser("stranger");
            TestCertificates other = TestCertificates.authority(dir.resolve("other-ca"));
            stranger.put("ssl.keystore.location", other.keyStore("stranger").toString());
            stranger.put("ssl.keystore.password", other.password());
            assertThatThrownBy(() -> send(stranger, "granted"))
                    .hasCauseInstanceOf(SslAuthenticationException.class);
        }
    }

    private static void assertGrantedWritesAndRefusesTheRest(SecuredKafka kafka) throws Exception {
        kafka.admin().createTopics(java.util.List.of(new org.apache.kafka.clients.admin.NewTopic("granted", 1, (short) 1),
                new org.apache.kafka.clients.admin.NewTopic("refused", 1, (short) 1))).all().get(60, TimeUnit.SECONDS);
        Map<String, String> alice = kafka.createUser("alice");
        kafka.allow("alice", ResourceType.TOPIC, "granted", PatternType.LITERAL, AclOperation.WRITE, AclOperation.DESCRIBE);
        kafka.allow("alice", ResourceType.CLUSTER, "kafka-cluster", PatternType.LITERAL, AclOperation.IDEMPOTENT_WRITE);

        Await.atMost(java.time.Duration.ofSeconds(90)).every(java.time.Duration.ofMillis(500)).until(() -> {
            try {
                send(alice, "granted");
                return true;
            } catch (ExecutionException e) {
                return false;
            }
        }, () -> "alice's write to 'granted' still refused (ACLs not applied?)");
        assertThatThrownBy(() -> send(alice, "refused")).hasCauseInstanceOf(TopicAuthorizationException.class);
    }

    private static void send(Map<String, String> settings, String topic) throws Exception {
        Map<String, Object> props = new HashMap<>(settings);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 20_000);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 20_000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "k", "v")).get(30, TimeUnit.SECONDS);
        }
    }
}
