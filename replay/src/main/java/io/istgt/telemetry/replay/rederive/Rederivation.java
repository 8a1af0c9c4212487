package io.istgt.telemetry.replay.rederive;

import io.istgt.telemetry.analytics.AnalyticsConfig;
import io.istgt.telemetry.analytics.topology.AlertTopology;
import io.istgt.telemetry.analytics.topology.TopicSerdes;
import io.istgt.telemetry.schemas.Alert;
import io.istgt.telemetry.schemas.AlertKey;
import io.istgt.telemetry.schemas.ReplicaKey;
import io.istgt.telemetry.schemas.ReplicaStatus;
import io.istgt.telemetry.schemas.VolumeKey;
import io.istgt.telemetry.schemas.VolumeStatus;
import io.istgt.telemetry.schemas.serde.InMemorySchemaRegistryClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * Runs the analytics' own topology ({@link AlertTopology#build}, the code the live app runs) over recorded
 * status records, offline: in a TopologyTestDriver, with an in-memory schema registry and a temporary state
 * directory, so it touches no topic and no registry and leaves no consumer group. The wall clock moves with
 * the records' event time, so the silence rule sees the pauses the history has.
 *
 * <p>Feed the volume's records in event-time order ({@link #volume}), then its replicas' ({@link #replica}):
 * the volume and replica rules keep separate state, and only the volume rules read the wall clock.
 */
public final class Rederivation implements AutoCloseable {

    private static final int DRAIN_EVERY = 1_000;

    private final AnalyticsConfig config;
    private final Path stateDir;
    private final Instant showFrom;
    private final Instant showTo;
    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    private final List<Alert> alerts = new ArrayList<>();
    private TopologyTestDriver driver;
    private TestInputTopic<VolumeKey, VolumeStatus> volumes;
    private TestInputTopic<ReplicaKey, ReplicaStatus> replicas;
    private List<TestOutputTopic<?, ?>> discarded;
    private TestOutputTopic<AlertKey, Alert> alertTopic;
    private Instant wallClock;
    private Instant lastVolumeArrival;
    private long piped;

    /**
     * @param showFrom alerts before this (raised while warming up) are not reported
     * @param showTo   alerts after this are not reported
     */
    public Rederivation(AnalyticsConfig config, Instant showFrom, Instant showTo) {
        this.config = config;
        this.showFrom = showFrom;
        this.showTo = showTo;
        try {
            this.stateDir = Files.createTempDirectory("istgt-replay-rederive-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary state directory for --rederive", e);
        }
    }

    public void volume(VolumeStatus v) {
        Instant at = v.getMetadata().getCollectedAt();
        start(at);
        advanceTo(at);
        volumes.pipeInput(new VolumeKey(v.getIqn()), v, at);
        lastVolumeArrival = wallClock;
        drainSometimes();
    }

    public void replica(ReplicaStatus r) {
        Instant at = r.getMetadata().getCollectedAt();
        start(at);
        replicas.pipeInput(new ReplicaKey(r.getIqn(), r.getReplicaId()), r, at);
        drainSometimes();
    }

    /**
     * Lets the wall clock run to the end of the window (a target silent at the end is noticed there too) and
     * returns the alerts of the window, in event-time order.
     */
    public List<Alert> finish() {
        if (driver == null) {
            return List.of();
        }
        advanceTo(showTo);
        drain();
        return alerts.stream().sorted(Comparator.comparing(Alert::getEventAt)).toList();
    }

    /**
     * Moves the wall clock to {@code target}. A long pause is crossed in two steps, the first ending exactly
     * when the silence rule's deadline passes, so TARGET_SILENT fires when the live app's check would have.
     */
    private void advanceTo(Instant target) {
        if (!target.isAfter(wallClock)) {
            return;
        }
        if (lastVolumeArrival != null) {
            Instant silentAt = lastVolumeArrival.plus(config.silentAfter());
            if (silentAt.isAfter(wallClock) && silentAt.isBefore(target)) {
                driver.advanceWallClockTime(Duration.between(wallClock, silentAt));
                wallClock = silentAt;
            }
        }
        driver.advanceWallClockTime(Duration.between(wallClock, target));
        wallClock = target;
    }

    private void start(Instant at) {
        if (driver != null) {
            return;
        }
        TopicSerdes serdes = TopicSerdes.over(registry, Map.of());
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "istgt-replay-rederive");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "offline:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(AlertTopology.build(config, serdes), props, at);
        wallClock = at;
        volumes = driver.createInputTopic(config.getString(AnalyticsConfig.VOLUME_TOPIC),
                serdes.volumeKey().serializer(), serdes.volumeStatus().serializer());
        replicas = driver.createInputTopic(config.getString(AnalyticsConfig.REPLICA_TOPIC),
                serdes.replicaKey().serializer(), serdes.replicaStatus().serializer());
        alertTopic = driver.createOutputTopic(config.getString(AnalyticsConfig.ALERTS_TOPIC),
                serdes.alertKey().deserializer(), serdes.alert().deserializer());
        discarded = List.of(
                driver.createOutputTopic(config.getString(AnalyticsConfig.ACTIVE_ALERTS_TOPIC),
                        serdes.alertKey().deserializer(), serdes.alert().deserializer()),
                driver.createOutputTopic(config.getString(AnalyticsConfig.TRANSITIONS_TOPIC),
                        serdes.replicaKey().deserializer(), serdes.replicaTransition().deserializer()),
                driver.createOutputTopic(config.getString(AnalyticsConfig.VOLUME_TRANSITIONS_TOPIC),
                        serdes.volumeKey().deserializer(), serdes.volumeTransition().deserializer()));
    }

    private void drainSometimes() {
        if (++piped % DRAIN_EVERY == 0) {
            drain();
        }
    }

    /** The driver keeps every output record until read: read them, keeping only the window's alerts. */
    private void drain() {
        for (TestRecord<AlertKey, Alert> record : alertTopic.readRecordsToList()) {
            Instant at = record.value().getEventAt();
            if (!at.isBefore(showFrom) && !at.isAfter(showTo)) {
                alerts.add(record.value());
            }
        }
        discarded.forEach(TestOutputTopic::readRecordsToList);
    }

    @Override
    public void close() {
        try {
            if (driver != null) {
                driver.close();
            }
        } finally {
            registry.close();
            deleteRecursively(stateDir);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the re-derivation's state directory " + dir, e);
        }
    }
}
