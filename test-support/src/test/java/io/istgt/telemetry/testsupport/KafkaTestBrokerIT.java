package io.istgt.telemetry.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;
import org.testcontainers.DockerClientFactory;

class KafkaTestBrokerIT {

    @Test
    void shouldRoundTripRecordsAndComeBackFromAStopInProcess() throws Exception {
        try (KafkaTestBroker kafka = KafkaTestBroker.start(KafkaTestBroker.Kind.IN_PROCESS)) {
            assertOutageAndRecovery(kafka);
        }
    }

    @Test
    void shouldRoundTripRecordsAndComeBackFromAStopAsAProcess() throws Exception {
        try (KafkaTestBroker kafka = KafkaTestBroker.start(KafkaTestBroker.Kind.PROCESS)) {
            assertOutageAndRecovery(kafka);
        }
    }

    @Test
    void shouldRefuseARecordDatedBeyondTheOldestATestMaySendAndNameItInProcess() {
        try (KafkaTestBroker kafka = KafkaTestBroker.start(KafkaTestBroker.Kind.IN_PROCESS)) {
            assertAgedRecordRefused(kafka);
        }
    }

    @Test
    void shouldRefuseARecordDatedBeyondTheOldestATestMaySendAndNameItAsAProcess() {
        try (KafkaTestBroker kafka = KafkaTestBroker.start(KafkaTestBroker.Kind.PROCESS)) {
            assertAgedRecordRefused(kafka);
        }
    }

    @Test
    void shouldSkipNotFailWhenAContainerIsAskedForWithoutDocker() {
        org.junit.jupiter.api.Assumptions.assumeFalse(DockerClientFactory.instance().isDockerAvailable(),
                "a Docker engine is reachable here: the container path runs for real instead");

        assertThatThrownBy(() -> KafkaTestBroker.start(KafkaTestBroker.Kind.CONTAINER))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("no Docker engine is reachable: skipping");
    }

    private static void assertOutageAndRecovery(KafkaTestBroker kafka) throws Exception {
        String address = kafka.bootstrapServers();
        kafka.createTopic("outage", 1);
        try (KafkaProducer<String, String> longLived = producer(kafka)) {
            longLived.send(new ProducerRecord<>("outage", "vol1", "before")).get(30, TimeUnit.SECONDS);

            kafka.stop();

            assertThat(kafka.isRunning()).isFalse();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, address,
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 1500,
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 1000))) {
                assertThatThrownBy(() -> admin.describeCluster().nodes().get(5, TimeUnit.SECONDS))
                        .isInstanceOf(ExecutionException.class);
            }

            kafka.restart();

            assertThat(kafka.bootstrapServers()).isEqualTo(address);
            // A client that lived through the outage reconnects by itself.
            longLived.send(new ProducerRecord<>("outage", "vol1", "after")).get(30, TimeUnit.SECONDS);
        }
        assertThat(consume(kafka, "outage", 2)).containsExactly("vol1=before", "vol1=after");
    }

    /** A fixed-date input that the calendar has aged fails at its send, with the record named. */
    private static void assertAgedRecordRefused(KafkaTestBroker kafka) {
        kafka.createTopic("aged", 1);
        long now = System.currentTimeMillis();
        long aged = now - KafkaTestBroker.OLDEST_RECORD.plusHours(1).toMillis();
        try (KafkaProducer<String, String> producer = producer(kafka)) {
            AcceptedSends sends = new AcceptedSends("the aged input");
            sends.send(producer, new ProducerRecord<>("aged", null, now - 60_000, "vol1", "a minute old"));
            // awaited apart: the broker refuses a whole batch when one of its records is out of range
            assertThat(sends.awaitAccepted()).hasSize(1);
            sends.send(producer, new ProducerRecord<>("aged", null, aged, "vol1", "too old"));

            assertThatThrownBy(sends::awaitAccepted)
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("the aged input: the broker refused record 2 to aged (key vol1, dated "
                            + java.time.Instant.ofEpochMilli(aged))
                    .hasMessageContaining("InvalidTimestampException");
        }
    }

    private static KafkaProducer<String, String> producer(KafkaTestBroker kafka) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500),
                new StringSerializer(), new StringSerializer());
    }

    private static List<String> consume(KafkaTestBroker kafka, String topic, int expected) {
        List<String> seen = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + topic,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (seen.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    seen.add(record.key() + "=" + record.value());
                }
            }
        }
        return seen;
    }
}
