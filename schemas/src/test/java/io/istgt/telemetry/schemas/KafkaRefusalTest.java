package io.istgt.telemetry.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;

class KafkaRefusalTest {

    private static final Map<String, String> SCRAM = Map.of("security.protocol", "SASL_SSL",
            "sasl.mechanism", "SCRAM-SHA-512", "sasl.jaas.config",
            "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"collector\" password=\"s3cret\";");

    @Test
    void shouldNameThePrincipalWithoutItsSecret() {
        assertThat(KafkaRefusal.principal(SCRAM)).isEqualTo("SASL user 'collector' (SCRAM-SHA-512)");
        assertThat(KafkaRefusal.principal(Map.of("security.protocol", "SSL", "ssl.keystore.location", "/etc/kafka/c.p12",
                "ssl.keystore.password", "s3cret"))).isEqualTo("the client certificate in /etc/kafka/c.p12");
        assertThat(KafkaRefusal.principal(Map.of())).isEqualTo("this client (security.protocol PLAINTEXT, no credentials)");
    }

    @Test
    void shouldSayWhichAclIsMissingAndWhatToDo() {
        var refused = new ExecutionException(new TopicAuthorizationException(Set.of("istgt.volume.status")));

        assertThat(KafkaRefusal.describe(refused, "describe topic istgt.volume.status", KafkaRefusal.principal(SCRAM)))
                .hasValue("Kafka refused SASL user 'collector' (SCRAM-SHA-512) to describe topic istgt.volume.status:"
                        + " not authorized on topic istgt.volume.status (Not authorized to access topics: "
                        + "[istgt.volume.status]); grant the ACLs docs/security.md lists for this program");
        assertThat(KafkaRefusal.describe(new GroupAuthorizationException("no", "istgt-analytics"), "join",
                "x")).hasValueSatisfying(m -> assertThat(m).contains("not authorized on group istgt-analytics"));
    }

    @Test
    void shouldTellCredentialsAndCertificatesApartFromAcls() {
        assertThat(KafkaRefusal.describe(new SaslAuthenticationException("invalid credentials"), "connect", "u"))
                .hasValue("Kafka did not accept the credentials of u to connect: invalid credentials; check the user"
                        + " and password (sasl.jaas.config) and sasl.mechanism");
        assertThat(KafkaRefusal.describe(new SslAuthenticationException("PKIX path building failed"), "connect", "u"))
                .hasValueSatisfying(m -> assertThat(m).startsWith("Kafka did not accept the TLS connection of u")
                        .contains("ssl.truststore.location"));
    }

    @Test
    void shouldLeaveOutagesAlone() {
        assertThat(KafkaRefusal.describe(new TimeoutException("no answer"), "connect", "u")).isEmpty();
        assertThat(KafkaRefusal.isRefusal(new RuntimeException(new TimeoutException("x")))).isFalse();
    }
}
