package io.istgt.telemetry.collector.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.istgt.telemetry.collector.config.RunConfig;
import io.istgt.telemetry.collector.config.SettingsResolver;
import io.istgt.telemetry.schemas.ReplicaKey;
import io.istgt.telemetry.schemas.ReplicaStatus;
import io.istgt.telemetry.sim.EmulatedIstgt;
import io.istgt.telemetry.sim.SimConfig;
import io.istgt.telemetry.testsupport.ApicurioRegistry;
import io.istgt.telemetry.testsupport.Await;
import io.istgt.telemetry.testsupport.KafkaTestBroker;
import io.istgt.telemetry.testsupport.NginxProxy;
import io.istgt.telemetry.testsupport.TestCertificates;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The collector with its schema registry behind HTTPS (a private CA, given as PEM) and basic auth, as a data
 * platform runs it: the real Apicurio Registry behind the real nginx, the password read through Kafka's file config
 * provider. With the right settings it delivers; with a wrong password it keeps polling into the spool and its
 * readiness names the setting to fix; the password shows nowhere (logs, readiness, metrics, spool).
 */
class SecuredRegistryIT {

    private static final Duration WAIT = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    @RegisterExtension
    final SecretWatch secrets = new SecretWatch();
    private final String password = "pw-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(12));

    @Test
    void shouldDeliverThroughARegistryBehindTlsAndBasicAuth() throws Exception {
        TestCertificates ca = TestCertificates.authority(dir.resolve("ca"));
        try (KafkaTestBroker kafka = KafkaTestBroker.start();
             EmulatedIstgt istgt = EmulatedIstgt.start(dir.resolve("istgt.sock"), SimConfig.builder().build());
             NginxProxy registry = NginxProxy.startHttps(ApicurioRegistry.shared().baseUrl(),
                     new NginxProxy.BasicAuth("collector", password), ca.pemKeyPair("registry"), dir.resolve("nginx"));
             CollectorApp app = CollectorApp.start(config(kafka, istgt, registry, ca, password, "secured-registry"),
                     Clock.systemUTC());
             var reader = new TopicReader<>(kafka.bootstrapServers(), ApicurioRegistry.shared().ccompatUrl(),
                     "secured-registry.replicas", ReplicaKey.class, ReplicaStatus.class)) {

            reader.awaitUntil(all -> !all.isEmpty(), WAIT);
            CollectorWaits.awaitReady(app, WAIT);

            secrets.assertShowsNowhere(password, List.of(SecretWatch.probeAnswers(app)),
                    dir.resolve("spool"), dir.resolve("nginx/nginx.log"), dir.resolve("nginx/access.log"));
        }
    }

    @Test
    void shouldKeepSpoolingAndNameTheSettingWhenTheRegistryRefusesThePassword() throws Exception {
        TestCertificates ca = TestCertificates.authority(dir.resolve("ca"));
        String wrong = password + "-wrong";
        try (KafkaTestBroker kafka = KafkaTestBroker.start();
             EmulatedIstgt istgt = EmulatedIstgt.start(dir.resolve("istgt.sock"), SimConfig.builder().build());
             NginxProxy registry = NginxProxy.startHttps(ApicurioRegistry.shared().baseUrl(),
                     new NginxProxy.BasicAuth("collector", password), ca.pemKeyPair("registry"), dir.resolve("nginx"));
             CollectorApp app = CollectorApp.start(config(kafka, istgt, registry, ca, wrong, "refused-registry"),
                     Clock.systemUTC())) {

            String refused = Await.atMost(WAIT).until(app::notReadyReason,
                    r -> r.filter(s -> s.contains("HTTP 401")).isPresent(),
                    r -> "readiness still says " + r).orElseThrow();
            assertThat(refused).contains("the schema registry refuses the records")
                    .contains("the registry refused user collector or its password: check basic.auth.user.info");
            CollectorWaits.awaitPolls(app, CollectorWaits.polls(app) + 2, WAIT);

            secrets.assertShowsNowhere(wrong, List.of(refused, SecretWatch.probeAnswers(app)),
                    dir.resolve("spool"), dir.resolve("nginx/nginx.log"), dir.resolve("nginx/access.log"));
        }
    }

    private RunConfig config(KafkaTestBroker kafka, EmulatedIstgt istgt, NginxProxy registry, TestCertificates ca,
                             String registryPassword, String topicPrefix) throws Exception {
        Path secret = Files.createDirectories(dir.resolve("secrets")).resolve("registry.properties");
        Files.writeString(secret, "user.info=collector:" + registryPassword + "\n", StandardCharsets.UTF_8);
        Path producerConfig = dir.resolve("producer.properties");
        Files.writeString(producerConfig, String.join("\n",
                "config.providers=file",
                "config.providers.file.class=org.apache.kafka.common.config.provider.FileConfigProvider",
                "basic.auth.credentials.source=USER_INFO",
                "basic.auth.user.info=${file:" + secret + ":user.info}",
                "schema.registry.ssl.truststore.type=PEM",
                "schema.registry.ssl.truststore.location=" + ca.caPem(),
                ""), StandardCharsets.UTF_8);
        return new SettingsResolver(Map.of(), () -> "unused").resolve(Map.of(
                "bootstrap-servers", List.of(kafka.bootstrapServers()),
                "schema-registry-url", List.of(registry.url() + "/apis/ccompat/v7"),
                "socket", List.of(istgt.socketPath().toString()),
                "interval", List.of("500ms"),
                "volume-topic", List.of(topicPrefix + ".volumes"),
                "replica-topic", List.of(topicPrefix + ".replicas"),
                "topic-replication-factor", List.of("1"),
                "producer-config", List.of(producerConfig.toString()),
                "http-port", List.of(Integer.toString(io.istgt.telemetry.local.LoopbackPorts.free())),
                "spool-dir", List.of(dir.resolve("spool").toString())));
    }
}
