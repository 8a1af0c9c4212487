package io.istgt.telemetry.collector.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ProducerSettingsTest {

    @Test
    void shouldLetTheUserWinExceptForTheSafetySettings() {
        Map<String, Object> props = ProducerSettings.producer(Map.of("linger.ms", "200", "compression.type", "lz4",
                "security.protocol", "SSL", "acks", "-1", "bootstrap.servers", "ignored:1"), "kafka:9092", "c-1");

        assertThat(props).containsEntry("linger.ms", "200").containsEntry("compression.type", "lz4")
                .containsEntry("security.protocol", "SSL").containsEntry("acks", "all")
                .containsEntry("enable.idempotence", "true").containsEntry("bootstrap.servers", "kafka:9092")
                .containsEntry("delivery.timeout.ms", "120000").containsEntry("client.id", "c-1");
    }

    @Test
    void shouldRefuseToWeakenDelivery() {
        assertThatThrownBy(() -> ProducerSettings.producer(Map.of("acks", "1"), "k:9092", "c"))
                .hasMessage("producer-config sets acks=1, but the collector needs acks=all (no record lost or"
                        + " duplicated by retries): remove it from the file");
        assertThatThrownBy(() -> ProducerSettings.producer(Map.of("enable.idempotence", "false"), "k:9092", "c"))
                .hasMessageStartingWith("producer-config sets enable.idempotence=false, but the collector needs"
                        + " enable.idempotence=true");
        assertThatThrownBy(() -> ProducerSettings.producer(Map.of("value.serializer", "x"), "k:9092", "c"))
                .hasMessage("producer-config sets value.serializer, but the collector writes Avro with its own"
                        + " serializer: remove it from the file");
    }

    @Test
    void shouldGiveTheAdminClientOnlyWhatItKnows() {
        Map<String, Object> admin = ProducerSettings.admin(
                ProducerSettings.producer(Map.of("security.protocol", "SSL"), "kafka:9092", "c-1"));

        assertThat(admin).containsEntry("bootstrap.servers", "kafka:9092").containsEntry("security.protocol", "SSL")
                .containsEntry("client.id", "c-1-admin").doesNotContainKeys("linger.ms", "acks");
    }
}
