package io.istgt.telemetry.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PreconditionsTest {

    @Test
    void shouldRejectAnUnknownBrokerKindNamingTheSetting() {
        assertThatThrownBy(() -> KafkaTestBroker.Kind.parse("zookeeper"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown Kafka test broker kind 'zookeeper' (from istgt.test.kafka or ISTGT_TEST_KAFKA):"
                        + " expected in-process, process or container");
    }

    @Test
    void shouldAcceptTheBrokerKindsUnderTheirUsualSpellings() {
        assertThat(KafkaTestBroker.Kind.parse("in-process")).isEqualTo(KafkaTestBroker.Kind.IN_PROCESS);
        assertThat(KafkaTestBroker.Kind.parse("Process")).isEqualTo(KafkaTestBroker.Kind.PROCESS);
        assertThat(KafkaTestBroker.Kind.parse(" container ")).isEqualTo(KafkaTestBroker.Kind.CONTAINER);
    }
}
