package io.istgt.telemetry.forwarder;

import static org.assertj.core.api.Assertions.assertThat;

import io.istgt.telemetry.schemas.AlertKind;
import io.istgt.telemetry.schemas.Severity;
import io.istgt.telemetry.schemas.serde.AvroSerdeConfig;
import io.istgt.telemetry.testsupport.AlertmanagerProcess;
import io.istgt.telemetry.testsupport.AlertmanagerWebhook;
import io.istgt.telemetry.testsupport.ApicurioRegistry;
import io.istgt.telemetry.testsupport.Await;
import io.istgt.telemetry.testsupport.SecuredKafka;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The forwarder against a broker as a data platform runs it (SASL_SSL with SCRAM-SHA-512, or SSL with client
 * certificates required; nothing allowed without an ACL), a SCRAM password read through Kafka's file config provider: without its group's ACL it says so in readiness,
 * naming its principal and the group; with exactly the ACLs docs/security.md lists it forwards; the password shows
 * in none of its answers.
 */
class ForwarderSecuredKafkaIT {

    private static final Duration BOUND = Duration.ofSeconds(90);
    private static final String USER = "istgt-alert-forwarder";
    private static final String GROUP = "istgt-alert-forwarder";

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    @ParameterizedTest
    @EnumSource(SecuredKafka.Mode.class)
    void shouldSayWhatIsRefusedWithoutItsGroupAclAndForwardWithItsDocumentedAcls(SecuredKafka.Mode mode)
            throws Exception {
        try (SecuredKafka kafka = SecuredKafka.start(mode, dir.resolve("kafka"));
             AlertmanagerWebhook webhook = AlertmanagerWebhook.start();
             AlertmanagerProcess alertmanager = AlertmanagerProcess.start(dir.resolve("alertmanager"),
                     AlertmanagerProcess.routeTo(webhook.url(), ""))) {
            kafka.admin().createTopics(List.of(new NewTopic(AlertTopics.CHANGES, 1, (short) 1),
                    new NewTopic(AlertTopics.ACTIVE, 1, (short) 1))).all().get();
            kafka.createUser(USER);
            String password = kafka.password(USER);
            for (String topic : List.of(AlertTopics.CHANGES, AlertTopics.ACTIVE)) {
                kafka.allow(USER, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.READ,
                        AclOperation.DESCRIBE);
            }
            Map<String, Object> settings = new HashMap<>(kafka.clientSettingsWithPasswordInAFile(USER,
                    dir.resolve("secrets")));
            settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            settings.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, ApicurioRegistry.shared().ccompatUrl());
            settings.put(ForwarderConfig.ALERTMANAGER_URLS, alertmanager.url());
            settings.put(ForwarderConfig.GROUP_ID, GROUP);
            InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

            try (AlertForwarderMain.Running refused = AlertForwarderMain.start(settings, loopback)) {
                String why = Await.atMost(BOUND).until(() -> get(refused, "/readyz"),
                        body -> body.contains("not authorized"), body -> "readiness to name the refusal: " + body);
                assertThat(why).contains(mode == SecuredKafka.Mode.SCRAM ? "SASL user '" + USER + "'"
                        : "client certificate").contains("group " + GROUP);
            }

            kafka.allow(USER, ResourceType.GROUP, GROUP, PatternType.LITERAL, AclOperation.READ, AclOperation.DESCRIBE);
            Map<String, Object> admin = new HashMap<>(kafka.clientSettings(SecuredKafka.SUPER_USER));
            admin.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            try (AlertForwarderMain.Running forwarder = AlertForwarderMain.start(settings, loopback);
                 AlertTopics topics = new AlertTopics(admin, ApicurioRegistry.shared().ccompatUrl())) {
                Await.atMost(BOUND).until(() -> get(forwarder, "/readyz"), body -> body.startsWith("ready"),
                        body -> "the forwarder ready with its ACLs; /readyz: " + body);
                topics.write(AlertRecords.firing("iqn.2016-09.com.openebs.cstor:pvc-secured", null,
                        AlertKind.VOLUME_OFFLINE, Severity.CRITICAL, Instant.now().truncatedTo(ChronoUnit.SECONDS)));

                Await.atMost(BOUND).until(() -> webhook.notified("firing", Map.of("volume", "pvc-secured")),
                        () -> "Alertmanager to notify the alert forwarded through the secured broker; it holds "
                                + held(alertmanager));
                for (String path : List.of("/readyz", "/healthz", "/metrics")) {
                    assertThat(password.isEmpty() || !get(forwarder, path).contains(password))
                            .as("%s shows no password", path).isTrue();
                }
            }
        }
    }

    private static String held(AlertmanagerProcess alertmanager) {
        try {
            return alertmanager.alerts().toString();
        } catch (Exception e) {
            return "(its alerts cannot be read: " + e + ")";
        }
    }

    private String get(AlertForwarderMain.Running running, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + running.http().port() + path))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
