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
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
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
        ManualClock simClock = new ManualClock(Instant.parse("2026-11-23T20:23:24Z"));
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
                before = polls(app);
                awaitPolls(app, before + 5);
                kafka.restart();
                long last = polls(app) + 2;
                awaitPolls(app, last);

                var seen = reader.awaitUntil(all -> all.size() >= last, WAIT);
                List<Long> sequences = seen.stream().map(r -> r.value().getMetadata().getSequence()).toList();
                assertThat(sequences.subList(0, (int) last)).as("every poll once, in order, none lost")
                        .containsExactlyElementsOf(LongStream.rangeClosed(1, last).boxed().toList());
                assertThat(seen).allSatisfy(r -> assertThat(r.value().getFailure()).isNull());
            }
        }
    }

    private static long polls(CollectorApp app) {
        return app.collector().targets().isEmpty() ? 0 : (long) app.metrics().registry().scrape().stream()
                .filter(m -> m.getMetadata().getPrometheusName().equals("istgt_collector_polls"))
                .flatMap(m -> m.getDataPoints().stream())
                .mapToDouble(d -> ((io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot) d)
                        .getValue()).sum();
    }

    /** Waits, checking every 20 ms, until the collector has made {@code count} polls. */
    private static void awaitPolls(CollectorApp app, long count) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (polls(app) < count) {
            assertThat(System.nanoTime()).as("%d polls within %s", count, WAIT).isLessThan(deadline);
            LockSupport.parkNanos(20_000_000);
        }
    }
}
