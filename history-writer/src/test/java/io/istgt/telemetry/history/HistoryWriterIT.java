package io.istgt.telemetry.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.istgt.telemetry.schemas.ReplicaKey;
import io.istgt.telemetry.schemas.ReplicaStatus;
import io.istgt.telemetry.schemas.ReplicaStatusBlock;
import io.istgt.telemetry.schemas.VolumeKey;
import io.istgt.telemetry.schemas.VolumeStatus;
import io.istgt.telemetry.schemas.VolumeStatusBlock;
import io.istgt.telemetry.schemas.history.HistoryBlocks;
import io.istgt.telemetry.schemas.serde.AvroDeserializer;
import io.istgt.telemetry.schemas.serde.AvroSerdeConfig;
import io.istgt.telemetry.schemas.serde.AvroSerializer;
import io.istgt.telemetry.schemas.serde.SchemaRegistryClient;
import io.istgt.telemetry.testrecords.StatusRecords;
import io.istgt.telemetry.testsupport.AcceptedSends;
import io.istgt.telemetry.testsupport.ApicurioRegistry;
import io.istgt.telemetry.testsupport.Await;
import io.istgt.telemetry.testsupport.KafkaTestBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The history writer on a real broker and registry: every status record reaches the history topics once, in
 * blocks of its own key in the order sent; a crash repeats some records but loses none.
 */
class HistoryWriterIT {

    private static final int POLLS = 130;
    private static final int BLOCK = 60;
    private static final List<String> IQNS = List.of("iqn.2016-09.com.openebs.cstor:a", "iqn.2016-09.com.openebs.cstor:b",
            "iqn.2016-09.com.openebs.cstor:c");
    private static final List<String> REPLICAS = List.of("6161", "6162");
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    private static KafkaTestBroker broker;
    private static ApicurioRegistry registry;
    private static int run;

    @BeforeAll
    static void startCluster() {
        broker = KafkaTestBroker.start();
        registry = ApicurioRegistry.shared();
    }

    @AfterAll
    static void stopCluster() {
        broker.close();
    }

    @Test
    void everyRecordReachesTheHistoryOnceInBlocksOfItsKeyPastARecordThatDoesNotDecode() throws Exception {
        Topics topics = topics();
        Input input = input(hoursAgo(3), 0, POLLS);
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            send(producer, topics, input.volumes().subList(0, 70), input.replicas().subList(0, 140));
            AcceptedSends.sendAndAwait(producer, new ProducerRecord<>(topics.volumeLive,
                    serialize(topics.volumeLive, new VolumeKey(IQNS.get(0)), true), new byte[] {0, 0, 0, 0, 1, 2, 3}));
            send(producer, topics, input.volumes().subList(70, input.volumes().size()),
                    input.replicas().subList(140, input.replicas().size()));
        }

        try (SchemaRegistryClient client = registryClient();
             HistoryWriter writer = HistoryWriter.start(config(topics, Duration.ofSeconds(1)), settings(topics), client)) {
            History history = readUntil(topics, input.volumes().size(), input.replicas().size());

            assertThat(history.volumes()).isEqualTo(byKey(input.volumes(), VolumeStatus::getIqn));
            assertThat(history.replicas()).isEqualTo(byKey(input.replicas(), r -> r.getIqn() + "/" + r.getReplicaId()));
            // three blocks per key: 60, 60 and the last 10 written once the key fell silent
            assertThat(history.volumeBlockSizes()).hasSize(IQNS.size() * 3).allMatch(n -> n <= BLOCK);
            assertThat(history.repeated()).isZero();
        }
    }

    @Test
    void aCrashRepeatsSomeRecordsButLosesNone() throws Exception {
        Topics topics = topics();
        Instant start = hoursAgo(2);
        Input before = input(start, 0, POLLS);
        Input after = input(start, POLLS, 100);
        try (KafkaProducer<byte[], byte[]> producer = producer(); SchemaRegistryClient client = registryClient()) {
            send(producer, topics, before.volumes(), before.replicas());
            // Idle blocks never close: at the crash each key has 10 records in an open block, read but not written.
            Process first = WriterProcess.start(config(topics, Duration.ofHours(1)), crashable(settings(topics)),
                    Path.of("target", "crashed-history-writer.log"));
            try {
                readUntil(topics, IQNS.size() * 2 * BLOCK, IQNS.size() * REPLICAS.size() * 2 * BLOCK);
                awaitCommittedUpToOpenBlocks(topics);
            } finally {
                first.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // kill -9
            }

            send(producer, topics, after.volumes(), after.replicas());
            try (HistoryWriter second = HistoryWriter.start(config(topics, Duration.ofSeconds(1)), settings(topics),
                    client)) {
                List<VolumeStatus> volumes = new ArrayList<>(before.volumes());
                volumes.addAll(after.volumes());
                List<ReplicaStatus> replicas = new ArrayList<>(before.replicas());
                replicas.addAll(after.replicas());

                History history = readUntil(topics, volumes.size(), replicas.size());

                assertThat(history.volumes()).isEqualTo(byKey(volumes, VolumeStatus::getIqn));
                assertThat(history.replicas()).isEqualTo(byKey(replicas, r -> r.getIqn() + "/" + r.getReplicaId()));
            }
        }
    }

    @Test
    void aRegistryOutageHoldsTheHistoryBackAndLosesNothing() throws Exception {
        Topics topics = topics();
        Input input = input(hoursAgo(1), 0, 70);
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            send(producer, topics, input.volumes(), input.replicas());
        }
        try (RegistryGate gate = new RegistryGate(registry.httpPort())) {
            Map<String, Object> settings = new HashMap<>(settings(topics));
            settings.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, gate.url(registry.ccompatUrl()));
            try (SchemaRegistryClient client = new AvroSerdeConfig(settings).createClient();
                 HistoryWriter writer = HistoryWriter.start(config(topics, Duration.ofSeconds(1)), settings, client)) {
                // down from the start: the writer cannot decode a record; it must try again, not skip them
                gate.awaitRefused(3);
                gate.open();

                History history = readUntil(topics, input.volumes().size(), input.replicas().size());

                assertThat(history.volumes()).isEqualTo(byKey(input.volumes(), VolumeStatus::getIqn));
                assertThat(history.replicas()).isEqualTo(byKey(input.replicas(), r -> r.getIqn() + "/" + r.getReplicaId()));
                assertThat(history.repeated()).isZero();
            }
        }
    }

    @Test
    void aRegistryOutageWhileBlocksAreSentIsReportedAndEveryRecordStillReachesTheHistoryOnce() throws Exception {
        Topics topics = topics();
        Input input = input(hoursAgo(1), 0, POLLS);
        int volumesPerPoll = IQNS.size();
        int replicasPerPoll = IQNS.size() * REPLICAS.size();
        Progress progress = new Progress();
        HistoryWriterHealth health = new HistoryWriterHealth(InstantSource.system(), Duration.ofMinutes(5));
        try (KafkaProducer<byte[], byte[]> producer = producer(); RegistryGate gate = new RegistryGate(registry.httpPort())) {
            gate.open();
            Map<String, Object> settings = new HashMap<>(settings(topics));
            settings.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, gate.url(registry.ccompatUrl()));
            // Idle blocks never close: only full ones are sent while the test runs, the rest at the graceful close.
            try (SchemaRegistryClient client = new AvroSerdeConfig(settings).createClient();
                 HistoryWriter writer = HistoryWriter.start(config(topics, Duration.ofHours(1)), settings, client,
                         HistoryWriterListener.all(health, progress))) {
                // given a writer that has sent the first volume blocks, and read replica records but sent none
                send(producer, topics, input.volumes().subList(0, 70 * volumesPerPoll),
                        input.replicas().subList(0, 20 * replicasPerPoll));
                Await.atMost(DEADLINE).until(() -> progress.blocks.getOrDefault(topics.volumeHistory(), 0) == IQNS.size()
                                && progress.read.getOrDefault(topics.replicaLive(), 0) == 20 * replicasPerPoll,
                        () -> "the first volume blocks written and the replica records read: " + progress);

                // when the registry goes away as the first replica blocks close
                gate.shut();
                send(producer, topics, input.volumes().subList(70 * volumesPerPoll, 100 * volumesPerPoll),
                        input.replicas().subList(20 * replicasPerPoll, 100 * replicasPerPoll));

                // then readiness says what is retried, and the writer reads no further while blocks wait
                String notReady = Await.atMost(DEADLINE).until(() -> health.notReadyReason().orElse(""),
                        why -> why.contains("cannot send a block of") && why.contains(topics.replicaHistory()),
                        why -> "readiness to say the replica blocks cannot be sent; it says '" + why + "'");
                assertThat(notReady).startsWith("the history writer is retrying since ");
                assertThat(progress.failures.getOrDefault(WriterFailure.Kind.REGISTRY, 0)).isPositive();
                assertThat(progress.blocks.getOrDefault(topics.replicaHistory(), 0)).isZero();
                send(producer, topics, input.volumes().subList(100 * volumesPerPoll, input.volumes().size()),
                        input.replicas().subList(100 * replicasPerPoll, input.replicas().size()));
                Await.atMost(DEADLINE).until(() -> progress.behind.getOrDefault(topics.volumeLive(), 0L)
                                >= 30 * volumesPerPoll && progress.behind.getOrDefault(topics.replicaLive(), 0L)
                                >= 30 * replicasPerPoll,
                        () -> "the records sent during the outage reported behind: " + progress);
                assertThat(health.alive()).isTrue();

                // and once the registry is back, the writer says it is well again
                gate.open();
                Await.atMost(DEADLINE.multipliedBy(2)).until(() -> health.notReadyReason().isEmpty(),
                        () -> "ready again after the outage; readiness says " + health.notReadyReason());
                assertThat(progress.recoveries.get()).isEqualTo(1);
                // ready is not caught up: the close below writes the open blocks of what the writer has read, so
                // it must have read every record first (on a busy machine that takes a while after the outage)
                Await.atMost(DEADLINE.multipliedBy(2)).until(
                        () -> progress.behind.getOrDefault(topics.volumeLive(), -1L) == 0
                                && progress.behind.getOrDefault(topics.replicaLive(), -1L) == 0,
                        () -> "every record read after the outage: " + progress);
            }
            // closed gracefully: the open blocks are written

            History history = readUntil(topics, input.volumes().size(), input.replicas().size());

            assertThat(history.volumes()).isEqualTo(byKey(input.volumes(), VolumeStatus::getIqn));
            assertThat(history.replicas()).isEqualTo(byKey(input.replicas(), r -> r.getIqn() + "/" + r.getReplicaId()));
            assertThat(history.repeated()).as("records written twice").isZero();
            assertThat(health.notReadyReason()).contains("the history writer is stopped");
        }
    }

    @Test
    void anUnexpectedErrorStopsTheWriterAndItsHealthSaysWhyAndThatItIsNoLongerAlive() throws Exception {
        Topics topics = topics();
        Input input = input(hoursAgo(1), 0, 5);
        HistoryWriterHealth health = new HistoryWriterHealth(InstantSource.system(), Duration.ofMinutes(5));
        // A bug stands in for any: an exception the writer does not expect, thrown on its thread.
        HistoryWriterListener bug = new HistoryWriterListener() {
            @Override
            public void recordsRead(String liveTopic, int records) {
                throw new IllegalStateException("a bug met at " + liveTopic);
            }
        };
        try (KafkaProducer<byte[], byte[]> producer = producer(); SchemaRegistryClient client = registryClient();
             HistoryWriter writer = HistoryWriter.start(config(topics, Duration.ofSeconds(1)), settings(topics), client,
                     HistoryWriterListener.all(health, bug))) {
            send(producer, topics, input.volumes(), input.replicas());

            Await.atMost(DEADLINE).until(() -> !health.alive(),
                    () -> "the writer stopped and not alive; readiness says " + health.notReadyReason());

            assertThat(health.notReadyReason()).hasValueSatisfying(why -> assertThat(why)
                    .startsWith("the history writer stopped on an unexpected error (IllegalStateException: a bug met at ")
                    .endsWith("); it writes no history until the program restarts"));
        }
    }

    /** What the writer told, counted: records read, blocks written and records behind by topic, failures by kind. */
    private static final class Progress implements HistoryWriterListener {
        final Map<String, Integer> read = new ConcurrentHashMap<>();
        final Map<String, Integer> blocks = new ConcurrentHashMap<>();
        final Map<String, Long> behind = new ConcurrentHashMap<>();
        final Map<WriterFailure.Kind, Integer> failures = new ConcurrentHashMap<>();
        final AtomicInteger recoveries = new AtomicInteger();

        @Override
        public void recordsRead(String liveTopic, int records) {
            read.merge(liveTopic, records, Integer::sum);
        }

        @Override
        public void blockWritten(String historyTopic, int records) {
            blocks.merge(historyTopic, 1, Integer::sum);
        }

        @Override
        public void recordsBehind(String liveTopic, long records) {
            behind.put(liveTopic, records);
        }

        @Override
        public void retrying(WriterFailure failure) {
            failures.merge(failure.kind(), 1, Integer::sum);
        }

        @Override
        public void recovered() {
            recoveries.incrementAndGet();
        }

        @Override
        public String toString() {
            return "read " + read + ", blocks written " + blocks + ", behind " + behind + ", failures " + failures;
        }
    }

    /** A killed writer's partitions go to the next one once its session times out: 6 s here, not Kafka's 45. */
    private static Map<String, Object> crashable(Map<String, Object> settings) {
        Map<String, Object> s = new HashMap<>(settings);
        s.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 6_000);
        s.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 1_500);
        return s;
    }

    /**
     * Waits until the writer's group has committed each live partition up to the first record of its oldest open
     * block, and each partition without one to its end: as far as the writer may commit before the crash, seen
     * through the broker as an operator would see it.
     */
    private static void awaitCommittedUpToOpenBlocks(Topics topics) throws Exception {
        Map<TopicPartition, Long> expected = firstOpenOffsets(topics);
        try (Admin admin = broker.admin()) {
            Await.atMost(DEADLINE).every(Duration.ofMillis(200)).until(() -> {
                Map<TopicPartition, Long> committed = new HashMap<>();
                admin.listConsumerGroupOffsets(topics.group()).partitionsToOffsetAndMetadata().get()
                        .forEach((tp, offset) -> {
                            if (offset != null) {
                                committed.put(tp, offset.offset());
                            }
                        });
                return committed;
            }, expected::equals, committed -> "the writer's commits " + expected + "; committed " + committed);
        }
    }

    /**
     * Per live partition, the offset of the first record of a block that stays open (each key's record
     * 2 * BLOCK + 1: idle blocks never close), the earliest of its keys'; the end offset where no key has one.
     */
    private static Map<TopicPartition, Long> firstOpenOffsets(Topics topics) {
        Map<TopicPartition, Long> firstOpen = new HashMap<>();
        Map<SpecificRecord, Integer> recordsOfKey = new HashMap<>();
        try (KafkaConsumer<SpecificRecord, SpecificRecord> consumer = consumer()) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of(topics.volumeLive(), topics.replicaLive())) {
                consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            firstOpen.putAll(end);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                for (ConsumerRecord<SpecificRecord, SpecificRecord> record : consumer.poll(Duration.ofMillis(200))) {
                    if (recordsOfKey.merge(record.key(), 1, Integer::sum) == 2 * BLOCK + 1) {
                        firstOpen.merge(new TopicPartition(record.topic(), record.partition()), record.offset(),
                                Math::min);
                    }
                }
            }
        }
        return firstOpen;
    }

    /** Past, as a collector's records are: a broker refuses records timestamped over an hour ahead. */
    private static Instant hoursAgo(int hours) {
        return Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).minus(Duration.ofHours(hours));
    }

    /** Each test its own topics and writer group, on the one broker. */
    private record Topics(String volumeLive, String replicaLive, String volumeHistory, String replicaHistory,
                          String group) {
    }

    private static Topics topics() {
        int n = ++run;
        Topics t = new Topics("volume.status." + n, "replica.status." + n, "volume.history." + n,
                "replica.history." + n, "history-writer-" + n);
        broker.createTopic(t.volumeLive(), 2);
        broker.createTopic(t.replicaLive(), 3);
        broker.createTopic(t.volumeHistory(), 2);
        broker.createTopic(t.replicaHistory(), 2);
        return t;
    }

    private record Input(List<VolumeStatus> volumes, List<ReplicaStatus> replicas) {
    }

    /** Polls of every volume a second apart, counters growing, a volume unreachable now and then. */
    private static Input input(Instant start, int firstPoll, int polls) {
        List<VolumeStatus> volumes = new ArrayList<>();
        List<ReplicaStatus> replicas = new ArrayList<>();
        for (int i = firstPoll; i < firstPoll + polls; i++) {
            Instant at = start.plusSeconds(i);
            for (String iqn : IQNS) {
                VolumeStatus v = i % 17 == 5 ? StatusRecords.unreachable(at)
                        : StatusRecords.volume(at, "Healthy", Map.of("6161", "Healthy", "6162", "Healthy"), 100 + i,
                        i / 7, i / 7, "collector-a", i + 1);
                volumes.add(VolumeStatus.newBuilder(v).setIqn(iqn).build());
                for (String id : REPLICAS) {
                    ReplicaStatus r = StatusRecords.replica(at, id, i / 50, i / 40, 100 + i, i % 3, 1000L + 17L * i,
                            5_000_000L * i);
                    replicas.add(ReplicaStatus.newBuilder(r).setIqn(iqn).build());
                }
            }
        }
        return new Input(volumes, replicas);
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, Topics topics, List<VolumeStatus> volumes,
                             List<ReplicaStatus> replicas) throws Exception {
        AcceptedSends sends = new AcceptedSends("the live status records");
        for (VolumeStatus v : volumes) {
            sends.send(producer, new ProducerRecord<>(topics.volumeLive(), null, v.getMetadata().getCollectedAt().toEpochMilli(),
                    serialize(topics.volumeLive(), new VolumeKey(v.getIqn()), true), serialize(topics.volumeLive(), v, false)));
        }
        for (ReplicaStatus r : replicas) {
            sends.send(producer, new ProducerRecord<>(topics.replicaLive(), null, r.getMetadata().getCollectedAt().toEpochMilli(),
                    serialize(topics.replicaLive(), new ReplicaKey(r.getIqn(), r.getReplicaId()), true),
                    serialize(topics.replicaLive(), r, false)));
        }
        sends.awaitAccepted();
    }

    /** What the history topics hold, decoded, per key; records repeated after a crash counted and left out. */
    private record History(Map<String, List<VolumeStatus>> volumes, Map<String, List<ReplicaStatus>> replicas,
                           List<Integer> volumeBlockSizes, int repeated) {
    }

    private static History readUntil(Topics topics, int volumeRecords, int replicaRecords) {
        Map<String, List<VolumeStatus>> volumes = new LinkedHashMap<>();
        Map<String, List<ReplicaStatus>> replicas = new LinkedHashMap<>();
        List<Integer> volumeBlockSizes = new ArrayList<>();
        int repeated = 0;
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        try (KafkaConsumer<SpecificRecord, SpecificRecord> consumer = consumer()) {
            consumer.subscribe(List.of(topics.volumeHistory(), topics.replicaHistory()));
            while (count(volumes) < volumeRecords || count(replicas) < replicaRecords) {
                assertThat(System.nanoTime()).as("history complete within %s: %s of %s volume records, %s of %s"
                        + " replica records", DEADLINE, count(volumes), volumeRecords, count(replicas), replicaRecords)
                        .isLessThan(deadline);
                for (ConsumerRecord<SpecificRecord, SpecificRecord> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() instanceof VolumeStatusBlock block) {
                        volumeBlockSizes.add(block.getRecords().size());
                        repeated += append(volumes, ((VolumeKey) record.key()).getIqn(), HistoryBlocks.volumes(block),
                                v -> v.getMetadata().getCollectedAt());
                    } else {
                        ReplicaKey key = (ReplicaKey) record.key();
                        repeated += append(replicas, key.getIqn() + "/" + key.getReplicaId(),
                                HistoryBlocks.replicas((ReplicaStatusBlock) record.value()),
                                r -> r.getMetadata().getCollectedAt());
                    }
                }
            }
        }
        return new History(volumes, replicas, volumeBlockSizes, repeated);
    }

    /** Appends what is later than the key's last record, as a reader of the history does; returns the rest's count. */
    private static <V> int append(Map<String, List<V>> byKey, String key, List<V> block,
                                  java.util.function.Function<V, Instant> collectedAt) {
        List<V> records = byKey.computeIfAbsent(key, k -> new ArrayList<>());
        int repeated = 0;
        for (V record : block) {
            if (!records.isEmpty() && !collectedAt.apply(record).isAfter(collectedAt.apply(records.getLast()))) {
                repeated++;
            } else {
                records.add(record);
            }
        }
        return repeated;
    }

    private static int count(Map<String, ? extends List<?>> byKey) {
        return byKey.values().stream().mapToInt(List::size).sum();
    }

    private static <V> Map<String, List<V>> byKey(List<V> records, java.util.function.Function<V, String> key) {
        Map<String, List<V>> out = new LinkedHashMap<>();
        records.forEach(r -> out.computeIfAbsent(key.apply(r), k -> new ArrayList<>()).add(r));
        return out;
    }

    /** The test's topics and group, blocks of BLOCK records, the product's default span (10 min) and the idle time given. */
    private static HistorySettings config(Topics topics, Duration idle) {
        return new HistorySettings(HistoryKind.volumes(topics.volumeLive(), topics.volumeHistory()),
                HistoryKind.replicas(topics.replicaLive(), topics.replicaHistory()),
                new BlockLimits(BLOCK, Duration.ofMinutes(10), idle), topics.group());
    }

    private static Map<String, Object> settings(Topics topics) {
        Map<String, Object> s = new HashMap<>();
        s.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        s.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.ccompatUrl());
        return s;
    }

    private static SchemaRegistryClient registryClient() {
        return new AvroSerdeConfig(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.ccompatUrl())).createClient();
    }

    private static KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static <T extends SpecificRecord> byte[] serialize(String topic, T record, boolean isKey) {
        try (AvroSerializer<T> serializer = new AvroSerializer<>()) {
            serializer.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.ccompatUrl()), isKey);
            return serializer.serialize(topic, record);
        }
    }

    private static KafkaConsumer<SpecificRecord, SpecificRecord> consumer() {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + System.nanoTime());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        AvroDeserializer<SpecificRecord> keys = new AvroDeserializer<>();
        keys.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.ccompatUrl()), true);
        AvroDeserializer<SpecificRecord> values = new AvroDeserializer<>();
        values.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.ccompatUrl()), false);
        return new KafkaConsumer<>(props, keys, values);
    }
}
