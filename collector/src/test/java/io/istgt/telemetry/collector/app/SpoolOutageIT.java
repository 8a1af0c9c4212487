package io.istgt.telemetry.collector.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.istgt.telemetry.schemas.ReplicaKey;
import io.istgt.telemetry.schemas.ReplicaStatus;
import io.istgt.telemetry.schemas.VolumeKey;
import io.istgt.telemetry.schemas.VolumeStatus;
import io.istgt.telemetry.sim.SimConfig;
import io.istgt.telemetry.sim.SimulatorCluster;
import io.istgt.telemetry.testsupport.ApicurioRegistry;
import io.istgt.telemetry.testsupport.Await;
import io.istgt.telemetry.testsupport.KafkaTestBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outage: a broker process stopped for minutes while a collector process polls many emulated istgts
 * every second, the collector killed with SIGKILL half-way through the outage and started again on the same
 * spool, and killed once more while it delivers the backlog; in the end every sequence number of every target of
 * the three collector runs is in the topic exactly once, in order per target. {@code -Distgt.it.outageSeconds=N} sets the outage (default 64 s;
 * the first collector is killed half-way through, once it says it is not ready),
 * {@code -Distgt.it.outageTargets=N} the number of istgts (default 60).
 */
class SpoolOutageIT {

    private static final Logger log = LoggerFactory.getLogger(SpoolOutageIT.class);
    private static final Duration OUTAGE = Duration.ofSeconds(Long.getLong("istgt.it.outageSeconds", 64));
    private static final int TARGETS = Integer.getInteger("istgt.it.outageTargets", 60);
    /** How long the drainer waits for a batch's acknowledgements before it reports the failure (SpoolDrainer). */
    private static final Duration NOT_READY_AFTER = Duration.ofSeconds(30);
    private static final String VOLUMES = "outage.volumes";
    private static final String REPLICAS = "outage.replicas";

    @TempDir
    Path dir;

    @Test
    void shouldDeliverEverySequenceNumberOfEveryTargetOnceInOrderAfterAnOutageWithAKillNine() throws Exception {
        String registry = ApicurioRegistry.shared().ccompatUrl();
        Path sockets = Files.createDirectories(dir.resolve("istgts"));
        try (KafkaTestBroker kafka = KafkaTestBroker.start(KafkaTestBroker.Kind.PROCESS);
             SimulatorCluster cluster = SimulatorCluster.start(sockets, TARGETS, SimConfig.builder()
                     .idleTimeout(Duration.ofMinutes(10)).rebuildTime(Duration.ofSeconds(5)).build())) {
            List<String> args = List.of("--socket-dir", sockets.toString(), "--interval", "1s",
                    "--bootstrap-servers", kafka.bootstrapServers(), "--schema-registry-url", registry,
                    "--volume-topic", VOLUMES, "--replica-topic", REPLICAS, "--spool-dir", dir.resolve("spool").toString(),
                    "--collector-id", "outage-it", "--shutdown-timeout", "60s");
            CollectorProcess first = CollectorProcess.start(args, dir.resolve("collector-1.log"), false);
            CollectorProcess second = null;
            CollectorProcess third = null;
            try {
                awaitMetric(first, "istgt_collector_records_sent_total", TARGETS * 3.0, Duration.ofSeconds(90));

                Instant outageStart = Instant.now();
                kafka.stop();
                log.info("broker stopped for {}", OUTAGE);
                // the outage is the thing under test: it lasts OUTAGE whatever the collector does meanwhile
                CollectorProcess.sleep(OUTAGE.toMillis() / 2);
                // the drainer reports the outage once its batch in flight has waited NOT_READY_AFTER: the kill
                // comes after that, so the restart also meets a spool whose last batch was reported failed
                CollectorProcess readiness = first;
                Await.atMost(NOT_READY_AFTER.multipliedBy(3)).every(Duration.ofMillis(250)).until(
                        () -> readiness.get("/readyz"), r -> r.startsWith("not ready: "),
                        r -> "the collector still says it is ready " + Duration.between(outageStart, Instant.now())
                                + " into the outage: " + r);
                double pollsBeforeKill = first.metric("istgt_collector_polls_total");
                double spooledBeforeKill = first.metric("istgt_collector_spool_records");
                first.kill9();
                log.info("collector killed with SIGKILL after {} polls, {} records spooled", pollsBeforeKill,
                        spooledBeforeKill);
                second = CollectorProcess.start(args, dir.resolve("collector-2.log"), false);
                // the rest of the outage, as above
                CollectorProcess.sleep(Math.max(0, OUTAGE.toMillis() - Duration.between(outageStart, Instant.now())
                        .toMillis()));
                Duration outage = Duration.between(outageStart, Instant.now());
                kafka.restart();
                log.info("broker back after {}", outage);

                Instant back = Instant.now();
                // and once more while the backlog is being delivered: records in flight, acknowledged or not
                awaitMetric(second, "istgt_collector_records_sent_total", v -> v > 0, Duration.ofMinutes(2), 50);
                double waitingAtSecondKill = second.metric("istgt_collector_spool_records");
                second.kill9();
                log.info("collector killed with SIGKILL again while delivering, {} records still in the spool",
                        waitingAtSecondKill);
                third = CollectorProcess.start(args, dir.resolve("collector-3.log"), false);
                awaitMetric(third, "istgt_collector_spool_records", m -> m == 0, Duration.ofMinutes(3));
                Duration drained = Duration.between(back, Instant.now());
                double found = third.metric("istgt_collector_spool_records_found_in_kafka_total");
                double dropped = third.metric("istgt_collector_records_dropped_total");
                // SIGTERM: the JVM exits with 143 once the shutdown hook (the clean stop) returns
                assertThat(third.stop(Duration.ofSeconds(90))).as("stopped by SIGTERM").isIn(0, 143);
                third = null;

                List<ConsumerRecord<VolumeKey, VolumeStatus>> volumes = TopicDump.read(kafka.bootstrapServers(),
                        registry, VOLUMES, VolumeKey.class, VolumeStatus.class, Duration.ofMinutes(2));
                List<ConsumerRecord<ReplicaKey, ReplicaStatus>> replicas = TopicDump.read(kafka.bootstrapServers(),
                        registry, REPLICAS, ReplicaKey.class, ReplicaStatus.class, Duration.ofMinutes(2));
                Figures figures = check(volumes, replicas, (long) pollsBeforeKill);
                assertThat(dropped).isZero();
                String report = "outage " + outage.toSeconds() + " s, " + TARGETS + " targets polled every 1 s,"
                        + " collector killed -9 during the outage after " + (long) pollsBeforeKill + " polls ("
                        + (long) spooledBeforeKill + " records in its spool) and again while delivering the backlog ("
                        + (long) waitingAtSecondKill + " records still in the spool); volume records"
                        + " expected " + figures.expected + ", received " + volumes.size() + ", duplicated "
                        + figures.duplicated + "; replica records received " + replicas.size() + ", duplicated "
                        + figures.replicaDuplicates + "; records in flight at the second kill found in Kafka (not"
                        + " resent) " + (long) found + "; the backlog was delivered " + drained.toSeconds()
                        + " s after the broker was back";
                log.info("FIGURES {}", report);
                Path figuresFile = Path.of("target", "reliability-figures", "outage.txt");
                Files.createDirectories(figuresFile.getParent());
                Files.writeString(figuresFile, report + "\n");
            } finally {
                first.close();
                if (second != null) {
                    second.close();
                }
                if (third != null) {
                    third.close();
                }
            }
        }
    }

    private record Figures(long expected, long duplicated, long replicaDuplicates) {
    }

    /**
     * Per target and run: sequences 1..last, each once; per key (a target's records of failed polls before its
     * first success are keyed by its name, the others by iqn) runs in start order and sequences ascending.
     */
    private static Figures check(List<ConsumerRecord<VolumeKey, VolumeStatus>> volumes,
                                 List<ConsumerRecord<ReplicaKey, ReplicaStatus>> replicas, long pollsBeforeKill) {
        Map<String, TreeMap<Long, List<Long>>> runs = new LinkedHashMap<>();
        Map<String, long[]> lastByKey = new HashMap<>();
        for (ConsumerRecord<VolumeKey, VolumeStatus> r : volumes) {
            var m = r.value().getMetadata();
            assertThat(m.getDroppedPolls()).as("nothing dropped").isEmpty();
            long run = m.getCollectorStartedAt().toEpochMilli();
            runs.computeIfAbsent(m.getTarget(), k -> new TreeMap<>()).computeIfAbsent(run, k -> new ArrayList<>())
                    .add(m.getSequence());
            long[] previous = lastByKey.put(r.key().getIqn(), new long[] {run, m.getSequence()});
            if (previous != null) {
                assertThat(run > previous[0] || (run == previous[0] && m.getSequence() > previous[1]))
                        .as("%s: run %d sequence %d after run %d sequence %d", r.key().getIqn(), run, m.getSequence(),
                                previous[0], previous[1]).isTrue();
            }
        }
        assertThat(runs).as("every target").hasSize(TARGETS);
        long expected = 0;
        long duplicated = 0;
        long firstRunPolls = 0;
        for (Map.Entry<String, TreeMap<Long, List<Long>>> e : runs.entrySet()) {
            assertThat(e.getValue()).as("%s: the three collector runs", e.getKey()).hasSize(3);
            for (Map.Entry<Long, List<Long>> run : e.getValue().entrySet()) {
                List<Long> seqs = run.getValue();
                long last = seqs.stream().mapToLong(Long::longValue).max().orElseThrow();
                Set<Long> unique = new HashSet<>(seqs);
                duplicated += seqs.size() - unique.size();
                assertThat(unique).as("%s run %d: every sequence number 1..%d", e.getKey(), run.getKey(), last)
                        .hasSize((int) last);
                expected += last;
            }
            firstRunPolls += e.getValue().firstEntry().getValue().stream().mapToLong(Long::longValue).max()
                    .orElseThrow();
        }
        assertThat(firstRunPolls).as("every poll the killed collector counted is there").isGreaterThanOrEqualTo(
                pollsBeforeKill);
        Map<String, Integer> replicaCounts = new HashMap<>();
        long replicaDuplicates = 0;
        for (ConsumerRecord<ReplicaKey, ReplicaStatus> r : replicas) {
            var m = r.value().getMetadata();
            String id = r.key().getIqn() + "/" + r.key().getReplicaId() + "/" + m.getCollectorStartedAt() + "/"
                    + m.getSequence();
            if (replicaCounts.merge(id, 1, Integer::sum) > 1) {
                replicaDuplicates++;
            }
        }
        assertThat(duplicated).as("volume records duplicated").isZero();
        assertThat(replicaDuplicates).as("replica records duplicated").isZero();
        assertThat((long) volumes.size()).as("one volume record per poll").isEqualTo(expected);
        return new Figures(expected, duplicated, replicaDuplicates);
    }

    private static void awaitMetric(CollectorProcess c, String name, double atLeast, Duration timeout)
            throws Exception {
        awaitMetric(c, name, v -> v >= atLeast, timeout);
    }

    private static void awaitMetric(CollectorProcess c, String name, java.util.function.DoublePredicate ok,
                                    Duration timeout) throws Exception {
        awaitMetric(c, name, ok, timeout, 500);
    }

    private static void awaitMetric(CollectorProcess c, String name, java.util.function.DoublePredicate ok,
                                    Duration timeout, long everyMillis) throws Exception {
        Await.atMost(timeout).every(Duration.ofMillis(everyMillis)).until(() -> c.metric(name), ok::test,
                v -> name + " is still " + v + ": " + c.tail());
    }
}
