package io.istgt.telemetry.bench.latency;

import io.istgt.telemetry.analytics.AnalyticsApp;
import io.istgt.telemetry.analytics.AnalyticsConfig;
import io.istgt.telemetry.bench.Args;
import io.istgt.telemetry.bench.proc.Services;
import io.istgt.telemetry.bench.report.Figures;
import io.istgt.telemetry.bench.report.Figures.Check;
import io.istgt.telemetry.collector.app.CollectorApp;
import io.istgt.telemetry.collector.config.RunConfig;
import io.istgt.telemetry.collector.config.SettingsResolver;
import io.istgt.telemetry.schemas.Alert;
import io.istgt.telemetry.schemas.AlertKey;
import io.istgt.telemetry.schemas.AlertKind;
import io.istgt.telemetry.schemas.AlertState;
import io.istgt.telemetry.schemas.IstgtTopic;
import io.istgt.telemetry.schemas.serde.AvroDeserializer;
import io.istgt.telemetry.schemas.serde.AvroSerdeConfig;
import io.istgt.telemetry.sim.EmulatedIstgt;
import io.istgt.telemetry.sim.SimConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Benchmark 4: from an emulator state change to the alert committed in {@code istgt.alerts}, through
 * the real collector run loop ({@link CollectorApp}) and the real analytics ({@link AnalyticsApp}, exactly once,
 * its commit.interval.ms of 100 ms), a real broker and registry. Each cycle disconnects a replica
 * ({@code REPLICA_DISCONNECTED} fires on the first snapshot without it) and measures until a read_committed
 * consumer sees the FIRING alert, then reconnects it and measures until RESOLVED. Target: p99 under the poll
 * interval + 500 ms.
 *
 * <p>Options: {@code --cycles} (30), {@code --interval} (1s), {@code --kafka} (process).
 */
public final class AlertLatencyBench {

    private static final Logger log = LoggerFactory.getLogger(AlertLatencyBench.class);
    private static final Duration WAIT = Duration.ofSeconds(30);

    private AlertLatencyBench() {
    }

    public static Figures run(Args args) throws Exception {
        int cycles = args.integer("cycles", 30);
        Duration interval = args.duration("interval", Duration.ofSeconds(1));
        String kafka = args.string("kafka", "process");
        args.requireAllRead("alert-latency");
        List<Double> firing = new ArrayList<>();
        List<Double> resolved = new ArrayList<>();
        int missed = 0;
        Path dir = Files.createTempDirectory("istgt-bench-alerts-");
        SplittableRandom random = new SplittableRandom(42);
        try (Services services = Services.start(kafka);
             EmulatedIstgt istgt = EmulatedIstgt.start(dir.resolve("istgt.sock"), SimConfig.builder()
                     .rebuildTime(Duration.ofSeconds(2)).idleTimeout(Duration.ofMinutes(10)).build());
             CollectorApp collector = CollectorApp.start(config(services, istgt.socketPath(), interval, dir.resolve("spool")),
                     Clock.systemUTC());
             AnalyticsApp analytics = AnalyticsApp.start(analyticsSettings(services, dir, interval));
             KafkaConsumer<AlertKey, Alert> alerts = consumer(services)) {
            alerts.subscribe(List.of(IstgtTopic.ALERTS.defaultName()));
            awaitRunning(analytics);
            String replica = awaitReplicas(istgt, 3).get(1);
            // Replicas connect 1-3 s after start and are Healthy 2 s later; let a few snapshots through.
            Thread.sleep(Duration.ofSeconds(8).toMillis() + 3 * interval.toMillis());
            drain(alerts);
            for (int i = 0; i < cycles; i++) {
                long changed = System.currentTimeMillis();
                istgt.apply("vol1 replica-disconnect " + replica);
                long seen = await(alerts, replica, AlertState.FIRING);
                if (seen < 0) {
                    missed++;
                } else {
                    firing.add((double) (seen - changed));
                }
                changed = System.currentTimeMillis();
                istgt.apply("vol1 replica-connect " + replica);
                seen = await(alerts, replica, AlertState.RESOLVED);
                if (seen < 0) {
                    missed++;
                } else {
                    resolved.add((double) (seen - changed));
                }
                log.info("cycle {}/{}: FIRING after {} ms, RESOLVED after {} ms", i + 1, cycles,
                        firing.isEmpty() ? -1 : firing.getLast(), resolved.isEmpty() ? -1 : resolved.getLast());
                // A random phase against the poll slots, and the rebuild before the next disconnect.
                Thread.sleep(2_500 + random.nextInt((int) interval.toMillis()));
            }
        }
        double target = interval.toMillis() + 500;
        Figures f = new Figures("alert-latency", "emulator change to alert committed in istgt.alerts (read_committed),"
                + " collector every " + interval.toMillis() + " ms, analytics exactly_once_v2 commit.interval.ms 100; "
                + cycles + " disconnect/reconnect cycles");
        f.figure("REPLICA_DISCONNECTED FIRING p99", "< " + (long) target + " ms", percentile(firing, 0.99), "ms",
                Check.below(target));
        f.info("REPLICA_DISCONNECTED FIRING p50", percentile(firing, 0.5), "ms");
        f.info("REPLICA_DISCONNECTED FIRING max", percentile(firing, 1.0), "ms");
        f.info("RESOLVED (replica back) p50", percentile(resolved, 0.5), "ms");
        f.info("RESOLVED (replica back) p99", percentile(resolved, 0.99), "ms");
        f.figure("alerts not seen within " + WAIT.toSeconds() + " s", "0", missed, "alerts", Check.atMost(0));
        f.note("change time: wall clock just before EmulatedIstgt.apply; seen: wall clock when the read_committed"
                + " consumer (fetch.max.wait.ms 10) returned the alert; same JVM, same clock");
        f.note("p99 of " + firing.size() + " samples is nearest-rank (with fewer than 100 samples it is the maximum"
                + " or next to it)");
        return f;
    }

    /** The volume's replica ids once {@code count} replicas are connected (they connect 1-3 s after start). */
    static List<String> awaitReplicas(EmulatedIstgt istgt, int count) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<String> ids = istgt.replicaIds("vol1");
        while (ids.size() < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + ids.size() + " of " + count + " replicas of vol1 connected"
                        + " within " + WAIT);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(50_000_000);
            ids = istgt.replicaIds("vol1");
        }
        return ids;
    }

    static RunConfig config(Services services, Path socket, Duration interval, Path spoolDir) throws Exception {
        Map<String, List<String>> flags = new HashMap<>(Map.of(
                "bootstrap-servers", List.of(services.bootstrapServers()),
                "schema-registry-url", List.of(services.registryUrl()),
                "socket", List.of("vol1=" + socket),
                "interval", List.of(interval.toMillis() + "ms"),
                "http-port", List.of("0"),
                "collector-id", List.of("bench-alerts"),
                "spool-dir", List.of(spoolDir.toString())));
        return new SettingsResolver(Map.of(), () -> "bench").resolve(flags);
    }

    static Map<String, Object> analyticsSettings(Services services, Path dir, Duration interval) {
        Map<String, Object> settings = new HashMap<>();
        settings.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, services.bootstrapServers());
        settings.put(StreamsConfig.APPLICATION_ID_CONFIG, "bench-alerts-" + UUID.randomUUID());
        settings.put(StreamsConfig.STATE_DIR_CONFIG, dir.resolve("streams").toString());
        settings.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, services.registryUrl());
        settings.put(AnalyticsConfig.TOPIC_REPLICATION, "1");
        settings.put(AnalyticsConfig.POLL_INTERVAL_MS, Long.toString(interval.toMillis()));
        return settings;
    }

    private static KafkaConsumer<AlertKey, Alert> consumer(Services services) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, services.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "bench-alert-reader-" + UUID.randomUUID(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, AvroDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, AvroDeserializer.class,
                AvroSerdeConfig.SCHEMA_REGISTRY_URL, services.registryUrl(),
                AvroSerdeConfig.SPECIFIC_AVRO_KEY_TYPE, AlertKey.class,
                AvroSerdeConfig.SPECIFIC_AVRO_VALUE_TYPE, Alert.class));
    }

    static void awaitRunning(AnalyticsApp analytics) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (analytics.state() != KafkaStreams.State.RUNNING) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the analytics did not reach RUNNING within 2 min: " + analytics.state());
            }
            Thread.sleep(100);
        }
    }

    private static void drain(KafkaConsumer<AlertKey, Alert> consumer) {
        for (int i = 0; i < 5; i++) {
            consumer.poll(Duration.ofMillis(200));
        }
    }

    /** Wall-clock millis when the alert arrived, or -1 after {@link #WAIT}. */
    private static long await(KafkaConsumer<AlertKey, Alert> consumer, String replica, AlertState state) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<AlertKey, Alert> r : consumer.poll(Duration.ofMillis(5))) {
                Alert a = r.value();
                if (a.getKind() == AlertKind.REPLICA_DISCONNECTED && replica.equals(a.getReplicaId())
                        && a.getState() == state) {
                    return System.currentTimeMillis();
                }
            }
        }
        return -1;
    }

    /** Nearest-rank percentile; NaN for no samples. */
    static double percentile(List<Double> samples, double q) {
        if (samples.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = samples.stream().sorted().toList();
        int rank = (int) Math.ceil(q * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }
}
