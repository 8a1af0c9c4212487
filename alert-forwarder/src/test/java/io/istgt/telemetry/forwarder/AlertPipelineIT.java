package io.istgt.telemetry.forwarder;

import static org.assertj.core.api.Assertions.assertThat;

import io.istgt.telemetry.analytics.AnalyticsApp;
import io.istgt.telemetry.analytics.AnalyticsConfig;
import io.istgt.telemetry.collector.app.CollectorApp;
import io.istgt.telemetry.collector.config.SettingsResolver;
import io.istgt.telemetry.schemas.IstgtTopic;
import io.istgt.telemetry.schemas.ReplicaKey;
import io.istgt.telemetry.schemas.ReplicaTransition;
import io.istgt.telemetry.schemas.ReplicaTransitionKind;
import io.istgt.telemetry.schemas.serde.AvroDeserializer;
import io.istgt.telemetry.schemas.serde.AvroSerdeConfig;
import io.istgt.telemetry.sim.EmulatedIstgt;
import io.istgt.telemetry.sim.ManualClock;
import io.istgt.telemetry.sim.SimConfig;
import io.istgt.telemetry.testsupport.AlertmanagerProcess;
import io.istgt.telemetry.testsupport.AlertmanagerProcess.HeldAlert;
import io.istgt.telemetry.testsupport.AlertmanagerWebhook;
import io.istgt.telemetry.testsupport.ApicurioRegistry;
import io.istgt.telemetry.testsupport.Await;
import io.istgt.telemetry.testsupport.KafkaTestBroker;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole chain to the pager: the emulated istgt, the real collector polling it every 500 ms, a real broker and
 * registry, the analytics, the forwarder and Debian's Alertmanager notifying a webhook. A replica drops, comes back
 * and rebuilds: Alertmanager holds the alerts the analytics raise (their labels as the forwarder sets them) while
 * they fire, and the webhook gets each one firing and then resolved.
 */
class AlertPipelineIT {

    private static final Duration BOUND = Duration.ofSeconds(90);
    private static final String IQN = "iqn.2016-09.com.openebs.cstor:vol1";

    @TempDir
    Path dir;

    @Test
    void shouldPageForAReplicaThatDropsAndSayResolvedOnceItIsBack() throws Exception {
        ManualClock simClock = new ManualClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        try (KafkaTestBroker broker = KafkaTestBroker.start();
             AlertmanagerWebhook webhook = AlertmanagerWebhook.start();
             AlertmanagerProcess alertmanager = AlertmanagerProcess.start(dir.resolve("am"),
                     AlertmanagerProcess.routeTo(webhook.url(), ""));
             EmulatedIstgt istgt = EmulatedIstgt.start(dir.resolve("istgt.sock"), SimConfig.builder()
                     .clock(simClock).rebuildTime(Duration.ofSeconds(20)).ioRate(0).idleTimeout(Duration.ofMinutes(5))
                     .build())) {
            ApicurioRegistry registry = ApicurioRegistry.shared();
            simClock.advance(Duration.ofSeconds(90)); // three healthy replicas
            try (AnalyticsApp analytics = AnalyticsApp.start(analyticsSettings(broker, registry));
                 AlertForwarderMain.Running forwarder = AlertForwarderMain.start(forwarderSettings(broker, registry,
                         alertmanager), new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                 CollectorApp collector = CollectorApp.start(new SettingsResolver(Map.of(), () -> "unused").resolve(
                         Map.of("socket", List.of(istgt.socketPath().toString()),
                                 "bootstrap-servers", List.of(broker.bootstrapServers()),
                                 "schema-registry-url", List.of(registry.ccompatUrl()),
                                 "interval", List.of("500ms"),
                                 "topic-partitions", List.of("3"),
                                 "http-port", List.of("0"),
                                 "collector-id", List.of("alert-pipeline-it"),
                                 "spool-dir", List.of(dir.resolve("spool").toString()))), Clock.systemUTC())) {
                Await.atMost(BOUND).until(() -> forwarder.forwarder().notReadyWhy().isEmpty(),
                        () -> "the forwarder ready: " + forwarder.forwarder().notReadyWhy());
                // the analytics know replica 6162 before it drops (else there is no disconnect to alert on)
                awaitAppeared(broker, registry, "6162");

                istgt.apply("vol1 replica-disconnect 6162");

                Await.atMost(BOUND).until(() -> held(alertmanager), h -> h.containsAll(Set.of(
                        "IstgtQuorumAtRisk", "IstgtReplicaDisconnected/6162")),
                        h -> "Alertmanager holding IstgtQuorumAtRisk and IstgtReplicaDisconnected/6162; it holds " + h);
                HeldAlert disconnected = alertmanager.alerts().stream()
                        .filter(a -> "IstgtReplicaDisconnected".equals(a.labels().get("alertname"))).findFirst()
                        .orElseThrow();
                assertThat(disconnected.labels()).isEqualTo(Map.of("alertname", "IstgtReplicaDisconnected",
                        "severity", "warning", "iqn", IQN, "volume", "vol1", "replica_id", "6162"));
                for (String alertname : List.of("IstgtQuorumAtRisk", "IstgtReplicaDisconnected")) {
                    Await.atMost(BOUND).until(() -> webhook.notified("firing", Map.of("alertname", alertname)),
                            () -> alertname + " notified firing; the webhook has " + webhook.all());
                }

                istgt.apply("vol1 replica-connect 6162");
                Await.atMost(BOUND).until(() -> webhook.notified("resolved",
                        Map.of("alertname", "IstgtReplicaDisconnected")),
                        () -> "IstgtReplicaDisconnected notified resolved; the webhook has " + webhook.all());
                simClock.advance(Duration.ofSeconds(30)); // rebuilt: Healthy again

                Await.atMost(BOUND).until(() -> held(alertmanager), h -> h.stream().noneMatch(a ->
                        a.startsWith("IstgtQuorumAtRisk") || a.startsWith("IstgtReplica")),
                        h -> "Alertmanager holding none of the replica's alerts; it holds " + h);
                Await.atMost(BOUND).until(() -> webhook.notified("resolved", Map.of("alertname", "IstgtQuorumAtRisk")),
                        () -> "IstgtQuorumAtRisk notified resolved; the webhook has " + webhook.all());
            }
        }
    }

    private static void awaitAppeared(KafkaTestBroker broker, ApicurioRegistry registry, String replicaId)
            throws Exception {
        try (KafkaConsumer<ReplicaKey, ReplicaTransition> transitions = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "alert-pipeline-it-transitions",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, AvroDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, AvroDeserializer.class,
                AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.ccompatUrl(),
                AvroSerdeConfig.SPECIFIC_AVRO_KEY_TYPE, ReplicaKey.class,
                AvroSerdeConfig.SPECIFIC_AVRO_VALUE_TYPE, ReplicaTransition.class))) {
            transitions.subscribe(List.of(IstgtTopic.REPLICA_TRANSITIONS.defaultName()));
            Await.atMost(BOUND).until(() -> {
                for (ConsumerRecord<ReplicaKey, ReplicaTransition> r : transitions.poll(Duration.ofMillis(200))) {
                    if (r.value().getReplicaId().equals(replicaId)
                            && r.value().getKind() == ReplicaTransitionKind.APPEARED) {
                        return true;
                    }
                }
                return false;
            }, () -> "replica " + replicaId + " APPEARED in " + IstgtTopic.REPLICA_TRANSITIONS.defaultName());
        }
    }

    /** What Alertmanager holds, as alertname[/replica_id]. */
    private static Set<String> held(AlertmanagerProcess alertmanager) throws Exception {
        Set<String> held = new TreeSet<>();
        for (HeldAlert a : alertmanager.alerts()) {
            String replica = a.labels().get("replica_id");
            held.add(a.labels().get("alertname") + (replica == null ? "" : "/" + replica));
        }
        return held;
    }

    private Map<String, Object> analyticsSettings(KafkaTestBroker broker, ApicurioRegistry registry) {
        Map<String, Object> settings = new HashMap<>();
        settings.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        settings.put(StreamsConfig.APPLICATION_ID_CONFIG, "alert-pipeline-it");
        settings.put(StreamsConfig.STATE_DIR_CONFIG, dir.resolve("state").toString());
        settings.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.ccompatUrl());
        settings.put(AnalyticsConfig.TOPIC_PARTITIONS, "1");
        settings.put(AnalyticsConfig.TOPIC_REPLICATION, "1");
        settings.put(AnalyticsConfig.POLL_INTERVAL_MS, "500");
        settings.put(AnalyticsConfig.RESOLVE_AFTER_MS, "1500");
        settings.put(AnalyticsConfig.HISTORY_ENABLED, "false");
        settings.put("consumer.auto.offset.reset", "earliest");
        return settings;
    }

    private static Map<String, Object> forwarderSettings(KafkaTestBroker broker, ApicurioRegistry registry,
                                                         AlertmanagerProcess alertmanager) {
        Map<String, Object> settings = new HashMap<>();
        settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        settings.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.ccompatUrl());
        settings.put(ForwarderConfig.ALERTMANAGER_URLS, alertmanager.url());
        settings.put(ForwarderConfig.GROUP_ID, "alert-pipeline-it-forwarder"); // not the analytics' application id
        settings.put(ForwarderConfig.RESEND_INTERVAL_MS, "10000");
        return settings;
    }
}
