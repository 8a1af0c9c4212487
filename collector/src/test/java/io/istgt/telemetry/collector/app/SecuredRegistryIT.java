package io.istgt.telemetry.collector.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
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
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

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

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final String password = "pw-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(12));

    @BeforeEach
    void captureLogs() {
        logs.start();
        root().addAppender(logs);
    }

    @AfterEach
    void releaseLogs() {
        root().detachAppender(logs);
    }

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

            assertShowsNowhere(password, List.of(scrape(app)));
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

            assertShowsNowhere(wrong, List.of(refused, scrape(app)));
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

    private static String scrape(CollectorApp app) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            String base = "http://127.0.0.1:" + app.httpPort().orElseThrow();
            StringBuilder all = new StringBuilder();
            for (String path : List.of("/metrics", "/readyz", "/healthz")) {
                all.append(http.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                        HttpResponse.BodyHandlers.ofString()).body());
            }
            return all.toString();
        }
    }

    private void assertShowsNowhere(String secret, List<String> answers) throws IOException {
        assertThat(answers).as("readiness, health and metrics answers").noneMatch(a -> a.contains(secret));
        List<String> lines = new ArrayList<>(logs.list.stream().map(e -> e.getFormattedMessage()
                + Optional.ofNullable(e.getThrowableProxy()).map(ThrowableProxyUtil::asString).orElse("")).toList());
        assertThat(lines).as("%d log lines", lines.size()).isNotEmpty().noneMatch(l -> l.contains(secret));
        try (Stream<Path> files = Files.walk(dir.resolve("spool"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)).as("spool file %s", f)
                        .doesNotContain(secret);
            }
        }
        for (String log : List.of("nginx/nginx.log", "nginx/access.log")) {
            assertThat(Files.readString(dir.resolve(log))).as(log).doesNotContain(secret);
        }
    }

    private static Logger root() {
        return ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
