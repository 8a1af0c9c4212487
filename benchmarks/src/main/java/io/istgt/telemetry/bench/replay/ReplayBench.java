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
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Benchmark 5 (issue 6): the analytics reprocessing the status topics from the start (a fresh application.id)
 * until its consumer lag is 0, in records per second, against a plain consumer that only reads and decodes
 * (the project's {@link AvroDeserializer}) the same records, in the same run. Target: ratio at least 0.5.
 *
 * <p>The records (default 5,000,000: volume and replica records of realistic snapshots, see
 * {@link RecordGenerator}) are produced with the collector's producer settings and the project's serializer.
 *
 * <p>Options: {@code --records} (5000000), {@code --volumes} (2000), {@code --kafka} (process),
 * {@code --analytics-config KEY=VALUE,...} (extra analytics / Kafka Streams settings, none by default).
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

            t0 = System.nanoTime();
            long consumed = consumeAll(services, produced);
            double consumerSeconds = (System.nanoTime() - t0) / 1e9;
            log.info("plain consumer read {} records in {} s", consumed, consumerSeconds);

            Map<String, Object> settings = new HashMap<>();
            String applicationId = "bench-replay-" + UUID.randomUUID();
            settings.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, services.bootstrapServers());
            settings.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
            settings.put(StreamsConfig.STATE_DIR_CONFIG, dir.resolve("streams").toString());
            settings.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, services.registryUrl());
            settings.put(AnalyticsConfig.TOPIC_REPLICATION, "1");
            settings.put(AnalyticsConfig.VOLUME_TOPIC, VOLUME_TOPIC);
            settings.put(AnalyticsConfig.REPLICA_TOPIC, REPLICA_TOPIC);
            settings.put(AnalyticsConfig.ALERTS_TOPIC, "bench.replay.alerts");
            settings.put(AnalyticsConfig.ACTIVE_ALERTS_TOPIC, "bench.replay.alerts.active");
            settings.put(AnalyticsConfig.TRANSITIONS_TOPIC, "bench.replay.replica.transitions");
            settings.put(AnalyticsConfig.VOLUME_TRANSITIONS_TOPIC, "bench.replay.volume.transitions");
            settings.put("consumer." + ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            settings.putAll(extra);
            t0 = System.nanoTime();
            double firstProgress;
            try (AnalyticsApp analytics = AnalyticsApp.start(settings)) {
                firstProgress = awaitLagZero(services, applicationId, t0);
            }
            double analyticsSeconds = (System.nanoTime() - t0) / 1e9;
            double consumerRate = consumed / consumerSeconds;
            double analyticsRate = produced / analyticsSeconds;
            Figures f = new Figures("replay", "analytics (fresh application.id, exactly_once_v2) reprocessing "
                    + produced + " records of " + volumes + " volumes from the start until lag 0, vs a plain"
                    + " consumer (AvroDeserializer) of the same records, same run");
            f.info("analytics", analyticsRate, "records/s");
            f.info("plain consumer + AvroDeserializer", consumerRate, "records/s");
            f.figure("ratio analytics / consumer", ">= 0.5", analyticsRate / consumerRate, "x", Check.atLeast(0.5));
            f.info("analytics wall time (start to lag 0)", analyticsSeconds, "s");
            f.info("analytics startup (start to first commit)", firstProgress, "s");
            f.info("analytics rate after its first commit", produced / (analyticsSeconds - firstProgress), "records/s");
            f.info("consumer wall time", consumerSeconds, "s");
            f.info("records", produced, "records");
            f.info("generation (collector producer settings)", produced / produceSeconds, "records/s");
            f.note("both read " + VOLUME_TOPIC + " and " + REPLICA_TOPIC + " (" + PARTITIONS + " partitions each) from"
                    + " a broker (" + kafka + "); the consumer first, then the analytics, one after the other");
            f.note("analytics settings: AnalyticsApp defaults (commit.interval.ms 100)" + (extra.isEmpty() ? ""
                    : " plus " + extra));
            return f;
        }
    }

    private static long produce(Services services, long records, int volumes) throws Exception {
        Instant start = Instant.now().minus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS);
        RecordGenerator generator = new RecordGenerator(volumes, start, Duration.ofSeconds(10));
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

    /** Waits until the application's committed offsets reach the end of both topics; returns seconds to first commit. */
    private static double awaitLagZero(Services services, String applicationId, long t0) throws Exception {
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
                if (lag <= 0) {
                    return firstCommit;
                }
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("the analytics did not catch up within 1 h");
    }
}
