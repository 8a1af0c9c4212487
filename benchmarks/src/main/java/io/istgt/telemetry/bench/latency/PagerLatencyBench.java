package io.istgt.telemetry.bench.latency;

import io.istgt.telemetry.analytics.AnalyticsApp;
import io.istgt.telemetry.bench.Args;
import io.istgt.telemetry.bench.proc.Services;
import io.istgt.telemetry.bench.report.Figures;
import io.istgt.telemetry.bench.report.Figures.Check;
import io.istgt.telemetry.bench.report.LoadAverage;
import io.istgt.telemetry.collector.app.CollectorApp;
import io.istgt.telemetry.forwarder.AlertForwarderMain;
import io.istgt.telemetry.forwarder.ForwarderConfig;
import io.istgt.telemetry.schemas.serde.AvroSerdeConfig;
import io.istgt.telemetry.sim.EmulatedIstgt;
import io.istgt.telemetry.sim.SimConfig;
import io.istgt.telemetry.testsupport.AlertmanagerProcess;
import io.istgt.telemetry.testsupport.AlertmanagerWebhook;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Benchmark 11: from a replica killed in the emulator to the webhook behind Alertmanager receiving the
 * {@code IstgtReplicaDisconnected} notification: the whole chain that pages a person (collector, Kafka, analytics,
 * forwarder, Alertmanager with {@code group_wait} 0 and {@code group_interval} 1 s), all real, in the benchmark's
 * JVM but the broker and Alertmanager; then from the replica back to the resolved notification. No target of its
 * own: the figures say what a page costs beyond {@code alert-latency}.
 *
 * <p>Options: {@code --cycles} (20), {@code --interval} (1s), {@code --kafka} (process).
 */
public final class PagerLatencyBench {

    private static final Logger log = LoggerFactory.getLogger(PagerLatencyBench.class);
    private static final Duration WAIT = Duration.ofSeconds(30);

    private PagerLatencyBench() {
    }

    public static Figures run(Args args) throws Exception {
        int cycles = args.integer("cycles", 20);
        Duration interval = args.duration("interval", Duration.ofSeconds(1));
        String kafka = args.string("kafka", "process");
        args.requireAllRead("pager");
        // Before any broker starts; a missing binary is told like a bad option (exit 2).
        AlertmanagerProcess.whyNotInstalled().ifPresent(why -> {
            throw new IllegalArgumentException(why);
        });
        List<Double> firing = new ArrayList<>();
        List<Double> resolved = new ArrayList<>();
        int missed = 0;
        Path dir = Files.createTempDirectory("istgt-bench-pager-");
        SplittableRandom random = new SplittableRandom(42);
        try (Services services = Services.start(kafka);
             AlertmanagerWebhook webhook = AlertmanagerWebhook.start();
             AlertmanagerProcess alertmanager = AlertmanagerProcess.start(dir.resolve("am"),
                     AlertmanagerProcess.routeTo(webhook.url(), ""));
             EmulatedIstgt istgt = EmulatedIstgt.start(dir.resolve("istgt.sock"), SimConfig.builder()
                     .rebuildTime(Duration.ofSeconds(2)).idleTimeout(Duration.ofMinutes(10)).build());
             CollectorApp collector = CollectorApp.start(AlertLatencyBench.config(services, istgt.socketPath(),
                     interval, dir.resolve("spool")), Clock.systemUTC());
             AnalyticsApp analytics = AnalyticsApp.start(AlertLatencyBench.analyticsSettings(services, dir, interval));
             AlertForwarderMain.Running forwarder = AlertForwarderMain.start(forwarderSettings(services, alertmanager),
                     new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            AlertLatencyBench.awaitRunning(analytics);
            String replica = AlertLatencyBench.awaitReplicas(istgt, 3).get(1);
            // Replicas connect 1-3 s after start and are Healthy 2 s later; let a few snapshots through.
            Thread.sleep(Duration.ofSeconds(8).toMillis() + 3 * interval.toMillis());
            Map<String, String> labels = Map.of("alertname", "IstgtReplicaDisconnected", "replica_id", replica);
            for (int i = 0; i < cycles; i++) {
                Instant changed = Instant.now();
                istgt.apply("vol1 replica-disconnect " + replica);
                long seen = await(webhook, "firing", labels, changed);
                if (seen < 0) {
                    missed++;
                } else {
                    firing.add((double) seen);
                }
                changed = Instant.now();
                istgt.apply("vol1 replica-connect " + replica);
                seen = await(webhook, "resolved", labels, changed);
                if (seen < 0) {
                    missed++;
                } else {
                    resolved.add((double) seen);
                }
                log.info("cycle {}/{}: paged after {} ms, resolved after {} ms", i + 1, cycles,
                        firing.isEmpty() ? -1 : firing.getLast(), resolved.isEmpty() ? -1 : resolved.getLast());
                Thread.sleep(2_500 + random.nextInt((int) interval.toMillis()));
            }
        }
        Figures f = new Figures("pager", "emulator replica-disconnect to the webhook behind Alertmanager notified"
                + " (collector every " + interval.toMillis() + " ms, analytics exactly_once_v2, forwarder, Alertmanager"
                + " 0.25 group_wait 0s group_interval 1s); " + cycles + " disconnect/reconnect cycles");
        f.info("IstgtReplicaDisconnected notified firing p50", AlertLatencyBench.percentile(firing, 0.5), "ms");
        f.info("IstgtReplicaDisconnected notified firing p99", AlertLatencyBench.percentile(firing, 0.99), "ms");
        f.info("notified resolved (replica back) p50", AlertLatencyBench.percentile(resolved, 0.5), "ms");
        f.info("notified resolved (replica back) p99", AlertLatencyBench.percentile(resolved, 0.99), "ms");
        f.figure("notifications not received within " + WAIT.toSeconds() + " s", "0", missed, "notifications",
                Check.atMost(0));
        f.note("a resolved notification of a group that notified within the last group_interval (1 s) waits for"
                + " it: Alertmanager sends a group at most once per group_interval");
        f.note("load average at the end: " + LoadAverage.now());
        return f;
    }

    /** Millis from {@code changed} to the webhook receiving the notification, or -1 after {@link #WAIT}. */
    private static long await(AlertmanagerWebhook webhook, String status, Map<String, String> labels, Instant changed)
            throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            for (AlertmanagerWebhook.Notified n : webhook.matching(labels)) {
                if (n.status().equals(status) && n.receivedAt().isAfter(changed)) {
                    return Duration.between(changed, n.receivedAt()).toMillis();
                }
            }
            Thread.sleep(5);
        }
        log.warn("no {} notification of {} within {}", status, labels, WAIT);
        return -1;
    }

    private static Map<String, Object> forwarderSettings(Services services, AlertmanagerProcess alertmanager) {
        Map<String, Object> settings = new HashMap<>();
        settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, services.bootstrapServers());
        settings.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, services.registryUrl());
        settings.put(ForwarderConfig.ALERTMANAGER_URLS, alertmanager.url());
        settings.put(ForwarderConfig.GROUP_ID, "bench-pager-" + System.nanoTime());
        settings.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "10");
        return settings;
    }
}
