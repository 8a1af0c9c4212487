package io.istgt.telemetry.collector.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.istgt.telemetry.collector.publish.OutboundRecord;
import io.istgt.telemetry.collector.publish.PollRecords;
import io.istgt.telemetry.collector.publish.RecordStream;
import io.istgt.telemetry.schemas.DroppedPolls;
import io.istgt.telemetry.schemas.PollFailure;
import io.istgt.telemetry.schemas.PollFailureKind;
import io.istgt.telemetry.schemas.FailureKeySource;
import io.istgt.telemetry.schemas.VolumeKey;
import io.istgt.telemetry.schemas.VolumeStatus;
import io.istgt.telemetry.schemas.serde.InMemorySchemaRegistryClient;
import io.istgt.telemetry.schemas.serde.SchemaRegistryClient;
import io.istgt.telemetry.schemas.serde.SchemaRegistryException;
import io.istgt.telemetry.schemas.serde.SchemaRegistryUnavailableException;
import io.istgt.telemetry.testsupport.Await;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SpoolingRecordSinkTest {

    private static final String VOLUMES = "istgt.volume.status";
    private static final String REPLICAS = "istgt.replica.status";
    private static final Map<RecordStream, String> TOPICS = Map.of(RecordStream.VOLUME, VOLUMES,
            RecordStream.REPLICA, REPLICAS);

    @TempDir
    Path dir;
    private final FakeKafka kafka = new FakeKafka(List.of(VOLUMES, REPLICAS));
    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    private final AtomicBoolean registryDown = new AtomicBoolean();
    private final AtomicBoolean registryRefuses = new AtomicBoolean();
    private final Counts counts = new Counts();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
    private SpoolingRecordSink sink;

    private SpoolingRecordSink open(long maxBytes) throws IOException {
        return open(maxBytes, SpoolingRecordSink.Batching.DEFAULT);
    }

    private SpoolingRecordSink open(long maxBytes, SpoolingRecordSink.Batching batching) throws IOException {
        sink = SpoolingRecordSink.open(new SpoolingRecordSink.Settings(dir, maxBytes, Duration.ofMillis(200)), kafka,
                flakyRegistry(), Map.of("schema.registry.url", "mock://unused"), TOPICS, counts, clock,
                Duration.ofSeconds(30), batching);
        return sink;
    }

    @AfterEach
    void close() {
        if (sink != null) {
            sink.close(Duration.ofSeconds(1));
        }
    }

    @Test
    void shouldNumberNewPollsPastEveryEntryTheCheckpointCounts() {
        io.istgt.telemetry.collector.spool.Checkpoint checkpoint = new io.istgt.telemetry.collector.spool.Checkpoint(5,
                Map.of(), List.of(new io.istgt.telemetry.collector.spool.Checkpoint.InFlight(7, 0, "/t", 1, 7, "f")),
                List.of(new io.istgt.telemetry.collector.spool.Checkpoint.Present(6, 0)), Map.of());

        assertThat(SpoolingRecordSink.firstIndexNotCounted(checkpoint)).isEqualTo(8);
        assertThat(SpoolingRecordSink.firstIndexNotCounted(io.istgt.telemetry.collector.spool.Checkpoint.EMPTY))
                .isEqualTo(1);
    }

    @Test
    void shouldDeliverEveryPollInOrderInTheWireFormatStampedWithItsCollectionTime() throws Exception {
        open(1L << 30);

        for (int seq = 1; seq <= 3; seq++) {
            sink.publish("/a", SinkRecords.poll("/a", seq));
            sink.publish("/b", SinkRecords.poll("/b", seq));
        }

        await(() -> kafka.topic.size() == 12);
        assertThat(volumes()).extracting(v -> v.getMetadata().getTarget() + " " + v.getMetadata().getSequence())
                .containsExactly("/a 1", "/b 1", "/a 2", "/b 2", "/a 3", "/b 3");
        var first = kafka.topic.getFirst();
        assertThat(first.value()[0]).isZero();
        assertThat(ByteBuffer.wrap(first.value(), 1, 4).getInt())
                .isEqualTo(registry.idOf(VOLUMES + "-value", VolumeStatus.getClassSchema()));
        assertThat(first.timestamp()).isEqualTo(SinkRecords.AT.plusSeconds(1).toEpochMilli());
        await(() -> counts.waiting.get() == 0);
        assertThat(counts.spooled.get()).isEqualTo(12);
        assertThat(counts.delivered.get()).isEqualTo(12);
        assertThat(sink.notReadyReason()).isEmpty();
    }

    /** Every entry fills a batch (by bytes, by records); an hour of gathering after each would hold the rest back. */
    static Stream<SpoolingRecordSink.Batching> batchesEachEntryFills() {
        return Stream.of(new SpoolingRecordSink.Batching(2000, 1, Duration.ofHours(1)),
                new SpoolingRecordSink.Batching(2, 1L << 30, Duration.ofHours(1)));
    }

    @ParameterizedTest
    @MethodSource("batchesEachEntryFills")
    void shouldSendABacklogWithoutGatheringAfterAFullBatch(SpoolingRecordSink.Batching batching) throws Exception {
        open(1L << 30, batching);

        for (int seq = 1; seq <= 3; seq++) {
            sink.publish("/a", SinkRecords.poll("/a", seq));
        }

        await(() -> kafka.topic.size() == 6);
        assertThat(volumes()).extracting(v -> v.getMetadata().getSequence()).containsExactly(1L, 2L, 3L);
    }

    @Test
    void shouldKeepSpoolingWhileTheRegistryIsDownAndDeliverOnceItIsBack() throws Exception {
        registryDown.set(true);
        open(1L << 30);

        sink.publish("/a", SinkRecords.poll("/a", 1));
        sink.publish("/a", SinkRecords.poll("/a", 2));

        await(() -> sink.notReadyReason().isPresent());
        assertThat(sink.notReadyReason().get()).startsWith("delivering to Kafka failed at 2026-11-25T10:00:00Z: the"
                + " schema registry is unavailable: schema registry at http://r:8081 unreachable: registry down; 4"
                + " records (0 MiB of 1024 MiB) wait in the spool " + dir);
        assertThat(kafka.topic).isEmpty();
        registryDown.set(false);
        await(() -> kafka.topic.size() == 4);
        assertThat(volumes()).extracting(v -> v.getMetadata().getSequence()).containsExactly(1L, 2L);
    }

    @Test
    void shouldHoldWhatTheRegistryRefusesUntilItsSettingsAreFixedDroppingNothing() throws Exception {
        registryRefuses.set(true);
        open(1L << 30);

        sink.publish("/a", SinkRecords.poll("/a", 1));
        sink.publish("/a", SinkRecords.poll("/a", 2));

        await(() -> sink.notReadyReason().isPresent());
        assertThat(sink.notReadyReason().get()).contains("the schema registry refuses the records (fix the registry"
                + " settings or the subject; the records wait in the spool)").contains("HTTP 401");
        assertThat(kafka.topic).isEmpty();
        registryRefuses.set(false);
        await(() -> kafka.topic.size() == 4);
        assertThat(volumes()).extracting(v -> v.getMetadata().getSequence()).containsExactly(1L, 2L);
        assertThat(counts.dropped.get()).isZero();
    }

    @Test
    void shouldHoldWhatKafkaDoesNotAuthorizeUntilTheAclsAreFixed() throws Exception {
        kafka.manual = true;
        open(1L << 30);
        sink.publish("/a", SinkRecords.poll("/a", 1));
        await(() -> !kafka.producers.isEmpty() && kafka.producers.getFirst().history().size() == 2);

        var producer = kafka.producers.getFirst();
        kafka.manual = false;
        producer.errorNext(new TopicAuthorizationException(Set.of(VOLUMES)));
        producer.errorNext(new TopicAuthorizationException(Set.of(REPLICAS)));

        await(() -> kafka.topic.size() == 2 && counts.waiting.get() == 0);
        assertThat(kafka.values(VOLUMES)).hasSize(1);
        assertThat(kafka.values(REPLICAS)).hasSize(1);
        assertThat(counts.dropped.get()).isZero();
    }

    @Test
    void shouldDropOnlyARecordKafkaRefusesForItself() throws Exception {
        kafka.manual = true;
        open(1L << 30);
        sink.publish("/a", SinkRecords.poll("/a", 1));
        await(() -> !kafka.producers.isEmpty() && kafka.producers.getFirst().history().size() == 2);

        var producer = kafka.producers.getFirst();
        producer.errorNext(new RecordTooLargeException("the volume record is larger than max.request.size"));
        kafka.topic.add(producer.history().get(1));
        producer.completeNext();

        await(() -> counts.waiting.get() == 0);
        assertThat(counts.dropped.get()).isEqualTo(1);
        assertThat(kafka.values(VOLUMES)).isEmpty();
        assertThat(kafka.values(REPLICAS)).hasSize(1);
        assertThat(kafka.producers).hasSize(1);
    }

    @Test
    void shouldNotSendAgainWhatReachedKafkaBeforeItsAcknowledgementWasLost() throws Exception {
        kafka.manual = true;
        open(1L << 30);
        sink.publish("/a", SinkRecords.poll("/a", 1));
        await(() -> !kafka.producers.isEmpty() && kafka.producers.getFirst().history().size() == 2);

        // the volume record reached the broker, then the connection died: both sends fail
        var producer = kafka.producers.getFirst();
        kafka.topic.add(producer.history().getFirst());
        kafka.manual = false;
        producer.errorNext(new TimeoutException("Expiring 1 record(s): 120000 ms has passed"));
        producer.errorNext(new TimeoutException("Expiring 1 record(s): 120000 ms has passed"));

        await(() -> kafka.topic.size() == 2 && counts.waiting.get() == 0);
        assertThat(kafka.values(VOLUMES)).hasSize(1);
        assertThat(kafka.values(REPLICAS)).hasSize(1);
        assertThat(counts.found.get()).isEqualTo(1);
    }

    @Test
    void shouldDropTheOldestPollsOverTheCapAndAnnounceTheGapOnTheTargetsNextDeliveredPoll() throws Exception {
        kafka.down = true;
        open(256 << 10);

        for (int seq = 1; seq <= 200; seq++) {
            sink.publish("/a", bigPoll("/a", seq));
        }
        await(() -> counts.dropped.get() > 0);
        kafka.down = false;
        await(() -> counts.waiting.get() == 0 && !kafka.topic.isEmpty());

        List<VolumeStatus> delivered = volumes();
        long firstKept = delivered.getFirst().getMetadata().getSequence();
        assertThat(firstKept).isGreaterThan(1);
        assertThat(delivered.getFirst().getMetadata().getDroppedPolls()).containsExactly(new DroppedPolls(
                SinkRecords.AT, 1L, firstKept - 1));
        assertThat(delivered.subList(1, delivered.size())).allSatisfy(v ->
                assertThat(v.getMetadata().getDroppedPolls()).isEmpty());
        assertThat(delivered).extracting(v -> v.getMetadata().getSequence()).containsExactlyElementsOf(
                java.util.stream.LongStream.rangeClosed(firstKept, 200).boxed().toList());
        assertThat(counts.dropped.get()).isEqualTo(2 * (firstKept - 1));
    }

    @Test
    void shouldDeliverAfterARestartWhatTheLastRunLeftInTheSpool() throws Exception {
        kafka.down = true;
        open(1L << 30);
        sink.publish("/a", SinkRecords.poll("/a", 1));
        sink.publish("/a", SinkRecords.poll("/a", 2));
        sink.close(Duration.ofMillis(200));
        sink = null;
        assertThat(kafka.topic).isEmpty();

        kafka.down = false;
        open(1L << 30);

        await(() -> kafka.topic.size() == 4);
        assertThat(volumes()).extracting(v -> v.getMetadata().getSequence()).containsExactly(1L, 2L);
    }

    private static PollRecords bigPoll(String target, long seq) {
        OutboundRecord.Volume small = SinkRecords.volume(target, seq);
        VolumeStatus value = VolumeStatus.newBuilder(small.value()).setFailure(new PollFailure(
                PollFailureKind.UNREACHABLE, "x".repeat(2000), null, null, FailureKeySource.TARGET_NAME, 1, null))
                .build();
        return new PollRecords(List.of(new OutboundRecord.Volume(new VolumeKey(target), value)),
                List.of(SinkRecords.replica(target, seq)));
    }

    private List<VolumeStatus> volumes() throws IOException {
        Schema schema = VolumeStatus.getClassSchema();
        List<VolumeStatus> out = new java.util.ArrayList<>();
        for (byte[] v : kafka.values(VOLUMES)) {
            out.add(new SpecificDatumReader<VolumeStatus>(schema).read(null,
                    DecoderFactory.get().binaryDecoder(v, 5, v.length - 5, null)));
        }
        return out;
    }

    private SchemaRegistryClient flakyRegistry() {
        return new SchemaRegistryClient() {
            @Override
            public int register(String subject, Schema schema) {
                check();
                return registry.register(subject, schema);
            }

            @Override
            public int idOf(String subject, Schema schema) {
                check();
                return registry.idOf(subject, schema);
            }

            @Override
            public Schema schemaById(int id) {
                return registry.schemaById(id);
            }

            @Override
            public void setCompatibility(String subject, io.istgt.telemetry.schemas.serde.Compatibility c) {
                check();
                registry.setCompatibility(subject, c);
            }

            @Override
            public io.istgt.telemetry.schemas.serde.Compatibility compatibility(String subject) {
                return registry.compatibility(subject);
            }

            private void check() {
                if (registryDown.get()) {
                    throw new SchemaRegistryUnavailableException("schema registry at http://r:8081 unreachable: registry down");
                }
                if (registryRefuses.get()) {
                    throw new SchemaRegistryException("schema registry refused to register schema under subject"
                            + " istgt.volume.status-value: HTTP 401 (error_code 401) from http://r:8081: Unauthorized"
                            + " (the registry refused user collector or its password: check basic.auth.user.info)");
                }
            }
        };
    }

    /** Waits for the sink's delivery to reach {@code condition}; a failure shows where it stands. */
    private void await(BooleanSupplier condition) throws Exception {
        Await.atMost(Duration.ofSeconds(20)).every(Duration.ofMillis(10)).until(condition::getAsBoolean,
                () -> "the condition, with " + kafka.topic.size() + " records in Kafka, " + kafka.producers.size()
                        + " producers, spooled " + counts.spooled + ", delivered " + counts.delivered + ", dropped "
                        + counts.dropped + ", waiting " + counts.waiting + ", not ready: "
                        + (sink == null ? "no sink" : sink.notReadyReason()));
    }

    private static final class Counts implements SinkListener {
        final AtomicLong spooled = new AtomicLong();
        final AtomicLong delivered = new AtomicLong();
        final AtomicLong dropped = new AtomicLong();
        final AtomicLong found = new AtomicLong();
        final AtomicLong waiting = new AtomicLong();

        @Override
        public void spooled(int records) {
            spooled.addAndGet(records);
        }

        @Override
        public void delivered(String topic) {
            delivered.incrementAndGet();
        }

        @Override
        public void sendFailed(String topic, String error) {
        }

        @Override
        public void dropped(String reason, int records) {
            dropped.addAndGet(records);
        }

        @Override
        public void foundInKafka(int records) {
            found.addAndGet(records);
        }

        @Override
        public void damaged(long entries) {
        }

        @Override
        public void spoolSize(long records, long bytes) {
            waiting.set(records);
        }
    }
}
