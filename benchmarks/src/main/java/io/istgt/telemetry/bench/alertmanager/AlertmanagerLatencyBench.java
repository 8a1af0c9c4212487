package io.istgt.telemetry.bench.alertmanager;

import io.istgt.telemetry.bench.Args;
import io.istgt.telemetry.bench.proc.Services;
import io.istgt.telemetry.bench.report.Figures;
import io.istgt.telemetry.bench.report.Figures.Check;
import io.istgt.telemetry.bench.report.LoadAverage;
import io.istgt.telemetry.forwarder.AlertForwarderMain;
import io.istgt.telemetry.forwarder.ForwarderConfig;
import io.istgt.telemetry.schemas.Alert;
import io.istgt.telemetry.schemas.AlertKey;
import io.istgt.telemetry.schemas.AlertKind;
import io.istgt.telemetry.schemas.AlertState;
import io.istgt.telemetry.schemas.IstgtTopic;
import io.istgt.telemetry.schemas.Severity;
import io.istgt.telemetry.schemas.serde.AvroSerdeConfig;
import io.istgt.telemetry.schemas.serde.AvroSerializer;
import io.istgt.telemetry.testsupport.AlertmanagerProcess;
import io.istgt.telemetry.testsupport.AlertmanagerWebhook;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Benchmark 10: from an alert record committed to {@code istgt.alerts} (the producer's acknowledgement, acks=all)
 * to Alertmanager holding it ({@code GET /api/v2/alerts} polled every 5 ms), through the forwarder in the
 * benchmark's JVM and Debian's Alertmanager as a child process; then the same for its RESOLVED record until
 * Alertmanager no longer shows it. Meanwhile {@code --firing} other alerts fire and are re-sent every
 * {@code --resend-interval}: a new alert must not wait behind them. Target: p99 under 1 s.
 *
 * <p>Options: {@code --cycles} (50), {@code --firing} (1000), {@code --resend-interval} (5s), {@code --kafka}
 * (process).
 */
public final class AlertmanagerLatencyBench {

    private static final Logger log = LoggerFactory.getLogger(AlertmanagerLatencyBench.class);
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String PREFIX = "iqn.2016-09.com.openebs.cstor:";

    private AlertmanagerLatencyBench() {
    }

    public static Figures run(Args args) throws Exception {
        int cycles = args.integer("cycles", 50);
        int background = args.integer("firing", 1000);
        Duration resend = args.duration("resend-interval", Duration.ofSeconds(5));
        String kafka = args.string("kafka", "process");
        args.requireAllRead("alertmanager");
        // Before any broker starts; a missing binary is told like a bad option (exit 2).
        AlertmanagerProcess.whyNotInstalled().ifPresent(why -> {
            throw new IllegalArgumentException(why);
        });
        List<Double> firing = new ArrayList<>();
        List<Double> resolved = new ArrayList<>();
        int missed = 0;
        Path dir = Files.createTempDirectory("istgt-bench-alertmanager-");
        try (Services services = Services.start(kafka);
             AlertmanagerWebhook webhook = AlertmanagerWebhook.start();
             AlertmanagerProcess alertmanager = AlertmanagerProcess.start(dir.resolve("am"),
                     AlertmanagerProcess.routeTo(webhook.url(), ""));
             KafkaProducer<AlertKey, Alert> producer = producer(services)) {
            services.kafka().createTopic(IstgtTopic.ALERTS.defaultName(), 6);
            services.kafka().createTopic(IstgtTopic.ACTIVE_ALERTS.defaultName(), 6);
            Instant started = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(600);
            for (int i = 0; i < background; i++) {
                write(producer, alert("pvc-load-" + i, AlertState.FIRING, started));
            }
            try (AlertForwarderMain.Running forwarder = AlertForwarderMain.start(forwarderSettings(services,
                    alertmanager, resend), new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
                await(alertmanager, held -> held.size() >= background, "the " + background + " firing alerts");
                for (int i = 0; i < cycles; i++) {
                    Alert alert = alert("pvc-bench-" + i, AlertState.FIRING, Instant.now().truncatedTo(ChronoUnit.MILLIS));
                    String volume = "pvc-bench-" + i;
                    long committed = write(producer, alert);
                    long seen = await(alertmanager, held -> held.stream().anyMatch(volume::equals), volume);
                    if (seen < 0) {
                        missed++;
                    } else {
                        firing.add((double) (seen - committed));
                    }
                    Alert end = Alert.newBuilder(alert).setState(AlertState.RESOLVED)
                            .setEndedAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
                            .setEventAt(Instant.now().truncatedTo(ChronoUnit.MILLIS)).build();
                    committed = write(producer, end);
                    seen = await(alertmanager, held -> held.stream().noneMatch(volume::equals), volume + " resolved");
                    if (seen < 0) {
                        missed++;
                    } else {
                        resolved.add((double) (seen - committed));
                    }
                    log.info("cycle {}/{}: held after {} ms, resolved after {} ms", i + 1, cycles,
                            firing.isEmpty() ? -1 : firing.getLast(), resolved.isEmpty() ? -1 : resolved.getLast());
                }
            }
        }
        Figures f = new Figures("alertmanager", "alert record committed (acks=all) to Alertmanager 0.25 holding it"
                + " (GET /api/v2/alerts every 5 ms); forwarder in the benchmark's JVM; " + background
                + " other alerts firing, re-sent every " + resend.toMillis() + " ms; " + cycles + " fire/resolve cycles");
        f.figure("FIRING held p99", "< 1000 ms", percentile(firing, 0.99), "ms", Check.below(1000));
        f.info("FIRING held p50", percentile(firing, 0.5), "ms");
        f.info("FIRING held max", percentile(firing, 1.0), "ms");
        f.info("RESOLVED gone p50", percentile(resolved, 0.5), "ms");
        f.info("RESOLVED gone p99", percentile(resolved, 0.99), "ms");
        f.figure("alerts not seen within " + WAIT.toSeconds() + " s", "0", missed, "alerts", Check.atMost(0));
        f.note("the forwarder polls istgt.alerts every 100 ms at most (its poll timeout); Alertmanager's API answers"
                + " within a few ms on loopback");
        f.note("load average at the end: " + LoadAverage.now());
        return f;
    }

    private static Alert alert(String volume, AlertState state, Instant started) {
        return Alert.newBuilder().setIqn(PREFIX + volume).setReplicaId(null).setKind(AlertKind.VOLUME_DEGRADED)
                .setState(state).setSeverity(Severity.WARNING).setStartedAt(started).setEndedAt(null)
                .setEventAt(started).setSummary("bench").setValue(null).setThreshold(null).setLabels(Map.of())
                .build();
    }

    /** Writes the change and its active record; returns the wall clock when the broker acknowledged the change. */
    private static long write(KafkaProducer<AlertKey, Alert> producer, Alert alert) throws Exception {
        AlertKey key = new AlertKey(alert.getIqn(), alert.getReplicaId(), alert.getKind());
        var active = producer.send(new ProducerRecord<>(IstgtTopic.ACTIVE_ALERTS.defaultName(), key,
                alert.getState() == AlertState.FIRING ? alert : null));
        producer.send(new ProducerRecord<>(IstgtTopic.ALERTS.defaultName(), key, alert)).get();
        long acknowledged = System.currentTimeMillis();
        active.get();
        return acknowledged;
    }

    /** Wall-clock millis when the held volumes first met {@code done}, or -1 after {@link #WAIT}. */
    private static long await(AlertmanagerProcess alertmanager, Predicate<List<String>> done, String what)
            throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            List<String> volumes = alertmanager.alerts().stream().map(a -> a.labels().get("volume")).toList();
            if (done.test(volumes)) {
                return System.currentTimeMillis();
            }
            Thread.sleep(5);
        }
        log.warn("{} not seen in Alertmanager within {}", what, WAIT);
        return -1;
    }

    private static KafkaProducer<AlertKey, Alert> producer(Services services) {
        Map<String, Object> serde = Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, services.registryUrl());
        AvroSerializer<AlertKey> keys = new AvroSerializer<>();
        keys.configure(serde, true);
        AvroSerializer<Alert> values = new AvroSerializer<>();
        values.configure(serde, false);
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, services.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 0), keys, values);
    }

    private static Map<String, Object> forwarderSettings(Services services, AlertmanagerProcess alertmanager,
                                                         Duration resend) {
        Map<String, Object> settings = new HashMap<>();
        settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, services.bootstrapServers());
        settings.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, services.registryUrl());
        settings.put(ForwarderConfig.ALERTMANAGER_URLS, alertmanager.url());
        settings.put(ForwarderConfig.RESEND_INTERVAL_MS, Long.toString(resend.toMillis()));
        settings.put(ForwarderConfig.GROUP_ID, "bench-forwarder-" + System.nanoTime());
        settings.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "10");
        return settings;
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
