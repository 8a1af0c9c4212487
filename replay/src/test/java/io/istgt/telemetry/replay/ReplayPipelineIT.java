package io.istgt.telemetry.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.istgt.telemetry.analytics.AnalyticsApp;
import io.istgt.telemetry.analytics.AnalyticsConfig;
import io.istgt.telemetry.collector.app.CollectorApp;
import io.istgt.telemetry.collector.config.SettingsResolver;
import io.istgt.telemetry.schemas.serde.AvroSerdeConfig;
import io.istgt.telemetry.sim.EmulatedIstgt;
import io.istgt.telemetry.sim.ManualClock;
import io.istgt.telemetry.sim.SimConfig;
import io.istgt.telemetry.sim.fault.Fault;
import io.istgt.telemetry.testsupport.ApicurioRegistry;
import io.istgt.telemetry.testsupport.KafkaTestBroker;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A scenario recorded through the real pipeline (emulated istgt → collector → broker and registry →
 * analytics), then replayed: the timeline shows the scenario's events, and the alerts re-derived offline with
 * the default thresholds are the alerts the analytics raised.
 */
class ReplayPipelineIT {

    private static final String IQN = "iqn.2016-09.com.openebs.cstor:vol1";
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static KafkaTestBroker broker;
    private static String registryUrl;

    @TempDir
    Path dir;

    @BeforeAll
    static void startCluster() {
        broker = KafkaTestBroker.start();
        registryUrl = ApicurioRegistry.shared().ccompatUrl();
    }

    @AfterAll
    static void stopCluster() {
        broker.close();
    }

    @Test
    void shouldReplayARecordedScenarioAndReDeriveTheAlertsThatWereRaised() throws Exception {
        Instant from = Instant.now().minusSeconds(5);
        ManualClock simClock = new ManualClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        try (EmulatedIstgt istgt = EmulatedIstgt.start(dir.resolve("istgt.sock"), SimConfig.builder().clock(simClock)
                .rebuildTime(Duration.ofSeconds(20)).ioRate(0).idleTimeout(Duration.ofMinutes(5)).build());
             AnalyticsApp analytics = AnalyticsApp.start(analyticsSettings())) {
            simClock.advance(Duration.ofSeconds(90));
            CollectorApp collector = CollectorApp.start(new SettingsResolver(Map.of(), () -> "unused").resolve(Map.of(
                    "socket", List.of(istgt.socketPath().toString()),
                    "bootstrap-servers", List.of(broker.bootstrapServers()),
                    "schema-registry-url", List.of(registryUrl),
                    "interval", List.of("500ms"),
                    "topic-partitions", List.of("3"),
                    "http-port", List.of("0"),
                    "collector-id", List.of("replay-pipeline-it"),
                    "spool-dir", List.of(dir.resolve("spool").toString()))), Clock.systemUTC());
            try {
                // the scenario: a replica drops and returns, rebuilds; then istgt stops answering for a while
                awaitTimeline(from, text -> text.contains("replica      6162 appeared"));
                istgt.apply("vol1 replica-disconnect 6162");
                awaitTimeline(from, text -> text.contains("6162 disconnected"));
                istgt.apply("vol1 replica-connect 6162");
                awaitTimeline(from, text -> text.contains("FIRING   info     REPLICA_DEGRADED 6162"));
                simClock.advance(Duration.ofSeconds(30));
                istgt.fault(Fault.stall());
                awaitTimeline(from, text -> text.contains("FIRING   critical TARGET_UNREACHABLE"));
                istgt.clearFault();
                awaitTimeline(from, text -> text.contains("Unreachable → Healthy"));
            } finally {
                collector.close();
            }
        }

        // when the window is replayed, with the alerts re-derived under the default configuration
        StringWriter err = new StringWriter();
        Instant to = Instant.now().plusSeconds(1);
        String text = replay(from, to, err, "--rederive");

        // then the timeline tells the scenario in order
        assertInOrder(text, "replica      6162 disconnected", "FIRING   warning  REPLICA_DISCONNECTED 6162",
                "replica      6162 appeared Degraded", "RESOLVED warning  REPLICA_DISCONNECTED 6162",
                "volume       Healthy → Unreachable", "FIRING   critical TARGET_UNREACHABLE",
                "volume       Unreachable → Healthy");
        // and the rules run offline raise exactly what the live analytics raised
        assertThat(text.lines()).anyMatch(l -> l.matches("  → [1-9][0-9]* same, 0 only re-derived, 0 only raised"));

        // when the live status topics have lost every record (as their retention will), the history writer's
        // blocks (written as the analytics ran, the last ones when they stopped) tell the same story
        forgetLiveStatus();
        assertThat(replay(from, to, new StringWriter(), "--rederive"))
                .as("the replay from the history topics alone").isEqualTo(text);
    }

    /** Deletes every record of the live status topics, as retention does: the log start moves to the end. */
    private static void forgetLiveStatus() throws Exception {
        try (Admin admin = broker.admin()) {
            Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
            for (String topic : List.of("istgt.volume.status", "istgt.replica.status")) {
                admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                        .forEach(p -> ends.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            }
            Map<TopicPartition, RecordsToDelete> all = new HashMap<>();
            admin.listOffsets(ends).all().get()
                    .forEach((tp, end) -> all.put(tp, RecordsToDelete.beforeOffset(end.offset())));
            admin.deleteRecords(all).all().get();
        }
    }

    /** Each marker is on a line of the timeline, each after the one before. */
    private static void assertInOrder(String text, String... markers) {
        List<String> lines = text.lines().toList();
        int at = -1;
        for (String marker : markers) {
            int found = -1;
            for (int i = at + 1; i < lines.size() && found < 0; i++) {
                if (lines.get(i).contains(marker)) {
                    found = i;
                }
            }
            assertThat(found).as("'%s' after line %d of the timeline:%n%s", marker, at, text).isNotNegative();
            at = found;
        }
    }

    private void awaitTimeline(Instant from, Predicate<String> condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        AtomicReference<String> last = new AtomicReference<>("");
        while (System.nanoTime() < deadline) {
            last.set(replay(from, Instant.now().plusSeconds(1), new StringWriter()));
            if (condition.test(last.get())) {
                return;
            }
        }
        throw new AssertionError("the timeline never showed what was awaited; last timeline:\n" + last.get());
    }

    private String replay(Instant from, Instant to, StringWriter err, String... extra) {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new ReplayMain());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        List<String> args = new java.util.ArrayList<>(List.of("--bootstrap-servers", broker.bootstrapServers(),
                "--schema-registry-url", registryUrl, "--iqn", IQN, "--from", from.toString(), "--to", to.toString(),
                "--zone", "UTC", "--quiet"));
        args.addAll(List.of(extra));
        int exit = cli.execute(args.toArray(String[]::new));
        assertThat(exit).as("replay exit code; stderr:%n%s", err).isZero();
        return out.toString();
    }

    private Map<String, Object> analyticsSettings() throws Exception {
        Map<String, Object> settings = new HashMap<>();
        settings.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        settings.put(StreamsConfig.APPLICATION_ID_CONFIG, "replay-pipeline-it");
        settings.put(StreamsConfig.STATE_DIR_CONFIG, Files.createDirectories(dir.resolve("state")).toString());
        settings.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registryUrl);
        settings.put(AnalyticsConfig.TOPIC_REPLICATION, "1");
        settings.put(AnalyticsConfig.TOPIC_PARTITIONS, "3");
        // the rules' own settings stay at their defaults: the re-derivation below uses the defaults too
        settings.put("consumer.auto.offset.reset", "earliest");
        return settings;
    }
}
