package io.istgt.telemetry.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.istgt.telemetry.local.AlertmanagerServer;
import io.istgt.telemetry.schemas.IstgtTopic;
import io.istgt.telemetry.testsupport.ApicurioRegistry;
import io.istgt.telemetry.testsupport.SecuredKafka;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo against an existing cluster that is secured (SASL_SSL with SCRAM, nothing allowed without an ACL):
 * {@code --client-config} reaches every client of the run (topic admin, collector, analytics, the view), and the
 * pipeline runs end to end; its password, read through Kafka's file config provider, is printed nowhere.
 */
class DemoSecuredKafkaIT {

    private static final String USER = "istgt-demo";

    @TempDir
    Path dir;

    @Test
    void shouldRunThePipelineOnASecuredClusterWithClientSettingsFromAFile() throws Exception {
        try (SecuredKafka kafka = SecuredKafka.start(SecuredKafka.Mode.SCRAM, dir.resolve("kafka"))) {
            kafka.createUser(USER);
            String password = kafka.password(USER);
            grantTheDemosAcls(kafka);
            Path clientConfig = kafka.clientConfigFileWithPasswordInAFile(USER, dir.resolve("client.properties"));

            DemoSettings demo = new DemoSettings(Optional.of(Duration.ofSeconds(25)), Optional.of(kafka.bootstrapServers()),
                    Optional.of(ApicurioRegistry.shared().ccompatUrl()), dir.resolve("demo-data"), false, 0, 0, 2,
                    Optional.empty(), Duration.ofSeconds(1), Duration.ofSeconds(4), Duration.ofSeconds(5),
                    DemoSettings.ViewMode.PLAIN, Optional.of(clientConfig), Optional.empty());
            ByteArrayOutputStream shown = new ByteArrayOutputStream();
            int code;
            try (PrintStream out = new PrintStream(shown, true, StandardCharsets.UTF_8);
                 DemoRun run = new DemoRun(demo, DataDirectory.prepare(demo.dataDir()).dir(), out, false, 160)) {
                code = run.run(new CountDownLatch(1));
            }
            String output = shown.toString(StandardCharsets.UTF_8);

            assertThat(code).as("exit code; output:%n%s", output).isZero();
            assertThat(output).contains("Kafka at " + kafka.bootstrapServers() + " (--bootstrap-servers)")
                    .containsPattern("summary: ran \\d+:\\d+; [1-9]\\d* records")
                    .doesNotContain(password);
            if (AlertmanagerServer.installed()) {
                // ready means it read istgt.alerts.active and joined its group, with the run's SCRAM settings
                assertThat(output).contains("alert forwarder (istgt-alert-forwarder, in this JVM) ready in")
                        .containsPattern("Alertmanager sent [1-9]\\d* notifications");
            }
        }
    }

    /** The demo runs the collector and the analytics and reads every topic back: their ACLs together. */
    private static void grantTheDemosAcls(SecuredKafka kafka) {
        for (IstgtTopic topic : IstgtTopic.values()) {
            kafka.allow(USER, ResourceType.TOPIC, topic.defaultName(), PatternType.LITERAL, AclOperation.CREATE,
                    AclOperation.DESCRIBE, AclOperation.DESCRIBE_CONFIGS, AclOperation.READ, AclOperation.WRITE);
        }
        for (String group : java.util.List.of(AnalyticsStage.APPLICATION_ID, "istgt-history-writer",
                ForwarderStage.GROUP_ID)) {
            kafka.allow(USER, ResourceType.GROUP, group, PatternType.LITERAL, AclOperation.READ, AclOperation.DESCRIBE);
        }
        kafka.allow(USER, ResourceType.TRANSACTIONAL_ID, AnalyticsStage.APPLICATION_ID, PatternType.PREFIXED,
                AclOperation.WRITE, AclOperation.DESCRIBE);
        kafka.allow(USER, ResourceType.TOPIC, AnalyticsStage.APPLICATION_ID + "-", PatternType.PREFIXED,
                AclOperation.CREATE, AclOperation.READ, AclOperation.WRITE, AclOperation.DESCRIBE,
                AclOperation.DESCRIBE_CONFIGS, AclOperation.DELETE);
    }
}
