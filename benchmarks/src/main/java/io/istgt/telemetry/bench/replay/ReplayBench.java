package io.istgt.telemetry.bench.replay;

import io.istgt.telemetry.analytics.AnalyticsApp;
import io.istgt.telemetry.analytics.AnalyticsConfig;
import io.istgt.telemetry.bench.Args;
import io.istgt.telemetry.bench.proc.Services;
import io.istgt.telemetry.bench.report.Figures;
import io.istgt.telemetry.bench.report.Figures.Check;
import io.istgt.telemetry.collector.kafka.ProducerSettings;
import io.istgt.telemetry.collector.publish.OutboundRecord;
import io.istgt.telemetry.collector.publish.RecordStream;
import io.istgt.telemetry.schemas.serde.AvroDeserializer;
import io.istgt.telemetry.schemas.serde.AvroSerdeConfig;
import io.istgt.telemetry.schemas.serde.AvroSerializer;
import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Benchmark 5: the analytics reprocessing the status topics from the start (a fresh application.id)
 * until its consumer lag is 0, in records per second, against a plain consumer that only reads and decodes
 * (the project's {@link AvroDeserializer}) the same records, in the same run. Target: ratio at least 0.5.
 *
 * <p>The records (default 5,000,000: volume and replica records of realistic snapshots, see
 * {@link RecordGenerator}) are produced with the collector's producer settings and the project's serializer.
 *
 * <p>The analytics runs twice, each time with a fresh application.id from the start: with its defaults (what a
 * live analytics runs: commits every 100 ms), then with {@link AnalyticsApp#REPLAY_PROFILE}; the target is
 * checked on the replay profile, the defaults' ratio is reported beside it.
 *
 * <p>Options: {@code --records} (5000000), {@code --volumes} (2000), {@code --kafka} (process),
 * {@code --analytics-config KEY=VALUE,...} (extra analytics / Kafka Streams settings for both runs, none by
 * default).
 */
public final class ReplayBench {

    private static final Logger log = LoggerFactory.getLogger(ReplayBench.class);
    private static final String VOLUME_TOPIC = "bench.replay.volume.status";
    private static final String REPLICA_TOPIC = "bench.replay.replica.status";
    private static final int PARTITIONS = 6;

    private ReplayBench() {
    }

    public static Figures run(Args args) throws Exception {
        long records = args.integer("records", 5_000_000);
        int volumes = args.integer("volumes", 2000);
        String kafka = args.string("kafka", "process");
        Map<String, Object> extra = new HashMap<>();
        for (String kv : args.string("analytics-config", "").split(",")) {
            if (!kv.isBlank()) {
                extra.put(kv.substring(0, kv.indexOf('=')).strip(), kv.substring(kv.indexOf('=') + 1).strip());
            }
        }
        args.requireAllRead("replay");
        Path dir = Files.createTempDirectory("istgt-bench-replay-");
        try (Services services = Services.start(kafka)) {
            try (Admin admin = services.kafka().admin()) {
                Map<String, String> config = Map.of("compression.type", "zstd", "retention.ms", "-1");
                admin.createTopics(List.of(new NewTopic(VOLUME_TOPIC, PARTITIONS, (short) 1).configs(config),
                        new NewTopic(REPLICA_TOPIC, PARTITIONS, (short) 1).configs(config))).all().get();
            }
            long t0 = System.nanoTime();
            long produced = produce(services, records, volumes);
            double produceSeconds = (System.nanoTime() - t0) / 1e9;
            log.info("produced {} records in {} s", produced, produceSeconds);

            Phase consumer = Phase.start();
            long consumed = consumeAll(services, produced);
            consumer = consumer.end();
            log.info("plain consumer read {} records in {} s", consumed, consumer.seconds());

            Map<String, Object> settings = new HashMap<>();
            settings.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, services.bootstrapServers());
            settings.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, services.registryUrl());
            settings.put(AnalyticsConfig.TOPIC_REPLICATION, "1");
            settings.put(AnalyticsConfig.VOLUME_TOPIC, VOLUME_TOPIC);
            settings.put(AnalyticsConfig.REPLICA_TOPIC, REPLICA_TOPIC);
            settings.put(AnalyticsConfig.ALERTS_TOPIC, "bench.replay.alerts");
            settings.put(AnalyticsConfig.ACTIVE_ALERTS_TOPIC, "bench.replay.alerts.active");
            settings.put(AnalyticsConfig.TRANSITIONS_TOPIC, "bench.replay.replica.transitions");
            settings.put(AnalyticsConfig.VOLUME_TRANSITIONS_TOPIC, "bench.replay.volume.transitions");
            settings.put("consumer." + ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            // The history writer is a consumer group of its own that writes the history once; reprocessing the
            // alerts under a new application.id does not write it again, so it is not part of what is measured.
            settings.put(AnalyticsConfig.HISTORY_ENABLED, "false");
            // The defaults (what a live analytics runs), then the replay profile, each a fresh application.id
            // reading everything from the start.
            Run defaults = analytics(services, settings, extra, dir.resolve("defaults"));
            Map<String, Object> replay = new HashMap<>(AnalyticsApp.REPLAY_PROFILE);
            replay.putAll(extra);
            Run profile = analytics(services, settings, replay, dir.resolve("profile"));

            double consumerRate = consumed / consumer.seconds();
            Figures f = new Figures("replay", "analytics (fresh application.id, exactly_once_v2) reprocessing "
                    + produced + " records of " + volumes + " volumes from the start until lag 0, with its defaults"
                    + " and with AnalyticsApp.REPLAY_PROFILE, vs a plain consumer (AvroDeserializer) of the same"
                    + " records, same run");
            f.info("plain consumer + AvroDeserializer", consumerRate, "records/s");
            f.info("analytics, defaults", produced / defaults.phase().seconds(), "records/s");
            f.info("ratio analytics (defaults) / consumer", produced / defaults.phase().seconds() / consumerRate, "x");
            f.info("analytics, replay profile", produced / profile.phase().seconds(), "records/s");
            f.figure("ratio analytics (replay profile) / consumer", ">= 0.5",
                    produced / profile.phase().seconds() / consumerRate, "x", Check.atLeast(0.5));
            f.info("consumer wall time", consumer.seconds(), "s");
            f.info("analytics wall time, defaults (start to lag 0)", defaults.phase().seconds(), "s");
            f.info("analytics wall time, replay profile", profile.phase().seconds(), "s");
            f.info("analytics startup, defaults (start to first commit)", defaults.firstCommit(), "s");
            f.info("analytics startup, replay profile", profile.firstCommit(), "s");
            // CPU of this JVM per record: the wall-clock rates above depend on what else the machine runs, this
            // much less (the broker process's CPU is not in it).
            f.info("consumer JVM CPU per record", consumer.cpuSeconds() * 1e6 / consumed, "us");
            f.info("analytics JVM CPU per record, defaults", defaults.phase().cpuSeconds() * 1e6 / produced, "us");
            f.info("analytics JVM CPU per record, replay profile", profile.phase().cpuSeconds() * 1e6 / produced, "us");
            f.info("analytics stream threads' CPU per record, defaults",
                    defaults.streamThreadCpuSeconds() * 1e6 / produced, "us");
            f.info("analytics stream threads' CPU per record, replay profile",
                    profile.streamThreadCpuSeconds() * 1e6 / produced, "us");
            f.info("records", produced, "records");
            f.info("generation (collector producer settings)", produced / produceSeconds, "records/s");
            f.note("both read " + VOLUME_TOPIC + " and " + REPLICA_TOPIC + " (" + PARTITIONS + " partitions each) from"
                    + " a broker (" + kafka + "); the consumer, then the analytics with defaults, then with the replay"
                    + " profile, one after the other");
            f.note("load average (1 min) at start / end: consumer " + consumer.loads() + ", analytics defaults "
                    + defaults.phase().loads() + ", replay profile " + profile.phase().loads());
            f.note("analytics defaults: AnalyticsApp's (commit.interval.ms 100)" + (extra.isEmpty() ? ""
                    : " plus " + extra) + "; replay profile: " + replay);
            return f;
        }
    }

    /**
     * One analytics run: its phase, when it first committed (seconds from start), and the CPU seconds its stream
     * threads used (what the analytics itself costs, without the JIT compiler, GC and this driver).
     */
    private record Run(Phase phase, double firstCommit, double streamThreadCpuSeconds) {
    }

    private static Run analytics(Services services, Map<String, Object> common, Map<String, Object> extra, Path stateDir)
            throws Exception {
        Map<String, Object> settings = new HashMap<>(common);
        String applicationId = "bench-replay-" + UUID.randomUUID();
        settings.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        settings.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        settings.putAll(extra);
        Phase phase = Phase.start();
        double firstCommit;
        Map<Long, Long> streamThreadCpu = new HashMap<>();
        try (AnalyticsApp analytics = AnalyticsApp.start(settings)) {
            firstCommit = awaitLagZero(services, analytics, applicationId, phase.startNanos(), streamThreadCpu);
        }
        phase = phase.end();
        double cpu = streamThreadCpu.values().stream().mapToLong(Long::longValue).sum() / 1e9;
        log.info("analytics with {} caught up in {} s, stream threads {} CPU s", extra, phase.seconds(), cpu);
        return new Run(phase, firstCommit, cpu);
    }

    /** Wall time, this JVM's CPU time and the load average over one part of the run. */
    private record Phase(long startNanos, long startCpu, double startLoad, long endNanos, long endCpu, double endLoad) {

        private static final OperatingSystemMXBean OS =
                (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

        static Phase start() {
            return new Phase(System.nanoTime(), OS.getProcessCpuTime(), OS.getSystemLoadAverage(), 0, 0, 0);
        }

        Phase end() {
            return new Phase(startNanos, startCpu, startLoad, System.nanoTime(), OS.getProcessCpuTime(),
                    OS.getSystemLoadAverage());
        }

        double seconds() {
            return (endNanos - startNanos) / 1e9;
        }

        double cpuSeconds() {
            return (endCpu - startCpu) / 1e9;
        }

        String loads() {
            return String.format("%.1f / %.1f", startLoad, endLoad);
        }
    }

    /** Records each live stream thread's CPU time so far (a replaced thread keeps its last reading). */
    private static void sampleStreamThreadCpu(String applicationId, Map<Long, Long> cpu) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith(applicationId) && t.getName().matches(".*-StreamThread-\\d+")) {
                long nanos = threads.getThreadCpuTime(t.threadId());
                if (nanos > 0) {
                    cpu.merge(t.threadId(), nanos, Math::max);
                }
            }
        }
    }

    private static long produce(Services services, long records, int volumes) throws Exception {
        // The history ends before now and starts no earlier than it must (each poll gives at least one record):
        // the analytics date what they derive as its input, and a broker deletes (or, with
        // message.timestamp.before.max.ms, refuses) a record older than its topic allows, so an input dated weeks
        // back could lose outputs, not only measure them.
        Duration interval = Duration.ofSeconds(10);
        long polls = (records + volumes - 1) / volumes;
        Instant start = Instant.now().minus(interval.multipliedBy(polls)).truncatedTo(ChronoUnit.SECONDS);
        RecordGenerator generator = new RecordGenerator(volumes, start, interval);
        Map<String, Object> props = ProducerSettings.producer(Map.of(), services.bootstrapServers(), "bench-replay");
        Map<String, Object> serde = ProducerSettings.serializer(Map.of(), services.registryUrl());
        AvroSerializer<SpecificRecord> keys = new AvroSerializer<>();
        AvroSerializer<SpecificRecord> values = new AvroSerializer<>();
        keys.configure(serde, true);
        values.configure(serde, false);
        AtomicReference<Exception> failed = new AtomicReference<>();
        long sent = 0;
        try (KafkaProducer<SpecificRecord, SpecificRecord> producer = new KafkaProducer<>(props, keys, values)) {
            for (int step = 0; sent < records; step++) {
                for (int v = 0; v < generator.volumes() && sent < records; v++) {
                    for (OutboundRecord r : generator.poll(v, step)) {
                        String topic = r.stream() == RecordStream.VOLUME ? VOLUME_TOPIC : REPLICA_TOPIC;
                        producer.send(new ProducerRecord<>(topic, r.key(), r.value()), (m, e) -> {
                            if (e != null) {
                                failed.compareAndSet(null, e);
                            }
                        });
                        sent++;
                    }
                }
                if (failed.get() != null) {
                    throw new IllegalStateException("producing the replay records failed", failed.get());
                }
                if (step % 50 == 0) {
                    log.info("generated {} records", sent);
                }
            }
            producer.flush();
        }
        if (failed.get() != null) {
            throw new IllegalStateException("producing the replay records failed", failed.get());
        }
        return sent;
    }

    private static long consumeAll(Services services, long expected) {
        Map<String, Object> props = new HashMap<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, services.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "bench-replay-consumer-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, AvroDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, AvroDeserializer.class,
                AvroSerdeConfig.SCHEMA_REGISTRY_URL, services.registryUrl()));
        long count = 0;
        long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
        try (KafkaConsumer<SpecificRecord, SpecificRecord> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(VOLUME_TOPIC, REPLICA_TOPIC));
            while (count < expected) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the plain consumer read only " + count + " of " + expected
                            + " records in 30 min");
                }
                count += consumer.poll(Duration.ofMillis(500)).count();
            }
        }
        return count;
    }

    /**
     * Waits until the application's committed offsets reach the end of both topics; returns seconds to first
     * commit. Fails at once when the analytics stopped (it would never catch up).
     */
    private static double awaitLagZero(Services services, AnalyticsApp analytics, String applicationId, long t0,
                                       Map<Long, Long> streamThreadCpu) throws Exception {
        double firstCommit = Double.NaN;
        long deadline = System.nanoTime() + Duration.ofHours(1).toNanos();
        try (Admin admin = services.kafka().admin()) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (String topic : List.of(VOLUME_TOPIC, REPLICA_TOPIC)) {
                for (int p = 0; p < PARTITIONS; p++) {
                    latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
                }
            }
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get();
            while (System.nanoTime() < deadline) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(applicationId)
                        .partitionsToOffsetAndMetadata().get();
                long lag = 0;
                for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> e : ends.entrySet()) {
                    OffsetAndMetadata c = committed.get(e.getKey());
                    lag += e.getValue().offset() - (c == null ? 0 : c.offset());
                }
                if (Double.isNaN(firstCommit) && !committed.isEmpty()) {
                    firstCommit = (System.nanoTime() - t0) / 1e9;
                }
                sampleStreamThreadCpu(applicationId, streamThreadCpu);
                if (lag <= 0) {
                    return firstCommit;
                }
                KafkaStreams.State state = analytics.state();
                if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.PENDING_ERROR
                        || state == KafkaStreams.State.NOT_RUNNING) {
                    throw new IllegalStateException("the analytics stopped (" + state + ") with " + lag
                            + " records left to process; its log says why");
                }
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("the analytics did not catch up within 1 h");
    }
}
