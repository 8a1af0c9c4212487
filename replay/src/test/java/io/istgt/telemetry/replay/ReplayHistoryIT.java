package io.istgt.telemetry.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.istgt.telemetry.replay.cli.ReplaySettings;
import io.istgt.telemetry.replay.read.HistoryReader;
import io.istgt.telemetry.replay.read.KeyPartitioning;
import io.istgt.telemetry.replay.read.Progress;
import io.istgt.telemetry.replay.read.ReplayTopics;
import io.istgt.telemetry.schemas.ReplicaKey;
import io.istgt.telemetry.schemas.ReplicaStatus;
import io.istgt.telemetry.schemas.VolumeKey;
import io.istgt.telemetry.schemas.VolumeStatus;
import io.istgt.telemetry.schemas.history.HistoryBlocks;
import io.istgt.telemetry.schemas.serde.AvroSerdeConfig;
import io.istgt.telemetry.schemas.serde.AvroSerializer;
import io.istgt.telemetry.schemas.serde.SchemaRegistryClient;
import io.istgt.telemetry.testsupport.AcceptedSends;
import io.istgt.telemetry.testsupport.ApicurioRegistry;
import io.istgt.telemetry.testsupport.KafkaTestBroker;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/**
 * The replay of a window older than the live topics keep, against a real broker and registry: the incident of
 * {@link ScenarioHistory}, its start only in the history topics (blocks, one of each key repeating records as a
 * restarted writer's would), its end only in the live topics (as if retention had deleted the rest), and a
 * stretch between in both. Another volume follows the same layout.
 */
class ReplayHistoryIT {

    private static final String VOL2 = "iqn.2016-09.com.openebs.cstor:vol2";
    /** The live topics hold the polls from here on (seconds after t0): retention deleted those before. */
    private static final int LIVE_FROM = 400;
    /** The history topics hold the polls before this: the writer has not written the later ones yet. */
    private static final int HISTORY_UNTIL = 600;
    private static final int BLOCK_RECORDS = 8;
    /** The fourth block of each key starts this many records early: what a writer restarted mid-block writes. */
    private static final int REPEATED = 3;

    private static KafkaTestBroker broker;
    private static String registryUrl;
    private static Instant t0;
    private static List<ScenarioHistory.Poll> polls;

    @TempDir
    static Path dir;

    @BeforeAll
    static void publishHistoryAndLiveStretches() throws Exception {
        broker = KafkaTestBroker.start();
        registryUrl = ApicurioRegistry.shared().ccompatUrl();
        for (String topic : List.of("istgt.volume.status", "istgt.replica.status", "istgt.volume.history",
                "istgt.replica.history")) {
            broker.createTopic(topic, 3);
        }
        t0 = ScenarioHistory.incidentStart(Instant.now());
        polls = ScenarioHistory.polls(t0);
        Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<SpecificRecord, SpecificRecord> producer = new KafkaProducer<>(props, serializer(true),
                serializer(false))) {
            List<ProducerRecord<SpecificRecord, SpecificRecord>> volumeBlocks = new ArrayList<>();
            List<ProducerRecord<SpecificRecord, SpecificRecord>> replicaBlocks = new ArrayList<>();
            Map<VolumeKey, List<VolumeStatus>> volumeRuns = new LinkedHashMap<>();
            Map<ReplicaKey, List<ReplicaStatus>> replicaRuns = new LinkedHashMap<>();
            for (ScenarioHistory.Poll p : polls) {
                List<VolumeStatus> volumes = List.of(p.volume(),
                        VolumeStatus.newBuilder(p.volume()).setIqn(VOL2).build());
                if (secondsOf(p.volume()) < HISTORY_UNTIL) {
                    volumes.forEach(v -> volumeRuns.computeIfAbsent(new VolumeKey(v.getIqn()), k -> new ArrayList<>())
                            .add(v));
                    p.replicas().forEach(r -> replicaRuns.computeIfAbsent(new ReplicaKey(r.getIqn(), r.getReplicaId()),
                            k -> new ArrayList<>()).add(r));
                }
                if (secondsOf(p.volume()) >= LIVE_FROM) {
                    for (VolumeStatus v : volumes) {
                        AcceptedSends.sendAndAwait(producer, timestamped("istgt.volume.status",
                                new VolumeKey(v.getIqn()), v, v.getMetadata().getCollectedAt()));
                    }
                    for (ReplicaStatus r : p.replicas()) {
                        AcceptedSends.sendAndAwait(producer, timestamped("istgt.replica.status",
                                new ReplicaKey(r.getIqn(), r.getReplicaId()), r, r.getMetadata().getCollectedAt()));
                    }
                }
            }
            // a block's timestamp is its last record's collection time
            volumeRuns.forEach((key, run) -> blocks(run).forEach(b -> volumeBlocks.add(timestamped(
                    "istgt.volume.history", key, HistoryBlocks.volumeBlock(b),
                    b.getLast().getMetadata().getCollectedAt()))));
            replicaRuns.forEach((key, run) -> blocks(run).forEach(b -> replicaBlocks.add(timestamped(
                    "istgt.replica.history", key, HistoryBlocks.replicaBlock(b),
                    b.getLast().getMetadata().getCollectedAt()))));
            // a block is written when it closes: in its partition, in the order of the blocks' last records
            for (List<ProducerRecord<SpecificRecord, SpecificRecord>> blocks : List.of(volumeBlocks, replicaBlocks)) {
                blocks.sort(Comparator.comparing(ProducerRecord::timestamp));
                for (ProducerRecord<SpecificRecord, SpecificRecord> block : blocks) {
                    AcceptedSends.sendAndAwait(producer, block);
                }
            }
        }
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    @ParameterizedTest(name = "window +{0}s..+{1}s")
    @CsvSource({"0, 900", "100, 250", "350, 650", "450, 900"})
    void shouldDeliverEveryStatusRecordOfTheWindowOnceAndInOrder(int fromSeconds, int toSeconds) {
        Instant from = t0.plusSeconds(fromSeconds);
        Instant to = t0.plusSeconds(toSeconds);
        List<VolumeStatus> volumes = new ArrayList<>();
        List<ReplicaStatus> replicas = new ArrayList<>();

        withReader(null, reader -> {
            reader.volumes(StatusShapes.IQN, from, to, volumes::add);
            reader.replicas(StatusShapes.IQN, List.of("6161", "6162", "6163"), from, to, replicas::add);
        });

        assertThat(volumes).containsExactlyElementsOf(expectedVolumes(from, to));
        assertThat(byReplica(replicas)).isEqualTo(byReplica(expectedReplicas(from, to)));
    }

    @Test
    void shouldPrintATimelineOfTheWholeWindowFromBothTopics() {
        StringWriter err = new StringWriter();
        String text = replay(err);

        List<String> lines = text.lines().toList();
        // history only: rates from the blocks' counters, a replica's disconnection with its error, the outage, the gap
        assertThat(lines).anyMatch(l -> l.matches("  " + hms(0) + "  " + hms(300) + "  5m       Healthy\\s+20\\.00\\s+20\\.00.*"));
        assertThat(lines).anyMatch(l -> l.matches("    " + hms(130) + "  " + hms(210) + "  1m20s    disconnected\\s+errors: data conn \\+1"));
        assertThat(lines).anyMatch(l -> l.startsWith("  " + hms(300) + "  unreachable  ") && l.contains("5 failed polls"));
        assertThat(lines).anyMatch(l -> l.startsWith("  " + hms(370) + "  gap          no data") && l.contains("1 poll lost"));
        // both topics: the restart; live only: the Degraded stretch
        assertThat(lines).anyMatch(l -> l.startsWith("  " + hms(450) + "  restart"));
        assertThat(lines).anyMatch(l -> l.startsWith("  " + hms(520) + "  " + hms(580) + "  1m       Degraded"));
        // every record once: none skipped as out of order
        assertThat(lines).contains(String.format("read    %d volume records, %d replica records, 0 transitions, "
                + "0 alert changes; poll interval 10s", polls.size(), expectedReplicas(t0, t0.plusSeconds(910)).size()));
        // the progress shows the history topics like the others, and where the live ones start
        assertThat(err.toString()).contains("reading istgt.volume.history: 1 partition",
                "istgt.volume.status holds records from " + t0.plusSeconds(LIVE_FROM) + ": before that, reading "
                        + "istgt.volume.history", "reading istgt.replica.history: ");
    }

    @Test
    void shouldReadTheLiveTopicsOnlyWhenTheHistoryTopicsDoNotExist() throws Exception {
        Path config = dir.resolve("absent-history.properties");
        Files.writeString(config, "history.volume.topic=istgt.volume.history.absent\n"
                + "history.replica.topic=istgt.replica.history.absent\n");
        Instant to = t0.plusSeconds(910);
        List<VolumeStatus> volumes = new ArrayList<>();
        List<ReplicaStatus> replicas = new ArrayList<>();

        withReader(config, reader -> {
            reader.volumes(StatusShapes.IQN, t0, to, volumes::add);
            reader.replicas(StatusShapes.IQN, List.of("6161", "6162", "6163"), t0, to, replicas::add);
        });

        Instant liveFrom = t0.plusSeconds(LIVE_FROM);
        assertThat(volumes).containsExactlyElementsOf(expectedVolumes(liveFrom, to));
        assertThat(byReplica(replicas)).isEqualTo(byReplica(expectedReplicas(liveFrom, to)));
        StringWriter err = new StringWriter();
        assertThat(replay(err, "--config", config.toString())).contains(String.format(
                "read    %d volume records,", expectedVolumes(liveFrom, to).size()));
        assertThat(err.toString()).doesNotContain("reading istgt.volume.history");
        // looked for, not created
        assertThat(broker.admin().listTopics().names().get()).doesNotContain("istgt.volume.history.absent",
                "istgt.replica.history.absent");
    }

    /** The run's records of one key in blocks of BLOCK_RECORDS, the fourth starting REPEATED records early. */
    private static <V> List<List<V>> blocks(List<V> run) {
        List<List<V>> blocks = new ArrayList<>();
        for (int start = 0; start < run.size(); start += BLOCK_RECORDS) {
            int first = blocks.size() == 3 ? start - REPEATED : start;
            blocks.add(run.subList(first, Math.min(run.size(), start + BLOCK_RECORDS)));
        }
        return blocks;
    }

    private static ProducerRecord<SpecificRecord, SpecificRecord> timestamped(String topic, SpecificRecord key,
                                                                              SpecificRecord value, Instant at) {
        return new ProducerRecord<>(topic, null, at.toEpochMilli(), key, value);
    }

    private static long secondsOf(VolumeStatus v) {
        return Duration.between(t0, v.getMetadata().getCollectedAt()).toSeconds();
    }

    private static List<VolumeStatus> expectedVolumes(Instant from, Instant to) {
        return polls.stream().map(ScenarioHistory.Poll::volume)
                .filter(v -> within(v.getMetadata().getCollectedAt(), from, to)).toList();
    }

    private static List<ReplicaStatus> expectedReplicas(Instant from, Instant to) {
        return polls.stream().flatMap(p -> p.replicas().stream())
                .filter(r -> within(r.getMetadata().getCollectedAt(), from, to)).toList();
    }

    private static boolean within(Instant at, Instant from, Instant to) {
        return !at.isBefore(from) && !at.isAfter(to);
    }

    /** Each replica's records in the order delivered: the order that counts is per replica. */
    private static Map<String, List<ReplicaStatus>> byReplica(List<ReplicaStatus> records) {
        return records.stream().collect(Collectors.groupingBy(ReplicaStatus::getReplicaId, Collectors.toList()));
    }

    private static void withReader(Path config, java.util.function.Consumer<HistoryReader> use) {
        // a null config is no --config file: the replay's defaults
        Map<String, String> fileKeys = config == null ? Map.of() : io.istgt.telemetry.options.ConfigFile.read(config,
                "--config", java.util.List.of(), ReplaySettings.FILE_KEYS).others();
        ReplaySettings settings = ReplaySettings.of(fileKeys, broker.bootstrapServers(), registryUrl);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(settings.consumer());
             SchemaRegistryClient registry = settings.serde().createClient()) {
            use.accept(new HistoryReader(consumer, registry, ReplayTopics.of(settings.analytics()),
                    KeyPartitioning.DEFAULT, Progress.silent(), Clock.systemUTC(), Duration.ofSeconds(30),
                    HistoryReader.historyBlockLateness(settings.analytics())));
        }
    }

    /** The replay of the whole incident on the command line, with its progress on {@code err}. */
    private static String replay(StringWriter err, String... extra) {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new ReplayMain());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        List<String> args = new ArrayList<>(List.of("--bootstrap-servers", broker.bootstrapServers(),
                "--schema-registry-url", registryUrl, "--iqn", StatusShapes.IQN, "--from", t0.toString(),
                "--to", t0.plusSeconds(910).toString(), "--zone", "UTC"));
        args.addAll(List.of(extra));
        int exit = cli.execute(args.toArray(String[]::new));
        assertThat(exit).as("exit code; stderr:%n%s", err).isZero();
        return out.toString();
    }

    private static String hms(int seconds) {
        return t0.plusSeconds(seconds).toString().substring(11, 19);
    }

    private static <T extends SpecificRecord> AvroSerializer<T> serializer(boolean key) {
        AvroSerializer<T> s = new AvroSerializer<>();
        s.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registryUrl), key);
        return s;
    }
}
