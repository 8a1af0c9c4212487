package io.istgt.telemetry.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaServerProcessIT {

    @Test
    void shouldServeRecordsAndLeaveNoProcessNorPortNorTemporaryDirectoryBehind() throws Exception {
        KafkaServerProcess kafka = KafkaServerProcess.builder().start();
        ProcessHandle broker = kafka.process().orElseThrow();
        Path dir = kafka.dir();

        send(kafka, "before");
        assertThat(consume(kafka, 1)).containsExactly("before");

        kafka.close();

        assertThat(broker.isAlive()).isFalse();
        assertThat(LoopbackPorts.isListening(kafka.port())).isFalse();
        assertThat(LoopbackPorts.isListening(kafka.controllerPort())).isFalse();
        assertThat(dir).doesNotExist();
    }

    @Test
    void shouldComeBackOnTheSamePortWithItsDataAfterAStop(@TempDir Path dir) throws Exception {
        try (KafkaServerProcess kafka = KafkaServerProcess.builder().dataDir(dir.resolve("kafka")).start()) {
            send(kafka, "kept");

            kafka.stop();
            assertThat(kafka.isRunning()).isFalse();
            kafka.restart();

            assertThat(consume(kafka, 1)).containsExactly("kept");
        }
        assertThat(dir.resolve("kafka/data/meta.properties")).exists();
        assertThat(Files.readString(dir.resolve("kafka/server.properties"))).contains("listeners=PLAINTEXT://127.0.0.1:");
    }

    @Test
    void shouldRefuseATakenPortBeforeStartingAnything() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> KafkaServerProcess.builder().port(taken.getLocalPort()).start())
                    .isInstanceOf(PortInUseException.class)
                    .hasMessageContaining("port " + taken.getLocalPort() + " on 127.0.0.1 is already in use, so the"
                            + " Kafka broker cannot listen there");
        }
    }

    private static void send(KafkaServerProcess kafka, String value) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("local", "k", value)).get(30, TimeUnit.SECONDS);
        }
    }

    private static List<String> consume(KafkaServerProcess kafka, int expected) {
        List<String> seen = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "local-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("local"));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (seen.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    seen.add(record.value());
                }
            }
        }
        return seen;
    }
}
