package io.istgt.telemetry.collector.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.istgt.telemetry.collector.config.RunConfig;
import io.istgt.telemetry.collector.config.SettingsResolver;
import io.istgt.telemetry.schemas.VolumeKey;
import io.istgt.telemetry.schemas.VolumeStatus;
import io.istgt.telemetry.sim.EmulatedIstgt;
import io.istgt.telemetry.sim.ManualClock;
import io.istgt.telemetry.sim.SimConfig;
import io.istgt.telemetry.testsupport.ApicurioRegistry;
import io.istgt.telemetry.testsupport.KafkaTestBroker;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Records polled while Kafka is down are delivered once it is back: none lost, none duplicated. */
class BrokerOutageIT {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    @Test
    void shouldDeliverEveryPollsRecordAfterABrokerOutageWithoutGapsOrDuplicates() throws Exception {
        String registry = ApicurioRegistry.shared().ccompatUrl();
        ManualClock simClock = new ManualClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        try (KafkaTestBroker kafka = KafkaTestBroker.start();
             EmulatedIstgt istgt = EmulatedIstgt.start(dir.resolve("istgt.sock"),
                     SimConfig.builder().clock(simClock).idleTimeout(Duration.ofMinutes(5)).build())) {
            simClock.advance(Duration.ofSeconds(30));
            RunConfig config = new SettingsResolver(Map.of(), () -> "unused").resolve(Map.of(
                    "bootstrap-servers", List.of(kafka.bootstrapServers()),
                    "schema-registry-url", List.of(registry),
                    "socket", List.of(istgt.socketPath().toString()),
                    "interval", List.of("500ms"),
                    "volume-topic", List.of("outage.volumes"),
                    "replica-topic", List.of("outage.replicas"),
                    "http-port", List.of("0"),
                    "spool-dir", List.of(dir.resolve("spool").toString())));
            long before;
            try (CollectorApp app = CollectorApp.start(config, Clock.systemUTC());
                 var reader = new TopicReader<>(kafka.bootstrapServers(), registry, "outage.volumes", VolumeKey.class,
                         VolumeStatus.class)) {
                reader.awaitUntil(seen -> seen.size() >= 2, WAIT);

                kafka.stop();
                before = CollectorWaits.polls(app);
                CollectorWaits.awaitPolls(app, before + 5, WAIT);
                kafka.restart();
                long last = CollectorWaits.polls(app) + 2;
                CollectorWaits.awaitPolls(app, last, WAIT);

                var seen = reader.awaitUntil(all -> all.size() >= last, WAIT);
                List<Long> sequences = seen.stream().map(r -> r.value().getMetadata().getSequence()).toList();
                assertThat(sequences.subList(0, (int) last)).as("every poll once, in order, none lost")
                        .containsExactlyElementsOf(LongStream.rangeClosed(1, last).boxed().toList());
                assertThat(seen).allSatisfy(r -> assertThat(r.value().getFailure()).isNull());
            }
        }
    }
}
