package io.istgt.telemetry.analytics.topology;

import static io.istgt.telemetry.testrecords.StatusRecords.volume;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.istgt.telemetry.analytics.AnalyticsApp;
import io.istgt.telemetry.analytics.AnalyticsConfig;
import io.istgt.telemetry.schemas.Alert;
import io.istgt.telemetry.schemas.AlertKey;
import io.istgt.telemetry.schemas.VolumeKey;
import io.istgt.telemetry.schemas.VolumeStatus;
import io.istgt.telemetry.testsupport.AcceptedSends;
import io.istgt.telemetry.testsupport.ApicurioRegistry;
import io.istgt.telemetry.testsupport.KafkaTestBroker;
import io.istgt.telemetry.testsupport.NginxProxy;
import io.istgt.telemetry.testsupport.TestCertificates;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The analytics with their schema registry behind HTTPS (a private CA as PEM) and a bearer token, read from a
 * file through Kafka's config provider, as in their {@code --config}: the real Apicurio Registry behind the real
 * nginx. They decode the statuses and write their alerts through it; the token shows in no log line.
 */
class AnalyticsSecuredRegistryIT {

    private static final Duration WAIT = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    @Test
    void shouldDeriveAlertsThroughARegistryBehindTlsAndABearerToken() throws Exception {
        String token = "tok-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
        TestCertificates ca = TestCertificates.authority(dir.resolve("ca"));
        ApicurioRegistry registry = ApicurioRegistry.shared();
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        root().addAppender(logs);
        try (KafkaTestBroker broker = KafkaTestBroker.start();
             NginxProxy proxy = NginxProxy.startHttps(registry.baseUrl(), new NginxProxy.BearerToken(token),
                     ca.pemKeyPair("registry"), dir.resolve("nginx"))) {
            broker.createTopic("istgt.volume.status", 3);
            broker.createTopic("istgt.replica.status", 3);
            ClusterTopics topics = new ClusterTopics(broker, registry);
            Path secret = Files.writeString(dir.resolve("registry.properties"), "token=" + token + "\n",
                    StandardCharsets.UTF_8);
            Map<String, Object> settings = new HashMap<>();
            settings.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
            settings.put(StreamsConfig.APPLICATION_ID_CONFIG, "analytics-secured-registry");
            settings.put(StreamsConfig.STATE_DIR_CONFIG, dir.resolve("state").toString());
            settings.put(AnalyticsConfig.TOPIC_REPLICATION, "1");
            settings.put(AnalyticsConfig.TOPIC_PARTITIONS, "3");
            settings.put("consumer." + ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            settings.put("schema.registry.url", proxy.url() + "/apis/ccompat/v7");
            settings.put("schema.registry.ssl.truststore.type", "PEM");
            settings.put("schema.registry.ssl.truststore.location", ca.caPem().toString());
            settings.put("config.providers", "file");
            settings.put("config.providers.file.class", "org.apache.kafka.common.config.provider.FileConfigProvider");
            settings.put("bearer.auth.credentials.source", "STATIC_TOKEN");
            settings.put("bearer.auth.token", "${file:" + secret + ":token}");

            Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            try (AnalyticsApp app = AnalyticsApp.start(settings);
                 KafkaProducer<VolumeKey, VolumeStatus> producer = topics.volumeProducer()) {
                AcceptedSends.sendAndAwait(producer, ClusterTopics.record(volume(t0, "Healthy",
                        new TreeMap<>(Map.of("6161", "Healthy", "6162", "Healthy", "6163", "Healthy")), 100)));
                AcceptedSends.sendAndAwait(producer, ClusterTopics.record(volume(t0.plusSeconds(10), "Healthy",
                        new TreeMap<>(Map.of("6161", "Healthy", "6162", "Healthy")), 110)));

                assertThat(readAlerts(topics, t0, 2)).contains("10 QUORUM_AT_RISK FIRING",
                        "10 REPLICA_DISCONNECTED/6163 FIRING");
            }
        } finally {
            root().detachAppender(logs);
        }
        List<String> lines = logs.list.stream().map(e -> e.getFormattedMessage()
                + Optional.ofNullable(e.getThrowableProxy()).map(ThrowableProxyUtil::asString).orElse("")).toList();
        assertThat(lines).as("%d log lines", lines.size()).isNotEmpty().noneMatch(l -> l.contains(token));
        for (String log : List.of("nginx/nginx.log", "nginx/access.log")) {
            assertThat(Files.readString(dir.resolve(log))).as(log).doesNotContain(token);
        }
    }

    /** Reads the alerts topic until {@code expected} alerts arrived, as "seconds-after-t0 KIND[/replica] STATE". */
    private static List<String> readAlerts(ClusterTopics topics, Instant t0, int expected) {
        List<ConsumerRecord<AlertKey, Alert>> records = new ArrayList<>();
        try (KafkaConsumer<AlertKey, Alert> consumer = topics.alertConsumer()) {
            consumer.subscribe(List.of("istgt.alerts"));
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (records.size() < expected) {
                assertThat(System.nanoTime()).as("%d alerts within %s, read %s", expected, WAIT, records.size())
                        .isLessThan(deadline);
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records.stream().map(ConsumerRecord::value)
                .map(a -> Duration.between(t0, a.getEventAt()).toSeconds() + " " + a.getKind()
                        + (a.getReplicaId() == null ? "" : "/" + a.getReplicaId()) + " " + a.getState())
                .sorted()
                .toList();
    }

    private static Logger root() {
        return ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
